"""Case files: create, edit and open them. Every opening is written to the audit log.

Saving is all or nothing: the whole file is checked first, then written in one
transaction, so a problem anywhere leaves the stored case as it was.
"""

from __future__ import annotations

from datetime import datetime

from kiosk.clock import Clock
from kiosk.services.cases.bookings import touch_case
from kiosk.services.cases.records import (
    CaseFile,
    ConsentData,
    PersonData,
    ReferralData,
    SeparationSettings,
)
from kiosk.services.staff.auth import StaffMember
from kiosk.services.staff.permissions import require_coordinator
from kiosk.services.store import audit
from kiosk.services.store.forms import FormError, Problem, check_showable
from models import Attendance, Case, Child, Consent, Person, Referral, Role, database

MAX_MINUTES = 240
PARENT_ROLES = (Role.RESIDENT, Role.VISITING)


class CaseNotFound(LookupError):
    pass


def open_case(case_id: int, actor: StaffMember, clock: Clock) -> CaseFile:
    """The whole case file, for the co-ordinator; the opening is audited."""
    require_coordinator(actor)
    found = load_case(case_id)
    # The entry names the record only: never a name, phone or address.
    audit.record("view_case", clock.now(), target=f"case:{case_id}", actor=actor)
    return found


def load_case(case_id: int) -> CaseFile:
    case = Case.get_or_none(Case.id == case_id)
    if case is None:
        raise CaseNotFound(f"no case {case_id}")
    people = list(Person.select().where(Person.case == case).order_by(Person.id))
    consents: dict[int, list[ConsentData]] = {}
    if people:
        query = (
            Consent.select(Consent, Person.id)
            .join(Person)
            .where(Consent.person.in_([p.id for p in people]))
            .order_by(Consent.given_on, Consent.id)
        )
        for c in query:
            consents.setdefault(c.person.id, []).append(
                ConsentData(c.recipient, c.given_on, c.scope, c.id)
            )
    referral = Referral.get_or_none(Referral.case == case)
    children = Child.select().where(Child.case == case).order_by(Child.id)
    return CaseFile(
        ref=case.ref,
        people=tuple(_person_data(p, consents.get(p.id, [])) for p in _ordered(people)),
        children=tuple(c.first_name for c in children),
        referral=_referral_data(referral),
        settings=SeparationSettings(
            Role(case.first_party),
            case.arrival_gap_min,
            case.departure_hold_min,
            case.no_show_grace_min,
        ),
        family_agreed_assessment_on=case.family_agreed_assessment_on,
        coordinator_agreed_assessment_on=case.coordinator_agreed_assessment_on,
        id=case.id,
        last_used_at=case.last_used_at,
    )


def _ordered(people: list[Person]) -> list[Person]:
    rank = {Role.RESIDENT.value: 0, Role.VISITING.value: 1}
    return sorted(people, key=lambda p: (rank.get(p.role, 2), p.id))


def _person_data(p: Person, consents: list[ConsentData]) -> PersonData:
    return PersonData(
        role=Role(p.role),
        first_name=p.first_name,
        last_name=p.last_name,
        phone=p.phone,
        emergency_phone=p.emergency_phone,
        email=p.email,
        address=p.address,
        postcode=p.postcode,
        pre_visit_on=p.pre_visit_on,
        rules_agreed_on=p.rules_agreed_on,
        consents=tuple(consents),
        id=p.id,
    )


def _referral_data(r: Referral | None) -> ReferralData:
    if r is None:
        return ReferralData()
    return ReferralData(
        r.organisation, r.contact_name, r.contact_email, r.court_order, r.risk_notes, r.referred_on
    )


def check(file: CaseFile) -> list[Problem]:
    """Everything wrong with a case file, each tied to the field it is about."""
    problems: list[Problem] = []
    ref = file.ref.strip()
    if not ref:
        problems.append(Problem("ref", "a case reference is required"))
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


