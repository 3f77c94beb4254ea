"""A case with a referrer, distinct details for each adult, and a term of sessions."""

from __future__ import annotations

from datetime import datetime, timedelta

from models import Attendance, Booking, BookingState, Case, Person, Referral, Role
from tests.support.builders import make_booking, make_case, person

REFERRER = "Northshire Family Court Service"
# Every identifying detail of every adult in the case, for leak checks.
RESIDENT = {
    "first_name": "Rosalind",
    "last_name": "Quenby",
    "phone": "07700 900111",
    "emergency_phone": "07700 900112",
    "email": "rosalind.quenby@example.test",
    "address": "4 Orchard Close, Millbridge",
    "postcode": "ZZ4 7QA",
}
VISITING = {
    "first_name": "Victor",
    "last_name": "Hargreave",
    "phone": "07700 900222",
    "emergency_phone": "",
    "email": "victor.hargreave@example.test",
    "address": "19 Canal Wharf, Dunmoor",
    "postcode": "ZZ9 2XY",
}
REFERRER_CONTACT = ("Wendy Okafor", "wendy.okafor@cafcass.example")


def identifying(details: dict[str, str]) -> list[str]:
    return [v for v in details.values() if v]


def _set(p: Person, details: dict[str, str]) -> None:
    for key, value in details.items():
        setattr(p, key, value)
    p.save()


def checked(booking: Booking, who: Person, kind: str, at: datetime, reason: str = "") -> None:
    method = "manual" if reason else "scan"
    Attendance.create(booking=booking, person=who, kind=kind, at=at, method=method, reason=reason)


def family_case(ref: str, now: datetime) -> Case:
    """Four past fortnightly sessions with every outcome, and one in the future."""
    case = make_case(
        ref,
        now - timedelta(days=200),
        resident="Rosalind",
        visiting="Victor",
        children=("Mia", "Leo"),
    )
    _set(person(case, Role.RESIDENT), RESIDENT)
    _set(person(case, Role.VISITING), VISITING)
    Referral.create(
        case=case,
        organisation=REFERRER,
        contact_name=REFERRER_CONTACT[0],
        contact_email=REFERRER_CONTACT[1],
        court_order=True,
        risk_notes="Victor Hargreave must not learn Rosalind's address.",
    )
    resident, visiting = person(case, Role.RESIDENT), person(case, Role.VISITING)
    first = datetime(now.year, now.month, now.day, 10, 0) - timedelta(days=56)
    attended = make_booking(case, first)
    checked(attended, visiting, "in", first - timedelta(minutes=16))
    checked(
        attended,
        resident,
        "in",
        first + timedelta(minutes=1),
        reason="Card left at home; Victor Hargreave confirmed by phone 07700 900222",
    )
    checked(attended, resident, "out", first + timedelta(hours=2, minutes=2))
    checked(attended, visiting, "out", first + timedelta(hours=2, minutes=17))
    # The visiting parent did not come; the resident cancelled with notice; the centre without.
    for days, state, party, notice in (
        (14, BookingState.NO_SHOW, Role.VISITING.value, ""),
        (28, BookingState.CANCELLED, "resident", "yes"),
        (42, BookingState.CANCELLED, "centre", "no"),
    ):
        ended = make_booking(case, first + timedelta(days=days))
        ended.state, ended.outcome_party, ended.with_notice = state.value, party, notice
        ended.save()
    make_booking(case, first + timedelta(days=70))  # not yet happened
    return case
