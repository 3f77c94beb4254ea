"""Volunteer list and form, and the card screen, driven through the real App."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

import zxingcpp
from PIL import Image
from textual.widgets import Checkbox, DataTable, Select

from kiosk.clock import FixedClock
from kiosk.services.cards import issue as card_issue
from kiosk.services.cases import case_file as cases
from kiosk.services.staff import auth
from kiosk.services.staff.auth import StaffMember
from kiosk.services.staff.volunteers import VolunteerData, save_volunteer
from models import AuditEntry, Card, DbsLevel, Declaration, Role, Volunteer
from screens.coordinator.card import CardScreen
from screens.coordinator.volunteer_form import VolunteerFormScreen
from screens.coordinator.volunteer_list import VolunteerListScreen
from tests.support.builders import sample_file
from tests.support.pilots import ADMIN_SIZE, HostApp, click, fill, invalid_ids, text_of, until


async def test_create_a_volunteer_from_the_list(
    coordinator: StaffMember, clock: FixedClock
) -> None:
    app = HostApp(lambda: VolunteerListScreen(coordinator, clock))
    async with app.run_test(size=ADMIN_SIZE) as pilot:
        assert app.screen.query_one("#volunteers", DataTable).row_count == 1
        await click(pilot, "#new")
        form = app.screen
        assert isinstance(form, VolunteerFormScreen)
        fill(
            form,
            {
                "name": "Priya Shah",
                "secret": "135790",
                "dbs_number": "101234567890",
                "dbs_issued_on": "01/03/2025",
            },
        )
        form.query_one("#dbs_level", Select).value = DbsLevel.ENHANCED_BARRED.value
        form.query_one("#dbs_update_service", Checkbox).value = True
        await click(pilot, "#save")
        await until(
            pilot, lambda: text_of(form, "#status") == "Saved Priya Shah. The new PIN is set."
        )
        await click(pilot, "#close")
        table = app.screen.query_one("#volunteers", DataTable)
        assert table.row_count == 2
    row = Volunteer.get(Volunteer.name == "Priya Shah")
    assert (row.dbs_number, row.dbs_level, row.dbs_update_service) == (
        "101234567890",
        "enhanced_barred",
        True,
    )
    assert str(row.dbs_issued_on) == "2025-03-01"
    assert auth.sign_in("Priya Shah", "135790", clock).ok


async def test_bad_dbs_number_and_pin_are_marked(
    coordinator: StaffMember, clock: FixedClock
) -> None:
    app = HostApp(lambda: VolunteerFormScreen(coordinator, clock, None))
    async with app.run_test(size=ADMIN_SIZE) as pilot:
        fill(app.screen, {"name": "Tom", "secret": "12", "dbs_number": "12345"})
        await click(pilot, "#save")
        assert invalid_ids(app.screen) == {"secret", "dbs_number", "dbs_issued_on", "dbs_level"}
        assert "12 digits" in text_of(app.screen, "#errors")
    assert not Volunteer.select().where(Volunteer.name == "Tom").exists()


async def test_edit_declare_withdraw_and_reset_pin(
    coordinator: StaffMember, clock: FixedClock
) -> None:
    cases.save_case(sample_file("K-1"), coordinator, clock)
    saved = save_volunteer(
        VolunteerData(
            "Tom Hughes",
            dbs_number="109876543210",
            dbs_issued_on=date(2025, 1, 1),
            dbs_level=DbsLevel.ENHANCED,
        ),
        coordinator,
        clock,
        "135790",
    )
    app = HostApp(lambda: VolunteerFormScreen(coordinator, clock, saved.id))
    async with app.run_test(size=ADMIN_SIZE) as pilot:
        form = app.screen
        fill(form, {"decl_case": "NOPE", "decl_on": "2026-11-01"})
        await click(pilot, "#declare")
        assert invalid_ids(form) == {"decl_case"}
        fill(form, {"decl_case": "K-1", "decl_note": "neighbour"})
        await click(pilot, "#declare")
        await until(pilot, lambda: text_of(form, "#status") == "Declaration recorded.")
        assert "Case K-1, declared 01/11/2026: neighbour" in text_of(form, ".declaration")
        declaration = Declaration.get()
        await click(pilot, f"#withdraw-{declaration.id}")
        await until(pilot, lambda: text_of(form, "#status") == "Declaration withdrawn.")
        assert not form.query(".declaration")
        fill(form, {"secret": "975310", "dbs_number": "109876543211"})
        await click(pilot, "#save")
        await until(pilot, lambda: text_of(form, "#status").endswith("The new PIN is set."))
    assert Volunteer.get_by_id(saved.id).dbs_number == "109876543211"
    assert auth.sign_in("Tom Hughes", "975310", clock).ok
    assert not auth.sign_in("Tom Hughes", "135790", clock).ok
    assert AuditEntry.select().where(AuditEntry.action == "reset_secret").count() == 1


def _resident(coordinator: StaffMember, clock: FixedClock) -> int:
    saved = cases.save_case(sample_file(), coordinator, clock)
    person = saved.person(Role.RESIDENT)
    assert person is not None and person.id is not None
    return person.id


async def test_issue_and_revoke_a_card(
    coordinator: StaffMember, clock: FixedClock, tmp_path: Path
) -> None:
    person_id = _resident(coordinator, clock)
    folder = tmp_path / "cards"
    app = HostApp(lambda: CardScreen(coordinator, clock, person_id, folder=folder))
    async with app.run_test(size=ADMIN_SIZE) as pilot:
        screen = app.screen
        assert text_of(screen, "#card-state") == "No card in use."
        assert screen.query_one("#revoke").disabled
        await click(pilot, "#issue")
        await click(pilot, "#yes")  # the question before a new card
        card = Card.get(Card.person == person_id)
        path = folder / f"card-{card.id}.png"
        assert path.exists()
        assert f"Card {card.id} issued 21/11/2026 09:00." in text_of(screen, "#card-state")
        assert str(path) in text_of(screen, "#card-state")
        # The printed code is the one whose hash is stored.
        token = zxingcpp.read_barcodes(Image.open(path))[0].text
        assert card_issue.token_hash(token) == card.token_hash
        await click(pilot, "#revoke")
        assert text_of(screen, "#card-state") == "No card in use."
        assert "1 card revoked: it no longer checks in." in text_of(screen, "#status")
    assert Card.get_by_id(card.id).revoked_at == clock.now()
    assert not path.exists()


async def test_unwritable_folder_shows_an_error_and_issues_nothing(
    coordinator: StaffMember, clock: FixedClock, tmp_path: Path
) -> None:
    person_id = _resident(coordinator, clock)
    blocker = tmp_path / "file"
    blocker.write_text("")
    app = HostApp(lambda: CardScreen(coordinator, clock, person_id, folder=blocker))
    async with app.run_test(size=ADMIN_SIZE) as pilot:
        await click(pilot, "#issue")
        await click(pilot, "#yes")  # the question before a new card
        assert "No card was issued" in text_of(app.screen, "#errors")
    assert Card.select().count() == 0


async def test_card_screen_shows_a_name_literally(
    coordinator: StaffMember, clock: FixedClock, tmp_path: Path
) -> None:
    saved = cases.save_case(sample_file(), coordinator, clock)
    people = (replace(saved.people[0], first_name="[red]Rosa"), saved.people[1])
    again = cases.save_case(replace(saved, people=people), coordinator, clock)
    person_id = again.people[0].id or 0
    app = HostApp(lambda: CardScreen(coordinator, clock, person_id, folder=tmp_path))
    async with app.run_test(size=ADMIN_SIZE):
        assert text_of(app.screen, "#holder").startswith("Card for [red]Rosa (resident parent")
