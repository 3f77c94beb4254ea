"""The week at a glance: every room's sessions, day by day, with the entrance's windows.

Each session carries its arrival and departure windows (the same windows the
booking checks use), and is marked when one of them meets another family's
window that day: an entrance clash the co-ordinator should see and move.
Closed days come with their reason.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, datetime, time, timedelta

from kiosk.services.centre import closures, rooms
from kiosk.services.centre.windows import Window, windows
from kiosk.services.diary.sessions import outcome
from kiosk.services.store.faults import reads
from models import Booking, BookingState, Case

QUIET = (BookingState.CANCELLED.value,)


@dataclass(frozen=True)
class WeekSession:
    id: int
    case_ref: str
    room: str
    service: str
    state: str
    outcome: str
    starts_at: datetime
    ends_at: datetime
    arrival: Window
    departure: Window
    # The cases whose entrance windows meet this session's (empty when none), and which
    # of this session's windows meet one: "arrival", "departure".
    clashes_with: tuple[str, ...] = ()
    clashing: tuple[str, ...] = ()

    @property
    def cancelled(self) -> bool:
        return self.state in QUIET


@dataclass(frozen=True)
class WeekDay:
    day: date
    closed: str  # why the centre is closed; "" when open
    sessions: tuple[WeekSession, ...]


@dataclass(frozen=True)
class Week:
    monday: date
    rooms: tuple[str, ...]
    days: tuple[WeekDay, ...]

    @property
    def sessions(self) -> list[WeekSession]:
        return [s for d in self.days for s in d.sessions]


def monday_of(day: date) -> date:
    return day - timedelta(days=day.weekday())


def _session(b: Booking) -> WeekSession:
    arrival, departure = windows(
        b.starts_at, b.ends_at, b.case.arrival_gap_min, b.case.departure_hold_min
    )
    return WeekSession(
        int(b.id),
        b.case.ref,
        b.room,
        b.service,
        b.state,
        outcome(b),
        b.starts_at,
        b.ends_at,
        arrival,
        departure,
    )


def _with_clashes(day: list[WeekSession]) -> tuple[WeekSession, ...]:
    """Each session marked with the other families its entrance windows meet, and where."""
    live = [s for s in day if not s.cancelled]
    marked = []
    for s in day:
        others: dict[str, None] = {}
        clashing: dict[str, None] = {}
        for o in live if not s.cancelled else []:
            if o.case_ref == s.case_ref:
                continue
            for mine in (s.arrival, s.departure):
                if any(mine.meets(theirs) for theirs in (o.arrival, o.departure)):
                    others[o.case_ref] = None
                    clashing[mine.kind] = None
        marked.append(replace(s, clashes_with=tuple(others), clashing=tuple(clashing)))
    return tuple(marked)


@reads
def build_week(any_day: date) -> Week:
    """The week (Monday to Sunday) holding `any_day`."""
    monday = monday_of(any_day)
    sunday = monday + timedelta(days=6)
    start = datetime.combine(monday, time.min)
    rows = (
        Booking.select(Booking, Case)
        .join(Case)
        .where(Booking.starts_at >= start, Booking.starts_at < start + timedelta(days=7))
        .order_by(Booking.starts_at, Booking.room)
    )
    by_day: dict[date, list[WeekSession]] = {monday + timedelta(days=i): [] for i in range(7)}
    for b in rows:
        by_day[b.starts_at.date()].append(_session(b))
    closed = closures.closed_days(monday, sunday)
    booked_rooms = {s.room for day in by_day.values() for s in day}
    in_use = rooms.contact_rooms()
    shown = tuple(in_use + sorted(booked_rooms - set(in_use)))
    days = tuple(
        WeekDay(d, closed[d].reason if d in closed else "", _with_clashes(sessions))
        for d, sessions in by_day.items()
    )
    return Week(monday, shown, days)
