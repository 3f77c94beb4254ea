"""The room register through the real App: add, retire, remove, and leaving unsaved."""

from __future__ import annotations

from datetime import timedelta

from kiosk.clock import FixedClock
from kiosk.services.staff.auth import StaffMember
from models import Room
from screens.coordinator.rooms import RoomsScreen
from screens.widgets.confirm import ConfirmScreen
from tests.support.builders import make_booking, make_case
from tests.support.pilots import ADMIN_SIZE, HostApp, click, fill, table_text, text_of


def _app(coordinator: StaffMember, clock: FixedClock) -> HostApp:
    return HostApp(lambda: RoomsScreen(coordinator, clock))


async def test_add_a_waiting_area_and_retire_a_room(
    coordinator: StaffMember, clock: FixedClock
) -> None:
    make_booking(make_case("A", clock.now()), clock.now() + timedelta(days=3), room="Blue Room")
    app = _app(coordinator, clock)
    async with app.run_test(size=ADMIN_SIZE) as pilot:
        fill(app.screen, {"name": "Quiet Room", "kind": "waiting"})
        await click(pilot, "#add")
        assert "Quiet Room is a waiting area" in text_of(app.screen, "#status")
        assert "Quiet Room" in table_text(pilot, "#rooms")
        # The first row is the Blue Room, with its future session.
        await click(pilot, "#retire")
        assert isinstance(app.screen, ConfirmScreen)
        assert "Retire Blue Room?" in text_of(app.screen, "#question")
        await click(pilot, "#yes")
        assert "1 future session still uses it: move it" in text_of(app.screen, "#status")
        await click(pilot, "#remove")
        await click(pilot, "#yes")
        assert "move them, or retire the room instead" in text_of(app.screen, "#status")
    assert Room.get(Room.name == "Blue Room").retired_on == clock.now().date()
    assert Room.get(Room.name == "Quiet Room").kind == "waiting"


async def test_escape_with_a_name_typed_asks_first(
    coordinator: StaffMember, clock: FixedClock
) -> None:
    app = _app(coordinator, clock)
    async with app.run_test(size=ADMIN_SIZE) as pilot:
        fill(app.screen, {"name": "Half typed"})
        await pilot.press("escape")
        assert isinstance(app.screen, ConfirmScreen)
        assert "the new room Half typed" in text_of(app.screen, "#question")
        await click(pilot, "#no")
        assert isinstance(app.screen, RoomsScreen)
        await pilot.press("escape")
        await click(pilot, "#yes")
        assert not isinstance(app.screen, RoomsScreen)
    assert not Room.select().where(Room.name == "Half typed").exists()


async def test_a_room_named_like_markup_is_shown_as_typed_where_rooms_are_chosen(
    coordinator: StaffMember, clock: FixedClock
) -> None:
    # "Bad [/] Room" in the booking form's list, or a waiting area so named in the
    # settings, stopped the kiosk (MarkupError) for everyone who opened them.
    from kiosk.services.centre import rooms
    from screens.coordinator.booking_form import BookingFormScreen
    from screens.coordinator.settings import SettingsScreen

    rooms.add_room("Bad [/] Room", "contact", clock.now(), coordinator)
    rooms.add_room("Odd [/] Lounge", "waiting", clock.now(), coordinator)
    for make in (
        lambda: BookingFormScreen(coordinator, clock),
        lambda: SettingsScreen(coordinator, clock),
    ):
        app = HostApp(make)
        async with app.run_test(size=ADMIN_SIZE) as pilot:
            for select in app.screen.query("Select"):
                select.focus()
                await pilot.press("enter")
                await pilot.pause()
                await pilot.press("escape")
                await pilot.pause()
            assert app.is_running
