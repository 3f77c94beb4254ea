"""Creating bookings, and the rules every new booking must pass."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from enum import StrEnum

from kiosk.services.staff.auth import StaffMember
from kiosk.services.store import audit
from kiosk.services.store.faults import writes
from kiosk.services.store.forms import first_unshowable
from models import Booking, BookingState, Case, Person, Role, Service


@dataclass(frozen=True)
class NewBooking:
    case_ref: str
    starts_at: datetime
    ends_at: datetime
    room: str
    service: str


def validate(new: NewBooking) -> list[str]:
    """Reasons the booking cannot be made; empty when it can."""
    reasons: list[str] = []
    case = Case.get_or_none(Case.ref == new.case_ref)
    if case is None:
        reasons.append(f"no case {new.case_ref!r}")
    if new.ends_at <= new.starts_at:
        reasons.append("the end must be after the start")
    if not new.room.strip():
        reasons.append("a room is required")
    if refusal := first_unshowable({"the room": new.room}):
        reasons.append(refusal)
    if new.service not in {s.value for s in Service}:
        allowed = ", ".join(s.value for s in Service)
        reasons.append(f"unknown service {new.service!r} (one of {allowed})")
    elif (
        new.service == Service.ASSESSMENT.value
        and case is not None
        and not (case.family_agreed_assessment_on and case.coordinator_agreed_assessment_on)
    ):
        # Policy: assessments on the premises need the family's and the
        # co-ordinator's prior agreement.
        reasons.append("an assessment needs the family's and the co-ordinator's agreement first")
    return reasons


def touch_case(case_id: int, now: datetime) -> None:
    """Mark a case and its people as used: the retention clock restarts."""
    Case.update(last_used_at=now).where(Case.id == case_id, Case.last_used_at < now).execute()
    Person.update(last_used_at=now).where(
        Person.case == case_id, Person.last_used_at < now
    ).execute()


def create(new: NewBooking, now: datetime) -> Booking:
    case = Case.get(Case.ref == new.case_ref)
    booking = Booking.create(
        case=case,
        room=new.room.strip(),
        starts_at=new.starts_at,
        ends_at=new.ends_at,
        service=new.service,
        created_at=now,
    )
    touch_case(case.id, now)
    return booking


# --- Recurring bookings and the rules that keep families apart ------------------

# A session never runs past a day, so a clash can only come from a booking that
# starts within a day either side: this keeps every rule on the starts_at index.
SESSION_REACH = timedelta(days=1)
# A window of no length (a gap of 0 minutes) still occupies the entrance briefly.
MIN_WINDOW = timedelta(minutes=1)
MAX_OCCURRENCES = 105  # two years of weekly sessions
FREES_THE_ROOM = (BookingState.CANCELLED.value,)
# The service types a booking may have, for forms (screens never import models).
SERVICE_TYPES = tuple(s.value for s in Service)
DEFAULT_SERVICE = Service.SUPPORTED.value


class Repeat(StrEnum):
    NONE = "none"
    WEEKLY = "weekly"
    FORTNIGHTLY = "fortnightly"


STEP = {Repeat.WEEKLY: timedelta(weeks=1), Repeat.FORTNIGHTLY: timedelta(weeks=2)}


@dataclass(frozen=True)
class BookingRequest:
    first: NewBooking
    repeat: Repeat = Repeat.NONE
    until: date | None = None


@dataclass(frozen=True)
class BookingOutcome:
    """What `book` did: created ids, or the refusals, or warnings awaiting confirmation."""

    booking_ids: tuple[int, ...] = ()
    refusals: tuple[str, ...] = ()
    warnings: tuple[str, ...] = ()

    @property
    def booked(self) -> bool:
        return bool(self.booking_ids)

    @property
    def needs_confirmation(self) -> bool:
        return not self.booked and not self.refusals and bool(self.warnings)


def occurrences(request: BookingRequest) -> tuple[list[NewBooking], list[str]]:
    """Every session the request asks for, and the reasons the series itself is wrong."""
    first = request.first
    if request.repeat is Repeat.NONE:
        return [first], []
    if request.until is None:
        return [], ["a repeating booking needs an end date"]
    if request.until < first.starts_at.date():
        return [], ["the repeat end date is before the first session"]
    step = STEP[request.repeat]
    series: list[NewBooking] = []
    start, end = first.starts_at, first.ends_at
    while start.date() <= request.until:
        if len(series) == MAX_OCCURRENCES:
            return [], [f"a series is at most {MAX_OCCURRENCES} sessions: choose an earlier end"]
        series.append(NewBooking(first.case_ref, start, end, first.room, first.service))
        start, end = start + step, end + step
    return series, []


def _when(new: NewBooking) -> str:
    return new.starts_at.strftime("%a %d %b %Y %H:%M")


def _span(start: datetime, end: datetime) -> tuple[datetime, datetime]:
    return start, max(end, start + MIN_WINDOW)


def _windows(
    start: datetime, end: datetime, gap: int, hold: int
) -> list[tuple[str, datetime, datetime]]:
    """The times a case's families pass through the entrance: arrivals, then departures."""
    a0, a1 = _span(start - timedelta(minutes=gap), start)
    d0, d1 = _span(end, end + timedelta(minutes=hold))
    return [("arrival", a0, a1), ("departure", d0, d1)]


