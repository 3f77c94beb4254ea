"""What the door console's timer does about today's sessions.

Both run on each refresh of the door console: the contact begins when both
parents are in and the start time is reached, and a parent who has not come
by their own time plus the case's grace is alerted once.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from kiosk.clock import Clock, day_bounds
from kiosk.services.attendance.alerts import AlertKind, AlertView, raise_alert
from kiosk.services.attendance.recording import who
from kiosk.services.scan.own_view import events_by_booking, own_view, scan_settings
from kiosk.services.scan.rules import IN
from models import MAIN_LINE, Alert, Booking, BookingState, Case, Person, Role


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

    Each no-show is alerted once.
    """
    now = clock.now()
    start, end = day_bounds(now)
    raised: list[AlertView] = []
    todays = (
        Booking.select(Booking, Case)
        .join(Case)
        .where(Booking.starts_at >= start, Booking.starts_at < end, Booking.state.in_(MAIN_LINE))
    )
    for booking in todays:
        case = booking.case
        for parent in Person.select().where(
            Person.case == case, Person.role.in_([Role.RESIDENT.value, Role.VISITING.value])
        ):
            alert = _no_show(parent, case, booking, now)
            if alert is not None:
                raised.append(alert)
    return raised


def _no_show(parent: Person, case: Case, booking: Booking, now: datetime) -> AlertView | None:
    events = events_by_booking(parent.id, [booking.id]).get(booking.id, ())
    view = own_view(parent, case, booking, events, scan_settings())
    deadline = view.expected_at + timedelta(minutes=case.no_show_grace_min)
    if now < deadline or any(e.kind == IN for e in view.events):
        return None
    message = (
        f"{who(parent, case)} has not arrived: due {view.expected_at:%H:%M}, "
        f"grace {case.no_show_grace_min} min"
    )
    # Once per booking and parent, even after a volunteer acknowledged it: the
    # console calls this on a timer, and an acknowledged no-show must stay quiet.
    alerted = Alert.select().where(
        Alert.kind == AlertKind.NO_SHOW.value, Alert.booking == booking.id, Alert.message == message
    )
    if alerted.exists():
        return None
    return raise_alert(
        AlertKind.NO_SHOW, message, now, case_id=case.id, booking_id=booking.id, person_id=parent.id
    )
