"""The door console never records what a volunteer saw if it has changed since."""

from __future__ import annotations

from textual.widgets import OptionList

from kiosk.clock import FixedClock
from kiosk.door_app import DoorApp
from kiosk.services.attendance import checkin
from kiosk.services.cards import tokens as cards
from models import Attendance, DbConfig, Role
from screens.door.person_search import PersonSearchDialog
from tests.support.builders import PIN, make_booking, make_case, make_volunteer, person
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
