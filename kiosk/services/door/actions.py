"""What volunteers do at the door. Every act names who did it.

Acts on a booking check the known-person rule first (door_access), then the
booking's state, and record a BookingEvent with the volunteer; the audit log
gets an entry naming the record, never its contents.

Every act takes the write lock before it reads (`access.recording`): the state it is
decided on is the state it is recorded on, even when the kiosk or another
console writes at the same moment. A deferred transaction would decide on what
it read and then fail (or act on a stale view) when another connection
committed first. An act a dialog offered that is no longer allowed is refused
saying that the session changed since the volunteer looked; the handover and the
return are refused, too, when the session is no longer as the volunteer saw it
(`seen`), saying what changed.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from enum import StrEnum

from kiosk.clock import Clock
from kiosk.services.attendance import alerts
from kiosk.services.cases import bookings
from kiosk.services.door.access import (
    DoorError,
    actor,
    booking_for,
    ensure_may_act,
    recording,
    require_text,
)
from kiosk.services.door.seen import Refusal, Seen, handover_refusal, return_refusal, still_holds
from kiosk.services.staff.auth import StaffMember
from kiosk.services.store import audit
from kiosk.services.store.faults import reads, writes
from models import (
    MAIN_LINE,
    SIDE_EXITS,
    Alert,
    Attendance,
    Booking,
    BookingEvent,
    BookingState,
    Person,
    Role,
)

NOT_STARTED = {BookingState.BOOKED.value, BookingState.FIRST_IN.value}
# Somebody has arrived and the booking is not yet closed.
UNDER_WAY = frozenset(MAIN_LINE[1:-1])


class CancelledBy(StrEnum):
    CENTRE = "centre"
    RESIDENT = "resident"
    VISITING = "visiting"


class EndedEarly(StrEnum):
    CURTAILED = "curtailed"
    TERMINATED = "terminated"


# When and where the volunteer saw a session: (starts_at, ends_at, room).
Slot = tuple[datetime, datetime, str]


def _where_seen(booking: Booking, slot: Slot | None) -> None:
    """Refuse an act on a session moved since its dialog named it (to another day, say)."""
    if slot is None or (booking.starts_at, booking.ends_at, booking.room) == slot:
        return
    raise _changed(
        f"It has been moved to {booking.starts_at:%d/%m/%Y %H:%M}-{booking.ends_at:%H:%M}, "
        f"{booking.room}."
    )


def _changed(why: str) -> DoorError:
    """An act the dialog offered, no longer allowed when it came to be recorded."""
    return DoorError(f"Not recorded: the session changed since you looked. {why}")


def _event(
    staff: StaffMember, booking: Booking, kind: str, now: datetime, reason: str = ""
) -> None:
    by = actor(staff)
    BookingEvent.create(booking=booking, kind=kind, at=now, by=by, reason=reason)
    bookings.touch_case(booking.case_id, now)  # type: ignore[attr-defined]
    audit.record(f"door_{kind}", now, target=f"booking:{booking.id}", actor=by)


def _has_event(booking: Booking, kind: str) -> bool:
    return bool(
        BookingEvent.select()
        .where(BookingEvent.booking == booking.id, BookingEvent.kind == kind)
        .exists()
    )


def _move(booking: Booking, state: BookingState, now: datetime, **fields: str) -> None:
    booking.state = state.value
    for name, value in fields.items():
        setattr(booking, name, value)
    booking.save()
    if state.value in SIDE_EXITS:
        # Called off: nobody is awaited any more, so its no-show alerts close.
        alerts.close_for_side_exit(booking.id, state.value, now)


@writes
def acknowledge_alert(staff: StaffMember, alert_id: int, clock: Clock) -> None:
    now = clock.now()
    with recording():
        alert = Alert.get_or_none(Alert.id == alert_id)
        if alert is None:
            raise DoorError("That alert no longer exists.")
        ensure_may_act(staff, alert.case_id)  # type: ignore[attr-defined]
        if alert.acknowledged_at is not None:
            return
        by = actor(staff)
        alert.acknowledged_by, alert.acknowledged_at = by, now
        alert.save()
        audit.record("alert_acknowledged", now, target=f"alert:{alert.id}", actor=by)


def _seen(booking: Booking) -> Seen:
    return Seen(booking.state, _has_event(booking, "handed_over"), _has_event(booking, "returned"))


@reads
def seen_now(staff: StaffMember, booking_id: int) -> Seen:
    """The session as it is now (what the board shows of it)."""
    return _seen(booking_for(staff, booking_id))


def _decided(booking: Booking, seen: Seen, refusal: Refusal) -> None:
    """Refuse, recording nothing, unless the session is as it was seen and the act allowed."""
    why = still_holds(seen, _seen(booking), refusal)
    if why is not None:
        raise _changed(why.text) if why.changed else DoorError(why.text)


@reads
def check_handover(staff: StaffMember, booking_id: int, seen: Seen) -> None:
    """DoorError with the reason if the handover of a session seen so cannot be recorded."""
    _decided(booking_for(staff, booking_id), seen, handover_refusal)


@reads
def check_return(staff: StaffMember, booking_id: int, seen: Seen) -> None:
    """DoorError with the reason if the return of a session seen so cannot be recorded."""
    _decided(booking_for(staff, booking_id), seen, return_refusal)


@writes
def children_handed_over(staff: StaffMember, booking_id: int, clock: Clock, *, seen: Seen) -> None:
    """The children were handed over, on the session as the volunteer saw it (`seen`)."""
    now = clock.now()
    with recording():
        booking = booking_for(staff, booking_id)
        _decided(booking, seen, handover_refusal)
        _move(booking, BookingState.IN_CONTACT, now)
        _event(staff, booking, "handed_over", now)


@writes
def children_returned(staff: StaffMember, booking_id: int, clock: Clock, *, seen: Seen) -> None:
    """The children were returned, on the session as the volunteer saw it (`seen`)."""
    now = clock.now()
    with recording():
        booking = booking_for(staff, booking_id)
        _decided(booking, seen, return_refusal)
        # A session ended early keeps its ending; one on the main line moves on.
        returned_at = MAIN_LINE.index(BookingState.CHILDREN_RETURNED.value)
        if booking.state in MAIN_LINE and MAIN_LINE.index(booking.state) < returned_at:
            _move(booking, BookingState.CHILDREN_RETURNED, now)
        _event(staff, booking, "returned", now)


def _checked_in(booking: Booking, role: Role) -> bool:
    return bool(
        Attendance.select()
        .join(Person)
        .where(Attendance.booking == booking.id, Person.role == role.value, Attendance.kind == "in")
        .exists()
    )


def _ended(booking: Booking) -> bool:
    return booking.state not in MAIN_LINE or booking.state == BookingState.CLOSED.value


def _no_show_refusal(booking: Booking, party: str, now: datetime) -> str | None:
    """Why a no-show cannot be recorded for this party now, or None if it can.

    A no-show is a parent who has not come by the start plus the case's grace:
    before that they are only late.
    """
    if _ended(booking):
        return "This session has already ended."
    if booking.state not in NOT_STARTED:
        return "Both parents have arrived: this session is not a no-show."
    if _checked_in(booking, Role(party)):
        return f"The {party} parent has checked in."
    grace = int(booking.case.no_show_grace_min)
    due = booking.starts_at + timedelta(minutes=grace)
    if now < due:
        return f"A no-show can be recorded from {due:%H:%M} (the start plus {grace} minutes)."
    return None


@reads
def no_show_parties(staff: StaffMember, booking_id: int, clock: Clock) -> list[str]:
    """The parents a no-show may be recorded for now; DoorError with the reason if none."""
    booking = booking_for(staff, booking_id)
    now = clock.now()
    reasons = {p: _no_show_refusal(booking, p, now) for p in (Role.RESIDENT, Role.VISITING)}
    parties = [p.value for p, why in reasons.items() if why is None]
    if not parties:
        raise DoorError(str(reasons[Role.RESIDENT]))
    return parties


@writes
def no_show(
    staff: StaffMember, booking_id: int, party: str, clock: Clock, *, slot: Slot | None = None
) -> None:
    """The named party ("resident" or "visiting") did not come; the booking ends."""
    now = clock.now()
    if party not in (Role.RESIDENT.value, Role.VISITING.value):
        raise DoorError("A no-show is recorded for the resident or the visiting parent.")
    with recording():
        booking = booking_for(staff, booking_id)
        _where_seen(booking, slot)
        why = _no_show_refusal(booking, party, now)
        if why is not None:
            raise _changed(why)
        _move(booking, BookingState.NO_SHOW, now, outcome_party=party)
        _event(staff, booking, "no_show", now, party)


CANCEL_REFUSED = "Only a session nobody has arrived for can be cancelled."
END_EARLY_REFUSED = "Only a session under way can be curtailed or terminated."


@reads
def check_cancel(staff: StaffMember, booking_id: int) -> None:
    """DoorError with the reason if this session cannot be cancelled."""
    if booking_for(staff, booking_id).state != BookingState.BOOKED.value:
        raise DoorError(CANCEL_REFUSED)


@writes
def cancel(
    staff: StaffMember,
    booking_id: int,
    by: CancelledBy,
    with_notice: bool,
    clock: Clock,
    *,
    slot: Slot | None = None,
) -> None:
    """A cancellation: by the centre or a parent, with notice or without."""
    now = clock.now()
    with recording():
        booking = booking_for(staff, booking_id)
        _where_seen(booking, slot)
        if booking.state != BookingState.BOOKED.value:
            raise _changed(CANCEL_REFUSED)
        notice = "yes" if with_notice else "no"
        _move(booking, BookingState.CANCELLED, now, outcome_party=by.value, with_notice=notice)
        _event(staff, booking, "cancelled", now, f"by {by.value}, notice: {notice}")


@reads
def check_end_early(staff: StaffMember, booking_id: int) -> None:
    """DoorError with the reason if this session cannot be curtailed or terminated."""
    if booking_for(staff, booking_id).state not in UNDER_WAY:
        raise DoorError(END_EARLY_REFUSED)


@writes
def end_early(
    staff: StaffMember,
    booking_id: int,
    how: EndedEarly,
    reason: str,
    clock: Clock,
    *,
    slot: Slot | None = None,
) -> None:
    """A session curtailed or terminated, with the reason."""
    now = clock.now()
    text = require_text(reason, "the reason")
    with recording():
        booking = booking_for(staff, booking_id)
        _where_seen(booking, slot)
        if booking.state not in UNDER_WAY:
            raise _changed(END_EARLY_REFUSED)
        _move(booking, BookingState(how.value), now, outcome_reason=text)
        _event(staff, booking, how.value, now, text)
