"""Closing the centre on a day that already has sessions: list them, cancel them at once.

The closure and the cancellations are one transaction: the sessions are
cancelled by the centre, with notice (the family is told ahead of the day), each
with its booking event and audit entry as if cancelled one by one.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from kiosk.services.centre import closures
from kiosk.services.centre.closures import ClosedDay
from kiosk.services.diary import acts
from kiosk.services.diary.sessions import SessionLine, line
from kiosk.services.staff.auth import StaffMember
from kiosk.services.store.faults import reads, writes
from models import Booking, BookingState, Case


@dataclass(frozen=True)
class Closing:
    closed: ClosedDay
    booked: tuple[SessionLine, ...]  # still booked that day, not yet cancelled
    cancelled: tuple[SessionLine, ...] = ()


def _booked_on(day: date) -> list[SessionLine]:
    start = datetime.combine(day, time.min)
    rows = (
        Booking.select(Booking, Case)
        .join(Case)
        .where(
            Booking.starts_at >= start,
            Booking.starts_at < start + timedelta(days=1),
            Booking.state == BookingState.BOOKED.value,
        )
        .order_by(Booking.starts_at)
    )
    return [line(b, b.case.ref) for b in rows]


@reads
def booked_on(day: date) -> list[SessionLine]:
    """The sessions still booked on a day, earliest first."""
    return _booked_on(day)


@writes
def close_day(
    day: date,
    reason: str,
    now: datetime,
    *,
    cancel_booked: bool = False,
    actor: StaffMember | None = None,
) -> Closing:
    """Close the centre on `day`; with `cancel_booked`, cancel every session booked that day."""
    closed = closures.add_closure(day, reason, now, actor)
    booked = _booked_on(day)
    if not cancel_booked:
        return Closing(closed, tuple(booked))
    why = f"the centre is closed: {closed.reason}"
    done = [
        acts.cancel(s.id, "centre", True, now, reason=why, actor=actor)
        for s in booked
        if s.ends_at > now
    ]
    return Closing(closed, tuple(_booked_on(day)), tuple(done))
