"""The settings screen: saved whole and audited, each bad value marked, Escape asks first."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Select

from kiosk.app import KioskApp
from kiosk.clock import FixedClock
from kiosk.services.release import policy
from kiosk.services.staff.auth import StaffMember
from kiosk.services.store import settings
from models import AuditEntry
from screens.coordinator.home import CoordinatorHome
from screens.coordinator.settings import SettingsScreen
from screens.parent.idle import IdleScreen
from screens.widgets.confirm import ConfirmScreen
from tests.support.files import write
from tests.support.pilots import (
    ADMIN_SIZE,
    HostApp,
    click,
    fill,
    invalid_ids,
    sign_in,
    text_of,
    until,
)


def _app(coordinator: StaffMember, clock: FixedClock) -> HostApp:
    return HostApp(lambda: SettingsScreen(coordinator, clock))


async def test_settings_are_saved_and_audited(coordinator: StaffMember, clock: FixedClock) -> None:
    app = _app(coordinator, clock)
    async with app.run_test(size=ADMIN_SIZE) as pilot:
        fill(app.screen, {"centre_name": "Harbour Centre", "waiting_area_visiting": "Garden Room"})
        app.screen.query_one("#waiting_area_resident", Select).value = "Front Lounge"
        await click(pilot, "#save")
        await until(pilot, lambda: "Saved" in text_of(app.screen, "#status"))
    assert settings.get("waiting_area_resident") == "Front Lounge"
    targets = {e.target for e in AuditEntry.select().where(AuditEntry.action == "setting_changed")}
    assert targets == {
        "setting:centre_name",
        "setting:waiting_area_resident",
        "setting:waiting_area_visiting",
    }


async def test_a_bad_value_is_marked_and_nothing_saved(
    coordinator: StaffMember, clock: FixedClock
) -> None:
    app = _app(coordinator, clock)
    async with app.run_test(size=ADMIN_SIZE) as pilot:
        fill(app.screen, {"centre_name": "Elsewhere", "duplicate_scan_seconds": "lots"})
        await click(pilot, "#save")
        assert "from 5 to 600" in text_of(app.screen, "#errors")
        assert invalid_ids(app.screen) == {"duplicate_scan_seconds"}
        await pilot.press("escape")
        assert isinstance(app.screen, ConfirmScreen)
        assert "the changed settings" in text_of(app.screen, "#question")
    assert settings.get("centre_name") != "Elsewhere"


async def test_the_policy_is_stored_with_its_review(
    coordinator: StaffMember, clock: FixedClock, tmp_path: Path
) -> None:
    text = write(tmp_path / "policy.md", "# Our policy\n\nWe keep families apart.\n")
    app = _app(coordinator, clock)
    async with app.run_test(size=ADMIN_SIZE) as pilot:
        fill(
            app.screen,
            {"policy-file": str(text), "policy-by": "The trustees", "policy-on": "01/11/2026"},
        )
        await click(pilot, "#store-policy")
        await until(pilot, lambda: "Stored the policy" in text_of(app.screen, "#status"))
        assert "reviewed by The trustees on 01/11/2026" in text_of(app.screen, "#review")
    assert policy.current().text.startswith("# Our policy")


async def test_the_staff_idle_lock_follows_its_setting(
    coordinator: StaffMember, clock: FixedClock
) -> None:
    settings.put("staff_idle_lock_seconds", "60")
    app = KioskApp(clock)
    async with app.run_test(size=(100, 30)) as pilot:
        await sign_in(pilot, coordinator)
        assert isinstance(app.screen, CoordinatorHome)
        clock.advance(seconds=59)
        app.check_idle_lock()
        assert isinstance(app.screen, CoordinatorHome)
        clock.advance(seconds=1)
        app.check_idle_lock()
        await pilot.pause()
        assert isinstance(app.screen, IdleScreen)
