"""What the door console's timer does about today's sessions.

Both run on each refresh of the door console: the contact begins when both
parents are in and the start time is reached, and a parent who has not come
by their own time plus the case's grace is alerted once.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from kiosk.clock import Clock, day_bounds
from kiosk.services.attendance.alerts import AlertKind, AlertView, raise_alert
from kiosk.services.attendance.recording import who
from kiosk.services.scan.own_view import own_view, scan_settings
from kiosk.services.scan.rules import IN, OwnEvent, OwnView
from models import MAIN_LINE, Alert, Attendance, Booking, BookingState, Case, Person, Role


def start_due_sessions(clock: Clock) -> int:
    """Both parties in and the start time reached: the contact has begun."""
    now = clock.now()
    start, _ = day_bounds(now)
    return int(
        Booking.update(state=BookingState.IN_CONTACT.value)
        .where(
            Booking.state == BookingState.BOTH_IN.value,
            Booking.starts_at >= start,
            Booking.starts_at <= now,
        )
        .execute()
    )


def record_no_shows(clock: Clock) -> list[AlertView]:
    """Alert for each parent not checked in by their own time plus the case's grace.

    Each no-show is alerted once. The day is read in one query per table (the
    console calls this on a timer, on the thread that answers the volunteer).
    """
    now = clock.now()
    start, end = day_bounds(now)
    todays = list(
        Booking.select(Booking, Case)
        .join(Case)
        .where(Booking.starts_at >= start, Booking.starts_at < end, Booking.state.in_(MAIN_LINE))
    )
    if not todays:
        return []
    day = _Day.read(todays)
    config = scan_settings()
    raised: list[AlertView] = []
    for booking in todays:
        for parent in day.parents.get(booking.case_id, []):  # type: ignore[attr-defined]
            events = day.events.get((booking.id, parent.id), ())
            view = own_view(parent, booking.case, booking, events, config)
            alert = _no_show(parent, booking.case, booking, view, now, day.alerted)
            if alert is not None:
                raised.append(alert)
    return raised


@dataclass
class _Day:
    """The parents, their own events and the no-shows already alerted, for today's bookings."""

    parents: dict[int, list[Person]]
    events: dict[tuple[int, int], tuple[OwnEvent, ...]]
    alerted: set[tuple[int, str]]

    @classmethod
    def read(cls, bookings: list[Booking]) -> _Day:
        booking_ids = [b.id for b in bookings]
        parents: dict[int, list[Person]] = {}
        for p in (
            Person.select()
            .where(
                Person.case.in_({b.case_id for b in bookings}),  # type: ignore[attr-defined]
                Person.role.in_([Role.RESIDENT.value, Role.VISITING.value]),
            )
            .order_by(Person.id)
        ):
            parents.setdefault(p.case_id, []).append(p)  # type: ignore[attr-defined]
        events: dict[tuple[int, int], list[OwnEvent]] = {}
        for a in (
            Attendance.select(Attendance.booking, Attendance.person, Attendance.kind, Attendance.at)
            .where(Attendance.booking.in_(booking_ids))
            .order_by(Attendance.at, Attendance.id)
        ):
            key = (a.booking_id, a.person_id)  # type: ignore[attr-defined]
            events.setdefault(key, []).append(OwnEvent(a.kind, a.at))
        alerted = {
            (a.booking_id, a.message)  # type: ignore[attr-defined]
            for a in Alert.select(Alert.booking, Alert.message).where(
                Alert.kind == AlertKind.NO_SHOW.value, Alert.booking.in_(booking_ids)
            )
        }
        return cls(parents, {k: tuple(v) for k, v in events.items()}, alerted)


def _no_show(
    parent: Person,
    case: Case,
    booking: Booking,
    view: OwnView,
    now: datetime,
    alerted: set[tuple[int, str]],
) -> AlertView | None:
    deadline = view.expected_at + timedelta(minutes=case.no_show_grace_min)
    if now < deadline or any(e.kind == IN for e in view.events):
        return None
    message = (
        f"{who(parent, case)} has not arrived: due {view.expected_at:%H:%M}, "
        f"grace {case.no_show_grace_min} min"
    )
    # Once per booking and parent, even after a volunteer acknowledged it: the
    # console calls this on a timer, and an acknowledged no-show must stay quiet.
    if (booking.id, message) in alerted:
        return None
    alerted.add((booking.id, message))
    return raise_alert(
        AlertKind.NO_SHOW, message, now, case_id=case.id, booking_id=booking.id, person_id=parent.id
    )
