"""Checking a case file before it is saved: every field, every problem named by its field."""

from __future__ import annotations

import re

from kiosk.services.cases.records import REFERRER_KINDS, CaseFile, SeparationSettings
from kiosk.services.store.forms import Problem, check_showable
from models import Attendance, Case, Person, Role

MAX_MINUTES = 240
# References name files (subject access folders, exports) and travel in e-mails: no slashes,
# spaces or punctuation that a file system or a mail client could read otherwise.
REF_PATTERN = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]*")
REF_RULE = (
    "a case reference may hold only letters, digits, -, _ and . (starting with a letter or digit)"
)
PARENT_ROLES = (Role.RESIDENT, Role.VISITING)


def check(file: CaseFile) -> list[Problem]:
    """Everything wrong with a case file, each tied to the field it is about."""
    problems: list[Problem] = []
    ref = file.ref.strip()
    if not ref:
        problems.append(Problem("ref", "a case reference is required"))
    elif not REF_PATTERN.fullmatch(ref):
        problems.append(Problem("ref", REF_RULE))
    else:
        clash = Case.select().where(Case.ref == ref)
        if file.id is not None:
            clash = clash.where(Case.id != file.id)
        if clash.exists():
            problems.append(Problem("ref", f"another case already has the reference {ref}"))
    _check_people(file, problems)
    if any(not name.strip() for name in file.children):
        problems.append(Problem("children", "a child's first name is blank"))
    _check_settings(file.settings, problems)
    if file.referral.contact_email and "@" not in file.referral.contact_email:
        problems.append(Problem("referral.contact_email", "the referrer's e-mail has no @"))
    if file.referral.kind and file.referral.kind not in REFERRER_KINDS:
        problems.append(
            Problem("referral.kind", f"unknown kind of referrer {file.referral.kind!r}")
        )
    check_showable(_texts(file), problems, multiline=MULTILINE)
    return problems


MULTILINE = frozenset({"referral.risk_notes"})


def _texts(file: CaseFile) -> dict[str, str]:
    """Every text a co-ordinator typed into the case file, by field name."""
    texts = {"ref": file.ref, "children": ",".join(file.children)}
    r = file.referral
    texts |= {
        "referral.organisation": r.organisation,
        "referral.contact_name": r.contact_name,
        "referral.contact_email": r.contact_email,
        "referral.risk_notes": r.risk_notes,
    }
    for i, p in enumerate(file.people):
        for name in (
            "first_name",
            "last_name",
            "phone",
            "emergency_phone",
            "email",
            "address",
            "postcode",
        ):
            texts[f"people.{i}.{name}"] = getattr(p, name)
        for j, consent in enumerate(p.consents):
            texts[f"people.{i}.consents.{j}.recipient"] = consent.recipient
            texts[f"people.{i}.consents.{j}.scope"] = consent.scope
    return texts


def _check_people(file: CaseFile, problems: list[Problem]) -> None:
    roles = [p.role for p in file.people]
    if roles.count(Role.RESIDENT) != 1:
        problems.append(Problem("people", "a case has exactly one resident parent"))
    if roles.count(Role.VISITING) > 1:
        problems.append(Problem("people", "a case has at most one visiting parent"))
    for i, person in enumerate(file.people):
        if not person.first_name.strip():
            problems.append(Problem(f"people.{i}.first_name", "a first name is required"))
        if person.email and "@" not in person.email:
            problems.append(Problem(f"people.{i}.email", "an e-mail address has an @"))
        for j, consent in enumerate(person.consents):
            key = f"people.{i}.consents.{j}"
            if not consent.recipient.strip():
                problems.append(Problem(f"{key}.recipient", "say who may be given the details"))
            if consent.given_on is None:
                problems.append(Problem(f"{key}.given_on", "say when consent was given"))
    if file.id is not None:
        _check_removals(file, problems)


def _check_removals(file: CaseFile, problems: list[Problem]) -> None:
    """A person who has attended may not be removed: the attendance log must survive."""
    kept = {p.id for p in file.people if p.id is not None}
    gone = Person.select(Person.id, Person.first_name).where(
        Person.case == file.id, Person.id.not_in(kept or {0})
    )
    for row in gone:
        if Attendance.select().where(Attendance.person == row.id).exists():
            problems.append(
                Problem("people", f"person {row.id} has attendance records and cannot be removed")
            )


def _check_settings(s: SeparationSettings, problems: list[Problem]) -> None:
    if s.first_party not in PARENT_ROLES:
        problems.append(Problem("settings.first_party", "the first party is a parent"))
    for name in ("arrival_gap_min", "departure_hold_min", "no_show_grace_min"):
        value = getattr(s, name)
        if not 0 <= value <= MAX_MINUTES:
            problems.append(Problem(f"settings.{name}", f"between 0 and {MAX_MINUTES} minutes"))
