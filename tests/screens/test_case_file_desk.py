"""The case file at the desk: Escape asks before edits are lost, errors name their field,
and the form does not grow empty space with the window."""

from __future__ import annotations

from textual.widgets import Footer, Input
from textual.widgets._footer import FooterKey

from kiosk.clock import FixedClock
from kiosk.services.cases import case_file as cases
from kiosk.services.staff.auth import StaffMember
from models import Case, Person
from screens.coordinator.case_file import CaseFileScreen
from screens.widgets.confirm import ConfirmScreen
from tests.support.builders import sample_file
from tests.support.pilots import (
    ADMIN_SIZE,
    HostApp,
    click,
    fill,
    invalid_ids,
    text_of,
    until,
)


async def test_escape_on_an_edited_case_asks_first_naming_the_case(
    coordinator: StaffMember, clock: FixedClock
) -> None:
    saved = cases.save_case(sample_file(), coordinator, clock)
    app = HostApp(lambda: CaseFileScreen(coordinator, clock, saved.id))
    async with app.run_test(size=ADMIN_SIZE) as pilot:
        await pilot.pause()
        fill(app.screen, {"p2-phone": "07700 900999"})
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        assert saved.ref in text_of(app.screen, "#question")
        await click(pilot, "#no")  # Stay: the edit is still there
        assert isinstance(app.screen, CaseFileScreen)
        assert app.screen.query_one("#p2-phone", Input).value == "07700 900999"
        await click(pilot, "#close")  # the Close button asks as Escape does
        assert isinstance(app.screen, ConfirmScreen)
        await click(pilot, "#yes")
        assert not isinstance(app.screen, CaseFileScreen)
    assert Person.get(Person.case == saved.id, Person.first_name == "Victor").phone != (
        "07700 900999"
    )


async def test_escape_on_an_untouched_or_saved_case_closes_at_once(
    coordinator: StaffMember, clock: FixedClock
) -> None:
    saved = cases.save_case(sample_file(), coordinator, clock)
    app = HostApp(lambda: CaseFileScreen(coordinator, clock, saved.id))
    async with app.run_test(size=ADMIN_SIZE) as pilot:
        await pilot.pause()
        fill(app.screen, {"p2-phone": "07700 900999"})
        await click(pilot, "#save")
        await until(pilot, lambda: text_of(app.screen, "#status").startswith("Saved"))
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, (CaseFileScreen, ConfirmScreen))


async def test_escape_on_a_filled_in_new_case_asks_first(
    coordinator: StaffMember, clock: FixedClock
) -> None:
    app = HostApp(lambda: CaseFileScreen(coordinator, clock, None))
    async with app.run_test(size=ADMIN_SIZE) as pilot:
        await pilot.pause()
        fill(app.screen, {"ref": "RCC-2026-077", "p1-first_name": "Rosa"})
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        assert "the new case RCC-2026-077" in text_of(app.screen, "#question")
        await click(pilot, "#yes")
    assert Case.select().count() == 0


async def test_errors_name_their_field_and_the_first_bad_field_has_the_focus(
    coordinator: StaffMember, clock: FixedClock
) -> None:
    saved = cases.save_case(sample_file(), coordinator, clock)
    app = HostApp(lambda: CaseFileScreen(coordinator, clock, saved.id))
    async with app.run_test(size=ADMIN_SIZE) as pilot:
        screen = app.screen
        fill(
            screen,
            {
                "p2-pre_visit_on": "31/02/2026",
                "settings-no_show_grace_min": "",
                "family_agreed_assessment_on": "soon",
            },
        )
        await click(pilot, "#save")
        await pilot.pause()
        errors = text_of(screen, "#errors").splitlines()
        assert "Visiting parent, Pre-visit on: '31/02/2026' is not a date" in errors[0]
        # Blank: nothing typed to quote, so it says what to give.
        assert errors[1] == "No-show grace (min): give a number of minutes (0 to 240)"
        assert errors[2].startswith("Family agreed: 'soon' is not a date")
        assert invalid_ids(screen) == {
            "p2-pre_visit_on",
            "settings-no_show_grace_min",
            "family_agreed_assessment_on",
        }
        assert app.focused is not None and app.focused.id == "p2-pre_visit_on"


async def test_the_consents_and_adults_areas_take_no_more_room_than_they_hold(
    coordinator: StaffMember, clock: FixedClock
) -> None:
    # At 200 rows an empty consents list once stretched to fill the window.
    saved = cases.save_case(sample_file(), coordinator, clock)
    app = HostApp(lambda: CaseFileScreen(coordinator, clock, saved.id))
    async with app.run_test(size=(120, 200)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert screen.query_one("#p2-consents").outer_size.height == 0
        # Rosa's one consent: one row.
        assert screen.query_one("#p1-consents").outer_size.height <= 2
        assert screen.query_one("#adults").outer_size.height == 0


async def test_the_footer_shows_save_and_book(coordinator: StaffMember, clock: FixedClock) -> None:
    saved = cases.save_case(sample_file(), coordinator, clock)
    app = HostApp(lambda: CaseFileScreen(coordinator, clock, saved.id))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        footer = app.screen.query_one(Footer)
        keys = {(k.key_display, k.description) for k in footer.query(FooterKey)}
        assert {("^s", "Save"), ("^b", "Book"), ("esc", "Close")} <= keys, keys
        # The last line of the terminal, below the buttons.
        buttons = app.screen.query_one(".buttons")
        assert footer.region.y == 23
        assert buttons.region.bottom <= footer.region.y
