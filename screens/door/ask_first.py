"""Asking first for the acts with no dialog of their own: handover, return, off duty.

A slip of the finger costs nothing: the question names the children and the
session (or the volunteer going off duty), and the safe answer has the focus,
so a stray Enter records nothing. The handover and the return are decided on
the session as the board showed it when the key was pressed: if it has moved on
by the time the volunteer answers, nothing is recorded and the dialog says what
changed.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol

from textual.app import ComposeResult
from textual.widgets import Button, Static

from kiosk.clock import Clock
from kiosk.services.door import actions as door_actions
from kiosk.services.door import roll_call
from kiosk.services.door.board import BoardRow
from kiosk.services.door.seen import Seen
from kiosk.services.staff.auth import StaffMember
from screens.door.board_text import session_label
from screens.door.dialog import DoorDialog


class AskFirstDialog(DoorDialog):
    """A question, the act's button and the way out; the way out has the focus."""

    def __init__(
        self,
        staff: StaffMember,
        clock: Clock,
        wording: tuple[str, str, str, str],
        act: Callable[[], str],
        row: BoardRow | None = None,
    ) -> None:
        super().__init__(staff, clock)
        self.TITLE_TEXT, self.question, self.OK_LABEL, self.BACK_LABEL = wording
        self._act = act
        self.row = row

    def compose_heading(self) -> ComposeResult:
        if self.row is not None:
            yield Static(session_label(self.row), id="dialog-session", markup=False)

    def compose_body(self) -> ComposeResult:
        yield Static(self.question, id="question", markup=False)

    def on_mount(self) -> None:
        self.query_one("#cancel", Button).focus()

    def act(self) -> str:
        return self._act()


def seen_on(row: BoardRow) -> Seen:
    """What the board showed of the session."""
    return Seen(row.state, row.handed_over_at is not None, row.returned_at is not None)


def _session(row: BoardRow) -> str:
    children = f"the children ({', '.join(row.children)})" if row.children else "the children"
    return f"{children} of {row.case_ref} ({row.room}, {row.starts_at:%H:%M}-{row.ends_at:%H:%M})"


class _Record(Protocol):
    """children_handed_over or children_returned."""

    def __call__(
        self, staff: StaffMember, booking_id: int, clock: Clock, *, seen: Seen
    ) -> None: ...


def _about_children(
    staff: StaffMember,
    clock: Clock,
    row: BoardRow,
    acts: tuple[Callable[[StaffMember, int, Seen], None], _Record],
    words: tuple[str, str],
) -> DoorDialog:
    """Refused at once (DoorError) when the act cannot be recorded on the session seen."""
    check, record = acts
    done, button = words
    seen = seen_on(row)
    check(staff, row.booking_id, seen)

    def act() -> str:
        record(staff, row.booking_id, clock, seen=seen)
        return f"Children {done}."

    question = f"Record now that {_session(row)} were {done}?"
    wording = (f"Children {done}?", question, button, "Record nothing")
    return AskFirstDialog(staff, clock, wording, act, row)


def handover_dialog(staff: StaffMember, clock: Clock, row: BoardRow) -> DoorDialog:
    acts = (door_actions.check_handover, door_actions.children_handed_over)
    return _about_children(staff, clock, row, acts, ("handed over", "Record the handover"))


def return_dialog(staff: StaffMember, clock: Clock, row: BoardRow) -> DoorDialog:
    acts = (door_actions.check_return, door_actions.children_returned)
    return _about_children(staff, clock, row, acts, ("returned", "Record the return"))


def off_duty_dialog(staff: StaffMember, clock: Clock) -> DoorDialog:
    def act() -> str:
        roll_call.off_duty(staff, clock)
        return "Off duty."

    question = (
        f"Go off duty, {staff.name}? You are signed out and taken off the roll call: "
        "you are leaving the building."
    )
    wording = (f"Off duty, {staff.name}?", question, "Go off duty", "Stay on duty")
    return AskFirstDialog(staff, clock, wording, act)
