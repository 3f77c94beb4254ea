"""The volunteer and booking forms as a new co-ordinator meets them: Escape and Close ask
before typing is lost, ctrl+s saves and the footer says so, a checkbox shows a mark only
when ticked."""

from __future__ import annotations

from textual.widgets import Checkbox, Footer, Input
from textual.widgets._footer import FooterKey

from kiosk.clock import FixedClock
from kiosk.services.cases import case_file as cases
from kiosk.services.staff.auth import StaffMember
from models import Booking, Volunteer
from screens.coordinator.booking_form import BookingFormScreen
from screens.coordinator.volunteer_form import VolunteerFormScreen
from screens.widgets.confirm import ConfirmScreen
from screens.widgets.marked_toggle import MarkedCheckbox
from tests.support.builders import sample_file
from tests.support.pilots import HostApp, click, fill, screen_text, text_of, until

SESSION = {"date": "2026-11-28", "start": "10:00", "end": "12:00"}


def _footer_keys(app: HostApp) -> set[tuple[str, str]]:
    footer = app.screen.query_one(Footer)
    return {(k.key_display, k.description) for k in footer.query(FooterKey)}


async def test_escape_on_a_typed_new_volunteer_asks_naming_them(
    coordinator: StaffMember, clock: FixedClock
) -> None:
    app = HostApp(lambda: VolunteerFormScreen(coordinator, clock, None))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        fill(app.screen, {"name": "Priya Shah"})
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        assert "Priya Shah" in text_of(app.screen, "#question")
        await click(pilot, "#no")  # Stay: the typing is still there
        assert isinstance(app.screen, VolunteerFormScreen)
        assert app.screen.query_one("#name", Input).value == "Priya Shah"
        await click(pilot, "#close")  # the Close button asks as Escape does
        assert isinstance(app.screen, ConfirmScreen)
        await click(pilot, "#yes")
        assert not isinstance(app.screen, (VolunteerFormScreen, ConfirmScreen))
    assert not Volunteer.select().where(Volunteer.name == "Priya Shah").exists()


async def test_ctrl_s_saves_the_volunteer_and_escape_then_closes_at_once(
    coordinator: StaffMember, clock: FixedClock
) -> None:
    app = HostApp(lambda: VolunteerFormScreen(coordinator, clock, None))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert {("^s", "Save"), ("esc", "Close")} <= _footer_keys(app)
        fill(app.screen, {"name": "Priya Shah", "secret": "135790"})
        await pilot.press("ctrl+s")
        await until(pilot, lambda: text_of(app.screen, "#status").startswith("Saved Priya"))
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, (VolunteerFormScreen, ConfirmScreen))
    assert Volunteer.select().where(Volunteer.name == "Priya Shah").exists()


async def test_the_update_service_box_is_marked_only_when_ticked(
    coordinator: StaffMember, clock: FixedClock
) -> None:
    app = HostApp(lambda: VolunteerFormScreen(coordinator, clock, None))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        box = app.screen.query_one("#dbs_update_service", Checkbox)
        assert isinstance(box, MarkedCheckbox)
        assert "X" not in str(box.render())
        box.value = True
        await pilot.pause()
        assert "X" in str(box.render())


async def test_escape_on_a_typed_booking_asks_naming_the_case(
    coordinator: StaffMember, clock: FixedClock
) -> None:
    cases.save_case(sample_file("A"), coordinator, clock)
    app = HostApp(lambda: BookingFormScreen(coordinator, clock, "A"))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("escape")  # nothing typed: closes at once
        await pilot.pause()
        assert not isinstance(app.screen, (BookingFormScreen, ConfirmScreen))
    app = HostApp(lambda: BookingFormScreen(coordinator, clock, "A"))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        fill(app.screen, SESSION)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        assert "case A" in text_of(app.screen, "#question")
        await click(pilot, "#no")
        assert app.screen.query_one("#date", Input).value == "2026-11-28"


async def test_ctrl_s_books_from_the_booking_form(
    coordinator: StaffMember, clock: FixedClock
) -> None:
    cases.save_case(sample_file("A"), coordinator, clock)
    app = HostApp(lambda: BookingFormScreen(coordinator, clock, "A"))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert {("^s", "Book"), ("esc", "Close")} <= _footer_keys(app)
        fill(app.screen, SESSION)
        from textual.widgets import Select

        app.screen.query_one("#room", Select).value = "Blue Room"
        await pilot.press("ctrl+s")
        await until(pilot, lambda: text_of(app.screen, "#status").startswith("Booked"))
        await pilot.press("escape")  # booked: nothing is lost
        await pilot.pause()
        assert not isinstance(app.screen, (BookingFormScreen, ConfirmScreen))
    assert Booking.select().count() == 1


async def test_the_settings_footer_stays_after_a_save_and_the_nation_is_capitalised(
    coordinator: StaffMember, clock: FixedClock
) -> None:

    from screens.coordinator.settings import SettingsScreen

    app = HostApp(lambda: SettingsScreen(coordinator, clock))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        app.screen.query_one("#centre_nation").scroll_visible(animate=False)
        await pilot.pause()
        assert "England" in screen_text(app)
        assert "england" not in screen_text(app)
        fill(app.screen, {"centre_name": "Harbour Centre"})
        await pilot.press("ctrl+s")
        await until(pilot, lambda: text_of(app.screen, "#status").startswith("Saved"))
        await pilot.pause()
        assert {("^s", "Save"), ("esc", "Back")} <= _footer_keys(app)
        assert app.screen.query_one(Footer).region.height == 1


async def test_the_case_files_court_order_box_is_marked_only_when_ticked(
    coordinator: StaffMember, clock: FixedClock
) -> None:
    from screens.coordinator.case_file import CaseFileScreen

    app = HostApp(lambda: CaseFileScreen(coordinator, clock, None))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        box = app.screen.query_one("#referral-court_order", Checkbox)
        assert isinstance(box, MarkedCheckbox)
        assert "X" not in str(box.render())


async def test_the_own_dbs_form_saves_with_ctrl_s_too(
    coordinator: StaffMember, clock: FixedClock
) -> None:
    from screens.coordinator.own_dbs import OwnDbsScreen

    app = HostApp(lambda: OwnDbsScreen(coordinator, clock))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert ("^s", "Save") in _footer_keys(app)
        fill(app.screen, {"dbs_number": "12345"})
        await pilot.press("ctrl+s")
        await until(pilot, lambda: "12 digits" in text_of(app.screen, "#errors"))
