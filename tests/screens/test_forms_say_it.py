"""The co-ordinator's other forms say plainly what happened: a long DBS number refused,
a setting named by its label, dates in either form."""

from __future__ import annotations

from textual.widgets import DataTable, Input, Static

from kiosk.clock import FixedClock
from kiosk.services.cases import case_file as cases
from kiosk.services.staff.auth import StaffMember
from kiosk.services.store import audit
from models import Volunteer
from screens.coordinator.audit_log import AuditLogScreen
from screens.coordinator.closures import ClosuresScreen
from screens.coordinator.settings import SettingsScreen
from screens.coordinator.volunteer_form import VolunteerFormScreen
from tests.support.builders import sample_file
from tests.support.pilots import ADMIN_SIZE, HostApp, click, fill, invalid_ids, text_of, until


async def test_a_thirteen_digit_dbs_number_is_refused_not_cut(
    coordinator: StaffMember, clock: FixedClock
) -> None:
    app = HostApp(lambda: VolunteerFormScreen(coordinator, clock, None))
    async with app.run_test(size=ADMIN_SIZE) as pilot:
        fill(app.screen, {"name": "Tom", "secret": "135790", "dbs_issued_on": "01/03/2025"})
        await click(pilot, "#dbs_number")
        await pilot.press(*"1012345678901")
        assert app.screen.query_one("#dbs_number", Input).value == "1012345678901"
        await click(pilot, "#save")
        assert "dbs_number" in invalid_ids(app.screen)
        errors = text_of(app.screen, "#errors")
        assert "Certificate no.: a DBS certificate number is 12 digits" in errors
    assert not Volunteer.select().where(Volunteer.name == "Tom").exists()


async def test_a_saved_setting_is_named_by_its_label(
    coordinator: StaffMember, clock: FixedClock
) -> None:
    app = HostApp(lambda: SettingsScreen(coordinator, clock))
    async with app.run_test(size=ADMIN_SIZE) as pilot:
        fill(app.screen, {"duplicate_scan_seconds": "90"})
        await click(pilot, "#save")
        await until(pilot, lambda: "Saved" in text_of(app.screen, "#status"))
        status = text_of(app.screen, "#status")
        assert status == "Saved: Kiosk: repeat scan ignored (s)."
        fill(app.screen, {"duplicate_scan_seconds": "lots"})
        await click(pilot, "#save")
        assert text_of(app.screen, "#errors").startswith("Kiosk: repeat scan ignored (s): ")


async def test_the_audit_filter_takes_either_date_form_and_says_so(
    coordinator: StaffMember, clock: FixedClock
) -> None:
    audit.record("sign_in", clock.now(), actor_label="cli")
    audit.record("sign_in", clock.now().replace(year=2025), actor_label="cli")
    app = HostApp(lambda: AuditLogScreen(coordinator, clock))
    async with app.run_test(size=ADMIN_SIZE) as pilot:
        assert "DD/MM/YYYY" in text_of(app.screen, "#hint")
        fill(app.screen, {"since": f"{clock.now():%d/%m/%Y}"})
        await click(pilot, "#apply")
        assert app.screen.query_one("#log", DataTable).row_count == 1
        assert "is not a date" not in text_of(app.screen, "#status")


async def test_the_audit_log_names_the_case_and_shows_a_whole_detail(
    coordinator: StaffMember, clock: FixedClock
) -> None:
    saved = cases.save_case(sample_file(), coordinator, clock)
    long_detail = "moved from the Blue Room to the Green Room " * 4 + "END"
    audit.record("move_booking", clock.now(), target=f"case:{saved.id}", detail=long_detail)
    app = HostApp(lambda: AuditLogScreen(coordinator, clock))
    async with app.run_test(size=(80, 24)) as pilot:
        table = app.screen.query_one("#log", DataTable)
        table.focus()
        await pilot.pause()
        assert f"case:{saved.id} ({saved.ref})" in [str(c) for c in table.get_row_at(0)]
        entry = app.screen.query_one("#entry", Static)
        assert f"case:{saved.id}, of case {saved.ref}" in str(entry.render())
        assert "END" in str(entry.render())
        assert entry.region.height > 1 and entry.region.bottom <= 24


async def test_a_closed_day_s_bad_date_names_its_box(
    coordinator: StaffMember, clock: FixedClock
) -> None:
    app = HostApp(lambda: ClosuresScreen(coordinator, clock))
    async with app.run_test(size=ADMIN_SIZE) as pilot:
        fill(app.screen, {"day": "31/11/2026", "reason": "Training"})
        await click(pilot, "#add")
        assert text_of(app.screen, "#errors").startswith("Date: '31/11/2026' is not a date")
        assert invalid_ids(app.screen) == {"day"}
        assert app.focused is not None and app.focused.id == "day"
