"""Checking a person in or out by name, when they forgot their card.

Name search exists only here, behind a volunteer's sign-in: the parent screen
has no way to look anybody up. Only today's adults are searched, never a case
the volunteer has declared they know, and a hit shows what the door may see
(first name, role, case, room), never a surname or contact details.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from peewee import fn

from kiosk.clock import Clock, day_bounds
from kiosk.services.attendance import checkin
from kiosk.services.door.access import (
    DoorError,
    actor,
    ensure_may_act,
    known_case_ids,
    recording,
    require_text,
)
from kiosk.services.scan.rules import IN, OUT
from kiosk.services.staff.auth import StaffMember
from kiosk.services.store import audit
from kiosk.services.store.faults import reads, writes
from models import Attendance, Booking, Case, Person

MIN_QUERY = 2
MAX_HITS = 20


@dataclass(frozen=True)
class PersonHit:
    person_id: int
    first_name: str
    role: str
    case_ref: str
    room: str
    starts_at: datetime
    # "in" when their last event today is a check-in: the act would check them out.
    # Passed back to manual_check as what the volunteer saw.
    status: str


@dataclass(frozen=True)
class ManualResult:
    kind: str  # "in" or "out"
    at: datetime
    first_name: str


@reads
def search(staff: StaffMember, query: str, clock: Clock) -> list[PersonHit]:
    """Adults with a booking today whose first or last name contains query."""
    text = query.strip().lower()
    if len(text) < MIN_QUERY:
        return []
    start, end = day_bounds(clock.now())
    known = known_case_ids(staff)
    like = f"%{text}%"
    todays: dict[int, Booking] = {}
    for b in (
        Booking.select(Booking, Case)
        .join(Case)
        .where(Booking.starts_at >= start, Booking.starts_at < end)
        .order_by(Booking.starts_at)
    ):
        if b.case_id not in known:  # type: ignore[attr-defined]
            todays.setdefault(b.case_id, b)  # type: ignore[attr-defined]
    rows = (
        Person.select()
        .where(
            Person.case.in_(list(todays)),
            (fn.lower(Person.first_name) ** like) | (fn.lower(Person.last_name) ** like),
        )
        .order_by(Person.first_name, Person.id)
        .limit(MAX_HITS)
    )
    hits = []
    for p in rows:
        b = todays[p.case_id]  # type: ignore[attr-defined]
        status = "in" if _is_in(p.id, start) else "out"
        hits.append(PersonHit(p.id, p.first_name, p.role, b.case.ref, b.room, b.starts_at, status))
    return sorted(hits, key=lambda h: (h.starts_at, h.first_name))


def _is_in(person_id: int, since: datetime) -> bool:
    last = (
        Attendance.select(Attendance.kind)
        .where(Attendance.person == person_id, Attendance.at >= since)
        .order_by(Attendance.at.desc(), Attendance.id.desc())
        .first()
    )
    return last is not None and last.kind == "in"


@writes
def manual_check(
    staff: StaffMember, person_id: int, reason: str, clock: Clock, *, intended: str
) -> ManualResult:
    """Check the person in or out, as the volunteer intended, recording who and why.

    `intended` ("in" or "out") is what the volunteer chose from the search; the
    act is decided again inside its write transaction and refused, recording
    nothing, when the person has moved since. The check-in rules are the scan's
    own (checkin.manual): the same booking, state moves and alerts for the door.
    """
    text = require_text(reason, "the reason (for example: forgot card)")
    if intended not in (IN, OUT):
        raise DoorError("Choose whether to check the person in or out.")
    at = clock.now()
    # Under the write lock `writes` took: the state read here is the one recorded on.
    with recording():
        person = Person.get_or_none(Person.id == person_id)
        if person is None:
            raise DoorError("That person is no longer on file.")
        ensure_may_act(staff, person.case_id)  # type: ignore[attr-defined]
        by = actor(staff)
        outcome = checkin.manual(person, by.id, text, clock, intended=intended)
        if outcome.recorded is None:
            raise DoorError(f"Not recorded: {outcome.reason}.")
        audit.record(f"manual_check_{outcome.recorded}", at, target=f"person:{person.id}", actor=by)
    return ManualResult(outcome.recorded, at, person.first_name)
