"""What subject access holds about one person: their own records, other adults redacted.

Two passes keep the other adults out. First, what is gathered is the subject's
own: their record, their attendance, the case's sessions as they lived them,
their consents and cards; the other adults' records are never read into the
output. Second, every free-text value a person typed is scrubbed (redaction.py) of the other
adults' names, phones, e-mails, addresses and postcodes, the referrer's contact
and any term the co-ordinator adds, in case a note mentions them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date, datetime
from typing import Any

from kiosk.services.attendance.spans import NOT_SEEN, spans_by
from kiosk.services.release import exports
from kiosk.services.release.identifiers import identifying, own_of, referrer_terms
from kiosk.services.release.redaction import Redactor
from kiosk.services.store import settings
from models import (
    SIDE_EXITS,
    Attendance,
    Booking,
    BookingState,
    Card,
    Case,
    Child,
    Consent,
    Person,
    Referral,
)

NOT_INCLUDED = [
    "Details of the other adults in this case are withheld.",
    "Risk notes, court-order details, incident records and safeguarding disclosures are "
    "released only on request, after the co-ordinator's review.",
]


def _iso(value: date | datetime | None) -> str:
    return (
        value.isoformat(sep=" ", timespec="minutes")
        if isinstance(value, datetime)
        else (value.isoformat() if value is not None else "")
    )


def _you(p: Person) -> dict[str, str]:
    return {
        "role": p.role,
        "first name": p.first_name,
        "last name": p.last_name,
        "phone": p.phone,
        "emergency phone": p.emergency_phone,
        "e-mail": p.email,
        "address": p.address,
        "postcode": p.postcode,
        "pre-visit on": _iso(p.pre_visit_on),
        "centre rules agreed on": _iso(p.rules_agreed_on),
        "record created": _iso(p.created_at),
        "last used": _iso(p.last_used_at),
    }


def _case(case: Case) -> dict[str, str]:
    referral = Referral.get_or_none(Referral.case == case)
    return {
        "case reference": case.ref,
        "opened": _iso(case.created_at),
        "who arrives first": case.first_party,
        "arrival gap (minutes)": str(case.arrival_gap_min),
        "departure hold (minutes)": str(case.departure_hold_min),
        "referred by": referral.organisation if referral else "",
        "referred on": _iso(referral.referred_on) if referral else "",
    }


def _own_state(booking: Booking) -> str:
    """The booking's state as the subject may know it.

    The main line moves with either parent's arrival, so a session under way reads as
    booked until it ends; only a side exit (cancelled, no-show, ended early) is told.
    """
    return booking.state if booking.state in SIDE_EXITS else BookingState.BOOKED.value


def _sessions(subject: Person, now: datetime) -> list[dict[str, str]]:
    """The case's sessions as the subject lived them: only their own arrival and departure."""
    events: Iterable[tuple[int, str, datetime]] = (
        Attendance.select(Attendance.booking, Attendance.kind, Attendance.at)
        .where(Attendance.person == subject)
        .order_by(Attendance.at)
        .tuples()  # type: ignore[assignment]
    )
    own = spans_by(events)
    out = []
    for b in Booking.select().where(Booking.case == subject.case).order_by(Booking.starts_at):
        span = own.get(b.id, NOT_SEEN)
        arrived, left = span.arrived, span.departed
        outcome = (
            exports.outcome(
                b.state, b.with_notice, b.outcome_party, subject.role, arrived is not None
            )
            if exports.settled(_own_state(b), b.starts_at, b.ends_at, now, arrived is not None)
            else "booked"
        )
        out.append(
            {
                "date": b.starts_at.date().isoformat(),
                "start": b.starts_at.strftime("%H:%M"),
                "end": b.ends_at.strftime("%H:%M"),
                "room": b.room,
                "service": b.service,
                "you arrived": arrived.strftime("%H:%M") if arrived else "",
                "you left": left.strftime("%H:%M") if left else "",
                "outcome": outcome,
            }
        )
    return out


def _events(subject: Person) -> list[dict[str, str]]:
    query = Attendance.select().where(Attendance.person == subject).order_by(Attendance.at)
    return [
        {
            "at": _iso(a.at),
            "event": "check-in" if a.kind == "in" else "check-out",
            "recorded by": a.method,
            "note": a.reason,
        }
        for a in query
    ]


def redactor_for(subject: Person, children: list[str], added: Iterable[str]) -> Redactor:
    """The redactor for subject: every other adult and the referrer's contact, less what is own."""
    case = subject.case
    others = Person.select().where(Person.case == case, Person.id != subject.id)
    terms = [t for other in others for t in identifying(other)]
    referral = Referral.get_or_none(Referral.case == case)
    if referral is not None:
        terms += referrer_terms(referral.contact_name, referral.contact_email)
    return Redactor(own_of(subject, children), terms, added)


Scrub = Callable[[str, str], str]


def scrubbed(value: Any, scrubs: dict[str, Scrub], where: str = "", key: str = "") -> Any:
    """value with the strings under the keys in scrubs scrubbed by each key's scrub, each told
    where it stands ("sessions 2: room"); every other string (a date, a time, a count of
    minutes, a word the system chose) is released as it is, for it is nobody's free text."""
    if isinstance(value, str):
        scrub = scrubs.get(key)
        return scrub(value, where) if scrub else value
    if isinstance(value, list):
        return [scrubbed(v, scrubs, f"{where} {i}", key) for i, v in enumerate(value, start=1)]
    if isinstance(value, dict):
        return {
            k: scrubbed(v, scrubs, f"{where}: {k}" if where else k, k) for k, v in value.items()
        }
    return value


def _scrubs(redactor: Redactor) -> dict[str, Scrub]:
    """The keys whose values are free text a person typed, each with its scrub: only these
    are scrubbed (a time "12:00" is not a house number)."""
    text, body = redactor.scrub, redactor.scrub_body
    return {
        "note": text,
        "room": text,
        "service": text,
        "scope": text,
        # Typed when the case was opened: a reference or a child's name may carry an address.
        "case reference": text,
        "children": text,
    } | {
        "referred by": body,
        "to": body,
    }


def gather(
    subject: Person, now: datetime, added: Iterable[str] = ()
) -> tuple[dict[str, Any], Redactor]:
    """Everything held about subject as plain data, other adults already redacted.

    The redactor comes back with a record of every redaction it made.
    """
    case = subject.case
    children = [c.first_name for c in Child.select().where(Child.case == case)]
    redactor = redactor_for(subject, children, added)
    held: dict[str, Any] = {
        "case": _case(case),
        "children": children,
        "consents you gave": [
            {"to": c.recipient, "scope": c.scope, "given on": _iso(c.given_on)}
            for c in Consent.select().where(Consent.person == subject)
        ],
        "cards": [
            {"issued": _iso(c.issued_at), "revoked": _iso(c.revoked_at)}
            for c in Card.select().where(Card.person == subject)
        ],
        "sessions": _sessions(subject, now),
        "your check-ins and check-outs": _events(subject),
    }
    released = {
        "centre": settings.get("centre_name"),
        "made on": _iso(now),
        "you": _you(subject),
        **scrubbed(held, _scrubs(redactor)),
        "not included": NOT_INCLUDED,
    }
    return released, redactor