def save_case(file: CaseFile, actor: StaffMember, clock: Clock) -> CaseFile:
    """Create or update a whole case file; raises FormError and writes nothing if invalid."""
    require_coordinator(actor)
    if file.id is not None and not Case.select().where(Case.id == file.id).exists():
        raise CaseNotFound(f"no case {file.id}")
    problems = check(file)
    if problems:
        raise FormError(problems)
    now = clock.now()
    with database.atomic():
        case_id = _write_case(file, now)
        audit.record(
            "create_case" if file.id is None else "edit_case",
            now,
            target=f"case:{case_id}",
            actor=actor,
        )
    return load_case(case_id)


def _write_case(file: CaseFile, now: datetime) -> int:
    s = file.settings
    fields = {
        "ref": file.ref.strip(),
        "first_party": s.first_party.value,
        "arrival_gap_min": s.arrival_gap_min,
        "departure_hold_min": s.departure_hold_min,
        "no_show_grace_min": s.no_show_grace_min,
        "family_agreed_assessment_on": file.family_agreed_assessment_on,
        "coordinator_agreed_assessment_on": file.coordinator_agreed_assessment_on,
    }
    if file.id is None:
        case = Case.create(created_at=now, last_used_at=now, **fields)
    else:
        Case.update(**fields).where(Case.id == file.id).execute()
        case = Case.get_by_id(file.id)
    _write_people(case, file.people, now)
    _write_children(case, file.children)
    _write_referral(case, file.referral)
    # An edit is a use: the retention clock restarts.
    touch_case(case.id, now)
    return int(case.id)


def _write_people(case: Case, people: tuple[PersonData, ...], now: datetime) -> None:
    kept = {p.id for p in people if p.id is not None}
    Person.delete().where(Person.case == case, Person.id.not_in(kept or {0})).execute()
    for p in people:
        values = {
            "role": p.role.value,
            "first_name": p.first_name.strip(),
            "last_name": p.last_name.strip(),
            "phone": p.phone.strip(),
            "emergency_phone": p.emergency_phone.strip(),
            "email": p.email.strip(),
            "address": p.address.strip(),
            "postcode": p.postcode.strip().upper(),
            "pre_visit_on": p.pre_visit_on,
            "rules_agreed_on": p.rules_agreed_on,
        }
        if p.id is None:
            row = Person.create(case=case, created_at=now, last_used_at=now, **values)
        else:
            Person.update(**values).where(Person.id == p.id, Person.case == case).execute()
            row = Person.get(Person.id == p.id, Person.case == case)
        _write_consents(row, p.consents)


def _write_consents(person: Person, consents: tuple[ConsentData, ...]) -> None:
    kept = {c.id for c in consents if c.id is not None}
    Consent.delete().where(Consent.person == person, Consent.id.not_in(kept or {0})).execute()
    for c in consents:
        values = {"recipient": c.recipient.strip(), "scope": c.scope, "given_on": c.given_on}
        if c.id is None:
            Consent.create(person=person, **values)
        else:
            Consent.update(**values).where(Consent.id == c.id, Consent.person == person).execute()


def _write_children(case: Case, names: tuple[str, ...]) -> None:
    # Children carry only a first name and nothing refers to them, so the list is replaced.
    Child.delete().where(Child.case == case).execute()
    seen: set[str] = set()
    for name in (n.strip() for n in names):
        if name and name.casefold() not in seen:
            seen.add(name.casefold())
            Child.create(case=case, first_name=name)


def _write_referral(case: Case, r: ReferralData) -> None:
    values = {
        "organisation": r.organisation.strip(),
        "contact_name": r.contact_name.strip(),
        "contact_email": r.contact_email.strip(),
        "court_order": r.court_order,
        "risk_notes": r.risk_notes,
        "referred_on": r.referred_on,
    }
    if Referral.select().where(Referral.case == case).exists():
        Referral.update(**values).where(Referral.case == case).execute()
    else:
        Referral.create(case=case, **values)
