"""The door's half of a scan or a manual check-in: record it, move the booking, alert.

Only volunteers see what this half produces, so unlike the parent's half
(scan_rules) it may look at both parties of a case: the other parent's events
decide whether the door must keep two people apart and how far the booking
has come.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from kiosk.clock import day_bounds
from kiosk.services.attendance import alerts
from kiosk.services.attendance.alerts import AlertKind
from kiosk.services.cases import bookings
from kiosk.services.scan.rules import IN, OUT, Decision, Outcome, OwnEvent, OwnView, Party
from kiosk.services.store.fixed import Fixed
from models import MAIN_LINE, Attendance, Booking, BookingState, Case, Person, Role

# A second party leaving this close to the end has collected the children;
# earlier, a resident parent has only stepped out and will come back.
COLLECTION_WINDOW = timedelta(minutes=15)


def who(person: Person, case: Case) -> str:
    """A person as alerts name them: role and case, never a name (see alerts.py)."""
    return f"{person.role} adult of case {case.ref}"


def record_and_alert(
    view: OwnView,
    decision: Decision,
    person: Person,
    case: Case,
    booking: Booking,
    now: datetime,
    *,
    method: str = "scan",
    recorded_by: int | None = None,
    reason: str = "",
) -> None:
    """Record the event, move the booking on and raise the door's alerts."""
    name = who(person, case)
    if decision.record is not None:
        _RECORD.execute(booking.id, person.id, decision.record, now, method, reason, recorded_by)
        # Retention counts in years: once a day is enough, and saves a scan
        # two writes (case.last_used_at was loaded with the card).
        if case.last_used_at < day_bounds(now)[0]:
            bookings.touch_case(case.id, now)
    _own_alerts(decision, name, person, booking, now)
    if view.party is Party.ADULT or decision.record is None:
        return
    other_events = _other_parent_events(person, case, booking)
    _close_alerts(view, decision.record, other_events, person, case, booking, now)
    _keep_apart(view, decision.record, other_events, person, name, booking, now)
    _advance(booking, view, decision.record, other_events, now)


def _close_alerts(
    view: OwnView,
    record: str,
    other: tuple[OwnEvent, ...],
    person: Person,
    case: Case,
    booking: Booking,
    now: datetime,
) -> None:
    """Close the alerts this event answers, touching the table only when one can exist.

    Each statement costs a scan time, so the conditions mirror when each alert is
    raised: a no-show only after the parent's own time plus the grace, a departure
    hold only on a first party who leaves before their time, keep-apart only when
    the other parent has been in.
    """
    if record == IN:
        if now >= view.expected_at + timedelta(minutes=case.no_show_grace_min):
            alerts.close_for_arrival(booking.id, person.id, person.role, now)
        return
    if view.may_leave_from is not None and now < view.may_leave_from:
        alerts.close_for_departure(booking.id, person.id, now)
    if other:
        alerts.end_keep_apart(booking.id, view.departure_hold, now)


def _own_alerts(
    decision: Decision, name: str, person: Person, booking: Booking, now: datetime
) -> None:
    """An early arrival or a departure asked for during the hold: each holds until its time."""
    until = decision.until.strftime("%H:%M") if decision.until else ""
    if decision.outcome is Outcome.EARLY:
        message = f"{name} arrived early; due at {until}"
        _alert(AlertKind.EARLY_ARRIVAL, message, booking, now, person, decision.until)
    elif decision.outcome is Outcome.HOLD:
        message = f"{name} asked to leave; may leave from {until}"
        _alert(AlertKind.DEPARTURE_HOLD, message, booking, now, person, decision.until)


def _alert(
    kind: AlertKind,
    message: str,
    booking: Booking,
    now: datetime,
    person: Person,
    until: datetime | None = None,
) -> None:
    alerts.raise_alert(
        kind,
        message,
        now,
        case_id=booking.case_id,  # type: ignore[attr-defined]
        booking_id=booking.id,
        person_id=person.id,
        until=until,
    )


# The door's half, fixed statements (kiosk/services/store/fixed.py), as the parent's half's.
_RECORD = Fixed(
    lambda booking, person, kind, at, method, reason, recorded_by: Attendance.insert(
        booking=booking,
        person=person,
        kind=kind,
        at=at,
        method=method,
        reason=reason,
        recorded_by=recorded_by,
    )
)
# Sorted here, not by SQL: a sorter costs as much as the lookup under memory security.
_OTHER_EVENTS = Fixed(
    lambda booking_id, case_id, role: (
        Attendance.select(Attendance.at, Attendance.id, Attendance.kind)
        .join(Person)
        .where(Attendance.booking == booking_id, Person.case == case_id, Person.role == role)
    ),
    (Attendance.at, Attendance.id, Attendance.kind),
)
_MOVE = Fixed(lambda state, booking_id: Booking.update(state=state).where(Booking.id == booking_id))


def _other_parent_events(person: Person, case: Case, booking: Booking) -> tuple[OwnEvent, ...]:
    """The other parent's events on this booking: for the door's half only."""
    other_role = Role.VISITING if person.role == Role.RESIDENT.value else Role.RESIDENT
    rows = sorted(_OTHER_EVENTS.objects(booking.id, case.id, other_role.value))
    return tuple(OwnEvent(kind, at) for at, _, kind in rows)


def _keep_apart(
    view: OwnView,
    record: str,
    other: tuple[OwnEvent, ...],
    person: Person,
    name: str,
    booking: Booking,
    now: datetime,
) -> None:
    """Tell the door to keep the parents apart; while both are in it holds with no end."""
    other_in = bool(other) and other[-1].kind == IN
    message = ""
    free_at: datetime | None = None
    if record == IN and other_in and now < booking.starts_at:
        message = f"{name} arrived while the other party is waiting: keep them apart"
    elif record == IN and other_in and view.party is Party.FIRST:
        message = f"{name} (first party) arrived after the other party: keep them apart"
    elif record == OUT and view.party is Party.FIRST and other_in:
        message = f"{name} (first party) is leaving while the other party is still in"
    elif record == OUT and view.party is Party.FIRST and other:
        # DESIGN.md section 2: the first party also waits H after the second
        # party left. Only the door can enforce that: telling the parent would
        # tell them about the other party.
        free_at = other[-1].at + view.departure_hold
        if now < free_at:
            message = (
                f"{name} (first party) is leaving: hold them at the door until {free_at:%H:%M}"
            )
    if message:
        _alert(AlertKind.KEEP_APART, message, booking, now, person, free_at)


def _advance(
    booking: Booking, view: OwnView, record: str, other: tuple[OwnEvent, ...], now: datetime
) -> None:
    """Move the booking along the main line; never backwards, never out of a side exit."""
    if booking.state not in MAIN_LINE:
        return
    other_in = bool(other) and other[-1].kind == IN
    target = booking.state
    if record == IN:
        if other_in:
            target = BookingState.IN_CONTACT if now >= booking.starts_at else BookingState.BOTH_IN
        else:
            target = BookingState.FIRST_IN
    elif view.party is Party.SECOND and now >= booking.ends_at - COLLECTION_WINDOW:
        target = BookingState.SECOND_OUT
    elif view.party is Party.FIRST and not other_in:
        target = BookingState.CLOSED
    if MAIN_LINE.index(target) > MAIN_LINE.index(booking.state):
        _MOVE.execute(str(target), booking.id)
        booking.state = target
