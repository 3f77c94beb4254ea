"""Handover, return and off duty ask first: a slip of the finger records nothing."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from typing import Any

from textual.pilot import Pilot

from kiosk.app import KioskApp
from kiosk.clock import FixedClock
from kiosk.door_app import DoorApp
from kiosk.services.door import actions as door_actions
from kiosk.services.door.actions import EndedEarly
from kiosk.services.staff.auth import StaffMember
from models import AuditEntry, Booking, BookingEvent, BookingState, Role
from screens.door.ask_first import AskFirstDialog
from screens.door.console import DoorConsole
from screens.door.lock import DoorLockScreen
from tests.support.builders import door_day, make_volunteer, scan_in
from tests.support.pilots import PARENT_SIZE, console_key, sign_in, signed_in, text_of

Compare = Callable[..., bool]


async def _asked(pilot: Pilot[Any], key: str) -> AskFirstDialog:
    """Press a console key that asks first: the question it opened."""
    await console_key(pilot, key)
    dialog = pilot.app.screen
    assert isinstance(dialog, AskFirstDialog)
    return dialog


def _under_way(clock: FixedClock, state: BookingState = BookingState.IN_CONTACT) -> Booking:
    booking, _ = door_day(clock.now())
    ten = booking.starts_at
    scan_in(booking, Role.VISITING, ten - timedelta(minutes=15))
    scan_in(booking, Role.RESIDENT, ten)
    Booking.update(state=state.value).where(Booking.id == booking.id).execute()
    clock.set(ten + timedelta(minutes=5))
    return booking


async def test_h_asks_first_naming_the_children_and_session_and_a_slip_records_nothing(
    volunteer: StaffMember, clock: FixedClock
) -> None:
    # Failed before: h recorded the handover at once, with no question and no undo.
    _under_way(clock)
    app = DoorApp(clock)
    async with signed_in(app, volunteer) as pilot:
        # Not handed over yet: r is refused at once, with the reason, and asks nothing.
        await console_key(pilot, "r")
        assert isinstance(app.screen, DoorConsole)
        said = " ".join(str(n.message) for n in app._notifications)
        assert "The children have not been handed over yet." in said
        dialog = await _asked(pilot, "h")
        question = text_of(dialog, "#question")
        assert "the children (Mia) of CASE-A (Blue Room, 10:00-12:00) were" in question
        assert "handed over" in question
        await pilot.press("enter")  # the safe answer has the focus
        await pilot.pause()
        assert isinstance(app.screen, DoorConsole)
        assert not BookingEvent.select().exists()
        await console_key(pilot, "h")
        await pilot.press("escape")
        await pilot.pause()
        assert not BookingEvent.select().exists()
        await console_key(pilot, "h")
        await pilot.press("shift+tab", "enter")  # to the act's button, then Enter
        await pilot.pause()
        assert isinstance(app.screen, DoorConsole)
    assert [(e.kind, e.by_id) for e in BookingEvent.select()] == [("handed_over", volunteer.id)]


async def test_r_is_refused_if_the_session_moved_while_the_question_was_open(
    volunteer: StaffMember, clock: FixedClock
) -> None:
    booking = _under_way(clock)
    door_actions.children_handed_over(
        volunteer, booking.id, clock, seen=door_actions.seen_now(volunteer, booking.id)
    )
    tom = make_volunteer(clock.now(), "Tom Hughes")
    app = DoorApp(clock)
    async with signed_in(app, volunteer) as pilot:
        dialog = await _asked(pilot, "r")
        assert "returned" in text_of(dialog, "#question")
        # Another console ends the session early while the question is open.
        door_actions.end_early(tom, booking.id, EndedEarly.CURTAILED, "child unwell", clock)
        await pilot.click("#ok")
        await pilot.pause()
        assert app.screen is dialog  # refused: the dialog stays and says what changed
        said = text_of(dialog, "#dialog-message")
        assert said == (
            "Not recorded: the session changed since you looked. "
            "It was in contact; it is now curtailed."
        )
    assert [e.kind for e in BookingEvent.select().order_by(BookingEvent.id)] == [
        "handed_over",
        "curtailed",
    ]


async def test_o_asks_first_and_a_slip_keeps_the_volunteer_on_duty(
    volunteer: StaffMember, clock: FixedClock
) -> None:
    app = DoorApp(clock)
    async with signed_in(app, volunteer) as pilot:
        dialog = await _asked(pilot, "o")
        assert "Go off duty, Priya Shah?" in text_of(dialog, "#question")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, DoorConsole) and app.staff == volunteer
        assert not AuditEntry.select().where(AuditEntry.action == "off_duty").exists()
        await console_key(pilot, "o")
        await pilot.click("#ok")
        await pilot.pause()
        assert isinstance(app.screen, DoorLockScreen) and app.staff is None
    assert AuditEntry.select().where(AuditEntry.action == "off_duty").count() == 1


def test_ask_first_snapshot(
    volunteer: StaffMember, clock: FixedClock, snap_compare: Compare
) -> None:
    _under_way(clock)

    async def ask(pilot: Pilot[Any]) -> None:
        await sign_in(pilot, volunteer)
        await _asked(pilot, "h")

    # On the kiosk's own screen, its smallest size.
    assert snap_compare(KioskApp(clock), terminal_size=PARENT_SIZE, run_before=ask)