def _nearby(new: NewBooking) -> list[Booking]:
    query = (
        Booking.select(Booking, Case)
        .join(Case)
        .where(
            Booking.starts_at > new.starts_at - SESSION_REACH,
            Booking.starts_at < new.ends_at + SESSION_REACH,
            Booking.state.not_in(FREES_THE_ROOM),
        )
    )
    return list(query)


def clashes(new: NewBooking, case: Case) -> list[str]:
    """The room and entrance rules for one session of `case`."""
    reasons: list[str] = []
    mine = _windows(new.starts_at, new.ends_at, case.arrival_gap_min, case.departure_hold_min)
    room = new.room.strip().casefold()
    for other in _nearby(new):
        if (
            other.room.casefold() == room
            and other.starts_at < new.ends_at
            and other.ends_at > new.starts_at
        ):
            reasons.append(
                f"{_when(new)}: {new.room.strip()} is booked "
                f"{other.starts_at:%H:%M}-{other.ends_at:%H:%M} (case {other.case.ref})"
            )
        if other.case.id == case.id:
            continue
        theirs = _windows(
            other.starts_at,
            other.ends_at,
            other.case.arrival_gap_min,
            other.case.departure_hold_min,
        )
        for kind, m0, m1 in mine:
            for other_kind, t0, t1 in theirs:
                if m0 < t1 and t0 < m1:
                    reasons.append(
                        f"{_when(new)}: the {kind} window {m0:%H:%M}-{m1:%H:%M} meets case "
                        f"{other.case.ref}'s {other_kind} window {t0:%H:%M}-{t1:%H:%M} "
                        "in the entrance"
                    )
    return reasons


def previsit_warnings(case: Case) -> list[str]:
    """Booking before both parents have had a pre-visit needs the co-ordinator's word."""
    seen = {
        p.role: p.pre_visit_on
        for p in Person.select(Person.role, Person.pre_visit_on).where(
            Person.case == case, Person.role.in_([Role.RESIDENT.value, Role.VISITING.value])
        )
    }
    return [
        f"the {role.value} parent has not had a pre-visit"
        for role in (Role.RESIDENT, Role.VISITING)
        if seen.get(role.value) is None
    ]


def check_request(request: BookingRequest) -> tuple[list[NewBooking], list[str], list[str]]:
    """The sessions, the refusals and the warnings for a booking request; writes nothing."""
    series, refusals = occurrences(request)
    if refusals:
        return [], refusals, []
    first_reasons = validate(request.first)
    if first_reasons:
        return series, first_reasons, []
    case = Case.get(Case.ref == request.first.case_ref)
    for new in series:
        refusals.extend(clashes(new, case))
    return series, refusals, previsit_warnings(case)


# The checks and the bookings in one transaction under the write lock: a booking
# another program made after the clash check can never slip in before these.
@writes
def book(
    request: BookingRequest,
    now: datetime,
    *,
    confirm: bool = False,
    actor: StaffMember | None = None,
) -> BookingOutcome:
    """Book one session or a whole series: every session, or none of them.

    Refusals always stop the booking. Warnings (no pre-visit yet) stop it too
    unless `confirm` says the co-ordinator has read them and goes ahead.
    """
    series, refusals, warnings = check_request(request)
    if refusals:
        return BookingOutcome(refusals=tuple(refusals), warnings=tuple(warnings))
    if warnings and not confirm:
        return BookingOutcome(warnings=tuple(warnings))
    ids = tuple(int(create(new, now).id) for new in series)
    case = Case.get(Case.ref == request.first.case_ref)
    audit.record(
        "book",
        now,
        target=f"case:{case.id}",
        detail=f"{len(ids)} session(s)" + ("; pre-visit warning confirmed" if warnings else ""),
        actor=actor,
    )
    return BookingOutcome(booking_ids=ids, warnings=tuple(warnings))
