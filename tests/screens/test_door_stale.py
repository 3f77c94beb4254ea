"""The door console never records what a volunteer saw if it has changed since."""

from __future__ import annotations

from datetime import timedelta

import pytest
from textual.widgets import DataTable, Input, OptionList

from kiosk.clock import FixedClock
from kiosk.door_app import DoorApp
from kiosk.services.attendance import checkin
from kiosk.services.cards import tokens as cards
from models import Attendance, Booking, BookingState, DbConfig, Role
from screens.door.dialog import RowDialog
from screens.door.person_search import PersonSearchDialog
from tests.support.builders import PIN, door_day, make_booking, make_case, make_volunteer, person
from tests.support.pilots import DOOR_SIZE as SIZE
from tests.support.pilots import console_key, dialog_typing, sign_in


async def test_a_stale_check_in_by_name_records_nothing(db: DbConfig, clock: FixedClock) -> None:
    case = make_case("CASE-A", clock.now(), resident="Rosa", visiting="Victor")
    make_booking(case, clock.now().replace(hour=10))
    priya = make_volunteer(clock.now())
    code = cards.issue_card(person(case, Role.RESIDENT).id, clock.now())
    app = DoorApp(clock)
    async with app.run_test(size=SIZE) as pilot:
        await sign_in(pilot, priya, PIN)
        await console_key(pilot, "i")
        await dialog_typing(pilot, "rosa")
        dialog = app.screen
        assert isinstance(dialog, PersonSearchDialog)
        assert "check IN" in str(
            dialog.query_one("#hits", OptionList).get_option_at_index(0).prompt
        )
        # Rosa scans her card at the kiosk while the volunteer is looking at the list.
        checkin.scan(code, clock)
        clock.advance(seconds=5)
        dialog.query_one("#hits", OptionList).focus()
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen is dialog  # refused: the dialog stays open and says why
        said = str(dialog.query_one("#dialog-message").render())
        assert "now checked in" in said
        # The list now offers what is true.
        assert "check OUT" in str(
            dialog.query_one("#hits", OptionList).get_option_at_index(0).prompt
        )
    assert [a.kind for a in Attendance.select()] == ["in"]


@pytest.mark.parametrize("key", ["c", "n", "t"])
async def test_a_session_moved_while_its_dialog_is_open_is_not_acted_on(
    db: DbConfig, clock: FixedClock, key: str
) -> None:
    # The dialog named "13:00-15:00 Green Room, CASE-B"; the co-ordinator moved that session
    # to next week meanwhile. Acting would cancel (or end) a session the volunteer never saw.
    _, moved = door_day(clock.now())
    priya = make_volunteer(clock.now())
    if key == "t":
        clock.set(clock.now().replace(hour=13, minute=5))
        Booking.update(state=BookingState.IN_CONTACT.value).where(Booking.id == moved.id).execute()
    elif key == "n":
        clock.set(clock.now().replace(hour=13, minute=40))
    app = DoorApp(clock)
    async with app.run_test(size=SIZE) as pilot:
        await sign_in(pilot, priya, PIN)
        app.screen.query_one("#bookings", DataTable).move_cursor(row=1)
        await pilot.pause()
        await console_key(pilot, key)
        dialog = app.screen
        assert isinstance(dialog, RowDialog) and dialog.row.booking_id == moved.id
        if key == "t":
            dialog.query_one("#reason", Input).value = "a parent was unwell"
        state = Booking.get_by_id(moved.id).state
        Booking.update(
            starts_at=moved.starts_at + timedelta(days=7), ends_at=moved.ends_at + timedelta(days=7)
        ).where(Booking.id == moved.id).execute()
        await pilot.click("#ok")
        await pilot.pause()
        assert Booking.get_by_id(moved.id).state == state
        assert app.screen is dialog
        assert "moved" in str(dialog.query_one("#dialog-message").render())
