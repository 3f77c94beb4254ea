"""A case's sessions, past and future, each with what became of it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from kiosk.services.store.errors import KioskError
from kiosk.services.store.faults import reads
from models import Booking, BookingState, Case

# What each side exit is called; the main line reads as its state.
OUTCOMES = {
    BookingState.CANCELLED.value: "cancelled",
    BookingState.NO_SHOW.value: "no-show",
    BookingState.CURTAILED.value: "curtailed",
    BookingState.TERMINATED.value: "terminated",
    BookingState.REFUSED_ENTRY.value: "refused entry",
}


class DiaryError(KioskError, ValueError):
    """An act on a session the diary refuses; nothing was changed."""


@dataclass(frozen=True)
class SessionLine:
    id: int
    case_ref: str
    starts_at: datetime
    ends_at: datetime
    room: str
    service: str
    state: str
    outcome: str
    series: int | None

    @property
    def times(self) -> str:
        return f"{self.starts_at:%H:%M}-{self.ends_at:%H:%M}"


def outcome(b: Booking) -> str:
    """A session's state in words: who cancelled and with what notice, who did not come."""
    state = str(b.state)
    if state == BookingState.CANCELLED.value:
        notice = "with notice" if b.with_notice == "yes" else "without notice"
        return f"cancelled by {b.outcome_party or 'centre'}, {notice}"
    if state == BookingState.NO_SHOW.value:
        return f"no-show ({b.outcome_party})"
    return OUTCOMES.get(state, state.replace("_", " "))


def line(b: Booking, case_ref: str) -> SessionLine:
    return SessionLine(
        int(b.id),
        case_ref,
        b.starts_at,
        b.ends_at,
        b.room,
        b.service,
        b.state,
        outcome(b),
        b.series,
    )


def case_named(ref: str) -> Case:
    case = Case.get_or_none(Case.ref == ref.strip())
    if case is None:
        raise DiaryError(f"no case {ref.strip()!r}")
    return case


@reads
def case_sessions(
    ref: str, start: date | None = None, until: date | None = None
) -> list[SessionLine]:
    """Every session of the case from `start` to `until` (both included), earliest first."""
    case = case_named(ref)
    query = Booking.select().where(Booking.case == case.id)
    if start is not None:
        query = query.where(Booking.starts_at >= datetime.combine(start, datetime.min.time()))
    if until is not None:
        after = datetime.combine(until + timedelta(days=1), datetime.min.time())
        query = query.where(Booking.starts_at < after)
    return [line(b, case.ref) for b in query.order_by(Booking.starts_at, Booking.id)]


@reads
def session(booking_id: int) -> SessionLine:
    found = list(Booking.select(Booking, Case).join(Case).where(Booking.id == booking_id))
    if not found:
        raise DiaryError(f"no session {booking_id}")
    return line(found[0], found[0].case.ref)
