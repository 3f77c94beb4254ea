"""The door console and its dialogs as a volunteer meets them at 80x24: what each names and asks."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
from textual.widgets import Button, DataTable, Input, RadioSet

from kiosk.app import KioskApp
from kiosk.clock import FixedClock
from kiosk.door_app import DoorApp
from kiosk.services.staff.auth import StaffMember
from models import Booking, Role
from screens.door.board_text import key_legend
from screens.door.console import DoorConsole
from screens.door.dialog import DoorDialog
from screens.door.person_search import PersonSearchDialog
from screens.door.roll_call import RollCallDialog
from screens.widgets.confirm import ConfirmScreen
from screens.widgets.marked_toggle import MarkedRadioButton
from tests.support.builders import door_day, make_booking, make_case, scan_in
from tests.support.pilots import (
    PARENT_SIZE,
    choose,
    console_key,
    dialog_typing,
    screen_text,
    signed_in,
    text_of,
)

NARROW = (80, 24)


def _said(app: DoorApp | KioskApp) -> str:
    return " ".join(str(n.message) for n in app._notifications)


def _day(clock: FixedClock) -> tuple[Booking, Booking]:
    a, b = door_day(clock.now())
    clock.set(a.starts_at - timedelta(minutes=30))
    return a, b


def _in_contact(clock: FixedClock) -> None:
    """CASE-A in contact at 10:05: Rosa, Victor and Mia inside."""
    a, _ = door_day(clock.now())
    scan_in(a, Role.VISITING, a.starts_at - timedelta(minutes=15))
    scan_in(a, Role.RESIDENT, a.starts_at)
    Booking.update(state="in_contact").where(Booking.id == a.id).execute()
    clock.set(a.starts_at + timedelta(minutes=5))


async def test_the_cancel_dialog_names_the_session_and_its_buttons_say_what_they_do(
    volunteer: StaffMember, clock: FixedClock
) -> None:
    # Failed before: "Cancel this session" with buttons "Cancel session" and "Cancel".
    _day(clock)
    app = DoorApp(clock)
    async with signed_in(app, volunteer, NARROW) as pilot:
        await pilot.press("down")  # CASE-B, the second row
        await console_key(pilot, "c")
        dialog = app.screen
        assert isinstance(dialog, DoorDialog)
        assert text_of(dialog, "#dialog-session") == "13:00-15:00 Green Room, CASE-B (Ben, Ada)"
        labels = [str(b.label) for b in dialog.query(Button)]
        assert labels == ["Cancel the session", "Keep it"]
        await pilot.press("escape")
        await pilot.pause()
        assert Booking.get_by_id(2).state == "booked"


async def test_a_dialog_does_not_cover_the_highlighted_row(
    volunteer: StaffMember, clock: FixedClock
) -> None:
    # Failed before: the dialog sat in the middle of the screen, over the session's row.
    _day(clock)
    app = DoorApp(clock)
    async with signed_in(app, volunteer, NARROW) as pilot:
        for key, down in (("c", 0), ("s", 1)):
            console = app.screen
            assert isinstance(console, DoorConsole)
            table = console.query_one("#bookings", DataTable)
            table.move_cursor(row=down)
            await pilot.pause()
            first = table.region.y + table.header_height + 2 * down
            await console_key(pilot, key)
            box = app.screen.query_one("#dialog").region
            assert first + 1 < box.y or box.bottom <= first, (key, box, first)
            await pilot.press("escape")
            await pilot.pause()


async def test_h_t_and_s_name_the_session_too(volunteer: StaffMember, clock: FixedClock) -> None:
    _in_contact(clock)
    app = DoorApp(clock)
    async with signed_in(app, volunteer, NARROW) as pilot:
        for key, buttons in (
            ("h", ["Record the handover", "Record nothing"]),
            ("t", ["End the session", "Keep it running"]),
            ("s", ["Record the incident", "Record nothing"]),
        ):
            await console_key(pilot, key)
            dialog = app.screen
            assert isinstance(dialog, DoorDialog), key
            assert "10:00-12:00 Blue Room, CASE-A (Mia)" in screen_text(app), key
            assert [str(b.label) for b in dialog.query(Button)] == buttons
            await pilot.press("escape")
            await pilot.pause()


async def test_a_refusal_names_the_session_it_looked_at(
    volunteer: StaffMember, clock: FixedClock
) -> None:
    # Failed before: "The children have not been handed over yet." and no word of which session.
    _day(clock)
    app = DoorApp(clock)
    async with signed_in(app, volunteer, NARROW) as pilot:
        await console_key(pilot, "r")
        assert isinstance(app.screen, DoorConsole)
        assert "10:00-12:00 Blue Room, CASE-A (Mia): " in _said(app)


async def test_the_board_at_80_by_24_shows_whole_states_alerts_and_every_key(
    volunteer: StaffMember, clock: FixedClock
) -> None:
    # Failed before: "in contac", a cut alert, and t, s, b, l, o and esc never shown.
    _in_contact(clock)
    app = DoorApp(clock)
    async with signed_in(app, volunteer, NARROW) as pilot:
        await pilot.pause()
        shown = screen_text(app)
        assert "in contact" in shown
        for key in ("i in/out by name", "t end early", "s incident", "b accident"):
            assert key in shown, key
        for key in ("l roll call", "o off duty", "esc lock"):
            assert key in shown, key


def test_the_key_legend_wraps_between_keys_never_inside_one() -> None:
    lines = key_legend(list(DoorConsole.BINDINGS), 40).splitlines()  # type: ignore[arg-type]
    assert all(len(line) <= 40 for line in lines)
    assert "esc lock" in lines[-1] and "i in/out by name" in lines[0]


async def test_roll_call_l_then_enter_writes_the_file(
    volunteer: StaffMember, clock: FixedClock, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Failed before: the focus was on the list, and Enter wrote nothing until Tab.
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path))
    _day(clock)
    app = DoorApp(clock)
    async with signed_in(app, volunteer, NARROW) as pilot:
        await console_key(pilot, "l")
        assert isinstance(app.screen, RollCallDialog)
        path = Path(app.screen.query_one("#path", Input).value)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, DoorConsole)
        assert path.exists()


async def test_by_name_enter_acts_on_the_only_match(
    volunteer: StaffMember, clock: FixedClock
) -> None:
    # Failed before: Enter went down to the list; a second Enter was needed.
    _day(clock)
    app = DoorApp(clock)
    async with signed_in(app, volunteer, NARROW) as pilot:
        await console_key(pilot, "i")
        assert isinstance(app.screen, PersonSearchDialog)
        await dialog_typing(pilot, "Victor")
        assert str(app.screen.query_one("#ok", Button).label) == "Check Victor in"
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, DoorConsole)
        assert "Victor checked in" in _said(app)


async def test_radio_choices_show_a_mark_not_only_a_colour(
    volunteer: StaffMember, clock: FixedClock
) -> None:
    # Failed before: every button showed the same dot, chosen or not.
    _day(clock)
    app = DoorApp(clock)
    async with signed_in(app, volunteer, NARROW) as pilot:
        await console_key(pilot, "c")
        buttons = list(app.screen.query_one("#by", RadioSet).query(MarkedRadioButton))
        marks = [str(b.render())[:3] for b in buttons]
        assert marks == ["▐●▌", "▐ ▌", "▐ ▌"]


async def test_closing_the_kiosk_says_how_many_are_still_checked_in(
    coordinator: StaffMember, clock: FixedClock
) -> None:
    # Failed before: "Close the kiosk for the day?" with three people still inside.
    _in_contact(clock)
    app = KioskApp(clock)
    async with signed_in(app, coordinator, PARENT_SIZE) as pilot:
        await choose(pilot, "close-kiosk")
        assert isinstance(app.screen, ConfirmScreen)
        # Rosa, Victor and Mia: staff are not counted.
        assert "3 people are still checked in" in text_of(app.screen, "#question")


async def test_the_header_counts_one_session_in_the_singular(
    volunteer: StaffMember, clock: FixedClock
) -> None:
    make_booking(make_case("CASE-1", clock.now(), resident="Rosa"), clock.now().replace(hour=10))
    app = DoorApp(clock)
    async with signed_in(app, volunteer, size=NARROW):
        assert text_of(app.screen, "#door-header").endswith("· 1 session")
