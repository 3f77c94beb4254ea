"""Acts ahead of the day: cancel a session, move it, cancel the rest of its series.

Each is one transaction under the write lock, a booking event saying who, when
and why, and an audit entry naming the booking. A cancellation has the door's
outcomes (by the centre or a parent, with notice or without), so the referrer
export reads it the same wherever it was recorded. A move passes every check a
new booking passes.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time

from kiosk.services.attendance import alerts
from kiosk.services.cases import booking_rules, bookings
from kiosk.services.cases.booking_rules import NewBooking
from kiosk.services.centre import rooms
from kiosk.services.diary.sessions import DiaryError, SessionLine, line
from kiosk.services.staff.auth import StaffMember
from kiosk.services.store import audit
from kiosk.services.store.faults import writes
from models import Booking, BookingEvent, BookingState, Case, Role

CANCELLED_BY = ("centre", Role.RESIDENT.value, Role.VISITING.value)
NOT_BOOKED = "only a session nobody has arrived for can be changed"


def _booking(booking_id: int, now: datetime) -> Booking:
    if not 0 < booking_id < 2**63:
        # Past SQLite's integers: no session (OverflowError otherwise).
        raise DiaryError(f"no session {booking_id}")
    found = list(Booking.select(Booking, Case).join(Case).where(Booking.id == booking_id))
    if not found:
        raise DiaryError(f"no session {booking_id}")
    booking: Booking = found[0]
    if booking.state != BookingState.BOOKED.value:
        raise DiaryError(f"session {booking_id} is {line(booking, '').outcome}: {NOT_BOOKED}")
    if booking.ends_at <= now:
        raise DiaryError(f"session {booking_id} has already ended: record what happened instead")
    return booking


def _recorded(
    booking: Booking, kind: str, now: datetime, why: str, actor: StaffMember | None
) -> None:
    BookingEvent.create(
        booking=booking, kind=kind, at=now, by=actor.id if actor else None, reason=why
    )
    bookings.touch_case(booking.case.id, now)
    audit.record(
        f"session_{kind}",
        now,
        target=f"booking:{booking.id}",
        actor=actor,
        actor_label="" if actor else "cli",
    )


def _cancel(
    booking: Booking,
    by: str,
    with_notice: bool,
    reason: str,
    now: datetime,
    actor: StaffMember | None,
) -> None:
    notice = "yes" if with_notice else "no"
    booking.state = BookingState.CANCELLED.value
    booking.outcome_party, booking.with_notice = by, notice
    booking.save()
    # Nobody is awaited any more: a no-show alert already raised today closes.
    alerts.close_for_side_exit(booking.id, booking.state, now)
    why = f"by {by}, notice: {notice}" + (f"; {reason.strip()}" if reason.strip() else "")
    _recorded(booking, "cancelled", now, why, actor)


def _check_by(by: str) -> None:
    if by not in CANCELLED_BY:
        raise DiaryError(f"a session is cancelled by {', '.join(CANCELLED_BY)}, not {by!r}")


@writes
def cancel(
    booking_id: int,
    by: str,
    with_notice: bool,
    now: datetime,
    *,
    reason: str = "",
    actor: StaffMember | None = None,
) -> SessionLine:
    """Cancel one session before anyone has arrived for it."""
    _check_by(by)
    booking = _booking(booking_id, now)
    _cancel(booking, by, with_notice, reason, now, actor)
    return line(booking, booking.case.ref)


@writes
def cancel_rest_of_series(
    booking_id: int,
    by: str,
    with_notice: bool,
    now: datetime,
    *,
    reason: str = "",
    actor: StaffMember | None = None,
) -> list[SessionLine]:
    """Cancel this session and every later one of its series still booked."""
    _check_by(by)
    first = _booking(booking_id, now)
    if first.series is None:
        raise DiaryError(f"session {booking_id} was not booked as part of a series")
    rest = (
        Booking.select(Booking, Case)
        .join(Case)
        .where(
            Booking.series == first.series,
            Booking.starts_at >= first.starts_at,
            Booking.state == BookingState.BOOKED.value,
        )
        .order_by(Booking.starts_at)
    )
    done = []
    for booking in rest:
        _cancel(booking, by, with_notice, reason, now, actor)
        done.append(line(booking, booking.case.ref))
    return done


@dataclass(frozen=True)
class Move:
    """Where a session should go; what is not given stays as it is."""

    day: date | None = None
    start: time | None = None
    end: time | None = None
    room: str | None = None
    reason: str = ""


@dataclass(frozen=True)
class MoveOutcome:
    moved: SessionLine | None = None
    refusals: tuple[str, ...] = ()
    warnings: tuple[str, ...] = ()


def _target(booking: Booking, move: Move) -> NewBooking:
    day = move.day or booking.starts_at.date()
    start = move.start or booking.starts_at.time()
    length = booking.ends_at - booking.starts_at
    starts_at = datetime.combine(day, start)
    # A new start alone keeps the session's length.
    ends_at = datetime.combine(day, move.end) if move.end else starts_at + length
    if ends_at.date() != starts_at.date():
        # A session that ran past midnight would end on a day no check looked at
        # (a bank holiday, a closure) and be drawn under the wrong day.
        raise DiaryError(
            f"a session ends on the day it starts: this one would end {ends_at:%H:%M} the next day"
        )
    room = move.room if move.room is not None else booking.room
    return NewBooking(booking.case.ref, starts_at, ends_at, room, booking.service)


@writes
def move(
    booking_id: int,
    change: Move,
    now: datetime,
    *,
    confirm: bool = False,
    actor: StaffMember | None = None,
) -> MoveOutcome:
    """Move a session to another date, time or room: every booking check applies.

    A date already past is a warning the co-ordinator must confirm (`confirm`).
    """
    booking = _booking(booking_id, now)
    target = _target(booking, change)
    refusals = bookings.validate(target)
    if not refusals:
        refusals = booking_rules.closed(target.starts_at)
        refusals += booking_rules.clashes(target, booking.case, ignore=booking.id)
    if refusals:
        return MoveOutcome(refusals=tuple(refusals))
    warnings = booking_rules.past_warning(target.starts_at, now)
    if warnings and not confirm:
        return MoveOutcome(warnings=tuple(warnings))
    before = f"{booking.starts_at:%Y-%m-%d %H:%M}-{booking.ends_at:%H:%M} {booking.room}"
    room, _ = rooms.contact_room(target.room)
    booking.starts_at, booking.ends_at, booking.room = target.starts_at, target.ends_at, room
    booking.save()
    after = f"{booking.starts_at:%Y-%m-%d %H:%M}-{booking.ends_at:%H:%M} {booking.room}"
    why = f"from {before} to {after}" + (
        f"; {change.reason.strip()}" if change.reason.strip() else ""
    )
    _recorded(booking, "moved", now, why, actor)
    return MoveOutcome(moved=line(booking, booking.case.ref), warnings=tuple(warnings))


__all__ = ["CANCELLED_BY", "Move", "MoveOutcome", "cancel", "cancel_rest_of_series", "move"]
