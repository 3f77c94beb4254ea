"""Case files: create, edit and open them. Every opening is written to the audit log.

Saving is all or nothing: the whole file is checked, then written, in one
transaction that holds the write lock from the first read, so a problem
anywhere (or a database fault, raised as StoreFault) leaves the stored case as
it was.
"""

from __future__ import annotations

from datetime import datetime

from kiosk.clock import Clock
from kiosk.services.cases.bookings import touch_case
from kiosk.services.cases.checks import check
from kiosk.services.cases.records import (
    CaseFile,
    ConsentData,
    PersonData,
    ReferralData,
    SeparationSettings,
)
from kiosk.services.staff.auth import StaffMember
from kiosk.services.staff.permissions import require_coordinator
from kiosk.services.store import audit, settings
from kiosk.services.store.faults import writes
from kiosk.services.store.forms import FormError
from models import Case, Child, Consent, Person, Referral, Role


class CaseNotFound(LookupError):
    pass


@writes
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
        r.organisation,
        r.contact_name,
        r.contact_email,
        r.court_order,
        r.risk_notes,
        r.referred_on,
        r.kind,
    )


@writes
def save_case(file: CaseFile, actor: StaffMember, clock: Clock) -> CaseFile:
    """Create or update a whole case file; raises FormError and writes nothing if invalid."""
    require_coordinator(actor)
    if file.id is not None and not Case.select().where(Case.id == file.id).exists():
        raise CaseNotFound(f"no case {file.id}")
    problems = check(file)
    if problems:
        raise FormError(problems)
    now = clock.now()
    case_id = _write_case(file, now)
    audit.record(
        "create_case" if file.id is None else "edit_case",
        now,
        target=f"case:{case_id}",
        actor=actor,
    )
    return load_case(case_id)


def new_case_settings() -> SeparationSettings:
    """A new case's separation settings: the centre's defaults (its settings screen)."""
    return SeparationSettings(
        arrival_gap_min=settings.get_int("default_arrival_gap_min"),
        departure_hold_min=settings.get_int("default_departure_hold_min"),
        no_show_grace_min=settings.get_int("default_no_show_grace_min"),
    )


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
        "kind": r.kind,
    }
    if Referral.select().where(Referral.case == case).exists():
        Referral.update(**values).where(Referral.case == case).execute()
    else:
        Referral.create(case=case, **values)
