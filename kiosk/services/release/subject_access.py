"""Subject access: everything held about one person, with every other adult redacted.

Two passes keep the other adults out. First, what is gathered is the subject's
own: their record, their attendance, the case's sessions as they lived them,
their consents and cards; the other adults' records are never read into the
output. Second, every free-text value is scrubbed of the other adults' names,
phones, e-mails, addresses and postcodes, in case a note mentions them.

Safeguarding records (risk notes, court-order details, incidents and
disclosures) are not released by this route: the co-ordinator reviews them
first, and the export says so.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

from kiosk.services.attendance.spans import NOT_SEEN, spans_by
from kiosk.services.cases.records import role_noun
from kiosk.services.release import disclosures, exports
from kiosk.services.release.redaction import redactor, scrubbed
from kiosk.services.staff.auth import StaffMember
from kiosk.services.store import private_files, settings
from kiosk.services.store.errors import KioskError
from kiosk.services.store.faults import writes
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
    Role,
)

# Whose information may be asked for: the screens offer these.
ROLES = tuple(r.value for r in Role)
NOT_INCLUDED = [
    "Details of the other adults in this case are withheld.",
    "Risk notes, court-order details, incident records and safeguarding disclosures are "
    "released only on request, after the co-ordinator's review.",
]


class SubjectAccessRefused(KioskError, ValueError):
    """A request that cannot be answered as asked; the message says why in one line."""


@dataclass(frozen=True)
class SubjectAccessResult:
    json_path: Path
    pdf_path: Path
    person_id: int
    disclosure_id: int


def find_subject(case_ref: str, role: str, person_id: int | None = None) -> Person:
    case = Case.get_or_none(Case.ref == case_ref.strip())
    if case is None:
        raise SubjectAccessRefused(f"no case {case_ref.strip()!r}")
    if role not in ROLES:
        raise SubjectAccessRefused(f"unknown role {role!r} (resident, visiting or adult)")
    people = list(
        Person.select().where(Person.case == case, Person.role == role).order_by(Person.id)
    )
    if person_id is not None:
        people = [p for p in people if p.id == person_id]
    if not people:
        raise SubjectAccessRefused(f"case {case.ref} has no {role_noun(role)} with that id")
    if len(people) > 1:
        ids = ", ".join(str(p.id) for p in people)
        raise SubjectAccessRefused(
            f"case {case.ref} has several {role_noun(role)}s: choose one (ids {ids})"
        )
    return people[0]


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


def gather(subject: Person, now: datetime) -> dict[str, Any]:
    """Everything held about subject as plain data, other adults already redacted."""
    case = subject.case
    others = list(Person.select().where(Person.case == case, Person.id != subject.id))
    referral = Referral.get_or_none(Referral.case == case)
    extra = [referral.contact_name, referral.contact_email] if referral else []
    scrub = redactor(subject, others, extra)
    held: dict[str, Any] = {
        "case": _case(case),
        "children": [c.first_name for c in Child.select().where(Child.case == case)],
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
    return {
        "centre": settings.get("centre_name"),
        "made on": _iso(now),
        "you": _you(subject),
        **scrubbed(held, scrub),
        "not included": NOT_INCLUDED,
    }


def _write_both(
    folder: Path, files: list[tuple[Path, bytes]], replace: bool, written: list[Path]
) -> None:
    """Both files or neither: a refusal of the second removes the first."""
    # What was written is removed by the caller's removed_on_failure if anything fails.
    with private_files.refused_as(SubjectAccessRefused, f"into {folder}"):
        private_files.make_folder(folder)
        # Both refused or both written: nothing is replaced until both may be.
        for path, _ in files:
            private_files.check_target(path, replace=replace)
        for path, data in files:
            written.append(private_files.write_new(path, data, replace=replace))


def export(
    case_ref: str,
    role: str,
    folder: Path,
    now: datetime,
    by: StaffMember | None,
    person_id: int | None = None,
    *,
    replace: bool = False,
) -> SubjectAccessResult:
    """Write the JSON and PDF into folder and log the disclosure, all or nothing.

    Files written before the database refused the log, or its commit, are removed.
    """
    with private_files.removed_on_failure() as written:
        return _export(case_ref, role, folder, now, by, person_id, replace, written)


@writes
def _export(
    case_ref: str,
    role: str,
    folder: Path,
    now: datetime,
    by: StaffMember | None,
    person_id: int | None,
    replace: bool,
    written: list[Path],
) -> SubjectAccessResult:
    # Gathered and logged under one write lock: what is logged is what the files hold.
    subject = find_subject(case_ref, role, person_id)
    held = gather(subject, now)
    # A reference stored before references were restricted may hold a slash or a space.
    ref = re.sub(r"[^A-Za-z0-9._-]", "_", subject.case.ref)
    stem = f"subject-access-{ref}-{subject.role}-{subject.id}"
    json_path, pdf_path = folder / f"{stem}.json", folder / f"{stem}.pdf"
    data_json = json.dumps(held, indent=2, ensure_ascii=False).encode("utf-8")
    # fpdf2 is slow to import: loaded when a PDF is made, not at start-up.
    from kiosk.services.release.subject_access_pdf import render_pdf

    data_pdf = render_pdf(held)
    disclosure_id = disclosures.log(
        disclosures.Kind.SUBJECT_ACCESS,
        recipient=f"the data subject (person:{subject.id}, {subject.role})",
        case=subject.case,
        what="everything held about the subject (JSON and PDF), other adults redacted",
        at=now,
        now=now,
        by=by,
    )
    # Written last, inside the transaction: if a file cannot be written, nothing is logged.
    _write_both(folder, [(json_path, data_json), (pdf_path, data_pdf)], replace, written)
    return SubjectAccessResult(json_path, pdf_path, subject.id, disclosure_id)
