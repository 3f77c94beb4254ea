"""Creating bookings, and the rules every new booking must pass."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from models import Booking, Case, Person, Service


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
