"""Creating bookings: one session or a series, all of it or none (the rules: booking_rules)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from enum import StrEnum

from kiosk.services.cases.booking_rules import (
    FREES_THE_ROOM,
    NewBooking,
    clashes,
    closed,
    past_warning,
    previsit_warnings,
)
from kiosk.services.centre import rooms
from kiosk.services.staff.auth import StaffMember
from kiosk.services.store import audit
from kiosk.services.store.faults import writes
from kiosk.services.store.forms import counted, first_unshowable
from models import Booking, Case, Person, Service


def validate(new: NewBooking) -> list[str]:
    """Reasons the booking cannot be made; empty when it can."""
    reasons: list[str] = []
    case = Case.get_or_none(Case.ref == new.case_ref)
    if case is None:
        reasons.append(f"no case {new.case_ref!r}")
    if new.ends_at <= new.starts_at:
        reasons.append("the end must be after the start")
    _room, why = rooms.contact_room(new.room)
    if why:
        reasons.append(why)
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
        # The register's spelling: the board, the kiosk and the week all read it.
        room=rooms.contact_room(new.room)[0] or new.room.strip(),
        starts_at=new.starts_at,
        ends_at=new.ends_at,
        service=new.service,
        created_at=now,
    )
    touch_case(case.id, now)
    return booking


# --- Recurring bookings and the rules that keep families apart ------------------

MAX_OCCURRENCES = 105  # two years of weekly sessions
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
    """What `book` did: created ids, or the refusals, or warnings awaiting confirmation.

    `skipped`: the closed days a series passed over, each with why.
    """

    booking_ids: tuple[int, ...] = ()
    refusals: tuple[str, ...] = ()
    warnings: tuple[str, ...] = ()
    skipped: tuple[str, ...] = ()

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


@dataclass(frozen=True)
class Checked:
    """A request's sessions (closed days left out of a series), refusals, warnings, skips."""

    sessions: list[NewBooking]
    refusals: list[str]
    warnings: list[str]
    skipped: list[str]


def check_request(request: BookingRequest, now: datetime) -> Checked:
    """The sessions, refusals, warnings and skipped days of a booking request; writes nothing."""
    series, refusals = occurrences(request)
    if refusals:
        return Checked([], refusals, [], [])
    first_reasons = validate(request.first)
    if first_reasons:
        return Checked(series, first_reasons, [], [])
    skipped: list[str] = []
    if request.repeat is Repeat.NONE:
        refusals.extend(closed(request.first.starts_at))
    else:
        # A series passes over the centre's closed days and says which.
        skipped = [why for new in series for why in closed(new.starts_at)]
        series = [new for new in series if not closed(new.starts_at)]
        if not series:
            refusals.append("the centre is closed on every day of that series")
    case = Case.get(Case.ref == request.first.case_ref)
    for new in series:
        refusals.extend(clashes(new, case))
    start = series[0].starts_at if series else request.first.starts_at
    return Checked(series, refusals, previsit_warnings(case) + past_warning(start, now), skipped)


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

    Refusals always stop the booking. Warnings (no pre-visit yet, a date already
    past) stop it too unless `confirm` says the co-ordinator has read them and goes ahead.
    """
    checked = check_request(request, now)
    warnings, skipped = checked.warnings, tuple(checked.skipped)
    if checked.refusals:
        return BookingOutcome(refusals=tuple(checked.refusals), warnings=tuple(warnings))
    if warnings and not confirm:
        return BookingOutcome(warnings=tuple(warnings), skipped=skipped)
    ids = tuple(int(create(new, now).id) for new in checked.sessions)
    if request.repeat is not Repeat.NONE:
        # The series is known by its first session, so its rest can be cancelled at once.
        Booking.update(series=ids[0]).where(Booking.id.in_(ids)).execute()
    case = Case.get(Case.ref == request.first.case_ref)
    audit.record(
        "book",
        now,
        target=f"case:{case.id}",
        detail=counted(len(ids), "session")
        + (f"; confirmed: {_kinds(warnings)}" if warnings else ""),
        actor=actor,
    )
    return BookingOutcome(booking_ids=ids, warnings=tuple(warnings), skipped=skipped)


def _kinds(warnings: list[str]) -> str:
    """What was confirmed, by kind: the audit names no dates or people."""
    kinds = ["pre-visit" for w in warnings if "pre-visit" in w][:1]
    kinds += ["past date" for w in warnings if w.endswith("in the past")]
    return ", ".join(kinds)


__all__ = ["FREES_THE_ROOM", "NewBooking", "clashes"]
