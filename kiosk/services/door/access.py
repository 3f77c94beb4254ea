"""Who may act at the door, and on which cases.

A volunteer who has declared that they know somebody in a case sees that case
masked and cannot act on it. The rule lives here, in the service layer, so no
screen (and no future screen) can forget it.
"""

from __future__ import annotations

import contextlib
from contextlib import AbstractContextManager

from kiosk.services.staff.auth import StaffMember, no_dbs_message
from kiosk.services.store.errors import KioskError
from kiosk.services.store.forms import first_unshowable
from models import Booking, Declaration, StaffRole, Volunteer, database


class DoorError(KioskError, ValueError):
    """An act the door console refuses; the message is safe to show a volunteer."""


class CaseMasked(DoorError):
    """The signed-in volunteer has declared they know this case."""

    def __init__(self) -> None:
        super().__init__("You have declared that you know this family: ask another volunteer.")


def known_case_ids(staff: StaffMember) -> set[int]:
    """The cases this member of staff has declared they know."""
    rows = Declaration.select(Declaration.case).where(Declaration.volunteer == staff.id)
    return {r.case_id for r in rows}  # type: ignore[attr-defined]


def ensure_may_act(staff: StaffMember, case_id: int | None) -> None:
    """Raise CaseMasked when staff knows this case; centre-wide acts (no case) pass."""
    if case_id is not None and case_id in known_case_ids(staff):
        raise CaseMasked()


def booking_for(staff: StaffMember, booking_id: int) -> Booking:
    """The booking to act on; CaseMasked when staff knows its family."""
    booking = Booking.get_or_none(Booking.id == booking_id)
    if booking is None:
        raise DoorError("That booking no longer exists.")
    ensure_may_act(staff, booking.case_id)  # type: ignore[attr-defined]
    return booking


def recording() -> AbstractContextManager[object]:
    """The part of an act that reads the state it is recorded on.

    Every act is wrapped in `store.faults.writes`, which has already taken the
    write lock (BEGIN IMMEDIATE; busy_timeout waits for the kiosk's or another
    console's write to finish), so what the act reads is what it is recorded on,
    and a database fault rolls the whole act back as a StoreFault. A deferred
    transaction would read first and fail when another connection committed
    before its write (SQLite cannot move a stale read on to a write).
    """
    if not database.in_transaction():
        raise RuntimeError("a door act reads and records inside its write transaction")
    return contextlib.nullcontext()


def actor(staff: StaffMember) -> Volunteer:
    """The staff record an act is attributed to; a removed account acts no more.

    Nobody works at the door without a DBS record on file: volunteers cannot
    sign in without one, and a co-ordinator (who signs in for their records)
    is refused here, at every act, as well as at the console's door.
    """
    row = Volunteer.get_or_none(Volunteer.id == staff.id, Volunteer.left_on.is_null())
    if row is None:
        raise DoorError("Your account is no longer active: please sign in again.")
    if not row.dbs_number:
        raise DoorError(no_dbs_message(StaffRole(row.role)))
    return row


def ensure_may_use_door(staff: StaffMember) -> None:
    """DoorError with the reason when staff may not open the door console."""
    actor(staff)


def require_text(value: str, what: str, *, lines: bool = False) -> str:
    """The text typed for `what`, refused if blank or holding control characters."""
    text = value.strip()
    if not text:
        raise DoorError(f"Please give {what}.")
    return showable_text(text, what, lines=lines)


def showable_text(value: str, what: str, *, lines: bool = False) -> str:
    """value, refused (naming the field, without its example) if it holds control characters.

    Newlines and tabs are allowed where the field holds several lines.
    """
    field = what.split(" (")[0]
    refusal = first_unshowable({field: value}, multiline=frozenset({field} if lines else ()))
    if refusal:
        raise DoorError(f"{refusal[:1].upper()}{refusal[1:]}.")
    return value.strip()
