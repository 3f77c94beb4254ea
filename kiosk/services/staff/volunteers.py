"""Volunteers and the co-ordinator: DBS details, PINs and known-person declarations.

Only the DBS certificate's number, issue date, level and the Update Service
flag are kept, never its contents. A PIN is stored only as its argon2id hash.
Each change is checked and written in one transaction under the write lock
(store.faults.writes): all of it or none, a database fault raised as StoreFault.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from kiosk.clock import Clock
from kiosk.services.staff.auth import (
    AccountError,
    StaffMember,
    check_dbs_number,
    check_secret,
    hash_secret,
)
from kiosk.services.staff.permissions import require_coordinator
from kiosk.services.store import audit
from kiosk.services.store.faults import reads, writes
from kiosk.services.store.forms import FormError, Problem, check_showable, first_unshowable
from models import Case, DbsLevel, Declaration, StaffRole, Volunteer

# DbsLevel and StaffRole are re-exported for the screens, which never import models.
__all__ = [
    "DbsData",
    "DbsLevel",
    "DeclarationData",
    "StaffRole",
    "VolunteerData",
    "check",
    "check_dbs",
    "declarations",
    "declare",
    "get_volunteer",
    "list_volunteers",
    "own_dbs_missing",
    "record_own_dbs",
    "reset_secret",
    "save_volunteer",
    "withdraw_declaration",
]


@dataclass(frozen=True)
class DbsData:
    """A DBS certificate as it is kept: number, issue date, level, Update Service; no contents."""

    number: str = ""
    issued_on: date | None = None
    level: DbsLevel | None = None
    update_service: bool = False


@dataclass(frozen=True)
class VolunteerData:
    name: str
    role: StaffRole = StaffRole.VOLUNTEER
    dbs_number: str = ""
    dbs_issued_on: date | None = None
    dbs_level: DbsLevel | None = None
    dbs_update_service: bool = False
    left_on: date | None = None
    id: int | None = None
    has_secret: bool = False

    @property
    def dbs(self) -> DbsData:
        return DbsData(self.dbs_number, self.dbs_issued_on, self.dbs_level, self.dbs_update_service)


@dataclass(frozen=True)
class DeclarationData:
    id: int
    case_id: int
    case_ref: str
    declared_on: date
    note: str


def _data(v: Volunteer) -> VolunteerData:
    return VolunteerData(
        name=v.name,
        role=StaffRole(v.role),
        dbs_number=v.dbs_number,
        dbs_issued_on=v.dbs_issued_on,
        dbs_level=DbsLevel(v.dbs_level) if v.dbs_level else None,
        dbs_update_service=v.dbs_update_service,
        left_on=v.left_on,
        id=v.id,
        has_secret=bool(v.secret_hash),
    )


def list_volunteers(actor: StaffMember) -> list[VolunteerData]:
    require_coordinator(actor)
    query = Volunteer.select().order_by(Volunteer.left_on.is_null(False), Volunteer.name)
    return [_data(v) for v in query]


def get_volunteer(actor: StaffMember, volunteer_id: int) -> VolunteerData:
    require_coordinator(actor)
    return _data(Volunteer.get_by_id(volunteer_id))


def check(data: VolunteerData, secret: str | None, today: date) -> list[Problem]:
    problems: list[Problem] = []
    if not data.name.strip():
        problems.append(Problem("name", "a name is required"))
    check_showable({"name": data.name}, problems)
    check_dbs(data.dbs, today, problems)
    if data.id is None and not secret:
        problems.append(Problem("secret", "a new account needs a PIN or password"))
    if secret:
        try:
            check_secret(data.role, secret)
        except AccountError as exc:
            problems.append(Problem("secret", str(exc)))
    return problems


def check_dbs(
    dbs: DbsData, today: date, problems: list[Problem], *, required: bool = False
) -> None:
    """A DBS record is all there (number, issue date, level) or, unless required, not there."""
    if dbs.number:
        try:
            check_dbs_number(dbs.number)
        except AccountError as exc:
            problems.append(Problem("dbs_number", str(exc)))
        if dbs.issued_on is None:
            problems.append(Problem("dbs_issued_on", "give the certificate's issue date"))
        if dbs.level is None:
            problems.append(Problem("dbs_level", "choose the certificate's level"))
    elif required or dbs.issued_on or dbs.level:
        problems.append(Problem("dbs_number", "give the certificate's 12-digit number"))
    if dbs.issued_on and dbs.issued_on > today:
        problems.append(Problem("dbs_issued_on", "the issue date is in the future"))


def _dbs_columns(dbs: DbsData) -> dict[str, object]:
    return {
        "dbs_number": dbs.number,
        "dbs_issued_on": dbs.issued_on,
        "dbs_level": dbs.level.value if dbs.level else "",
        "dbs_update_service": dbs.update_service,
        # The decision to let someone start is the co-ordinator's, recorded with the number.
        "dbs_decision": "clear" if dbs.number else "",
    }


@writes
def save_volunteer(
    data: VolunteerData, actor: StaffMember, clock: Clock, secret: str | None = None
) -> VolunteerData:
    """Create or update a staff record; a non-empty `secret` sets the PIN or password."""
    require_coordinator(actor)
    now = clock.now()
    problems = check(data, secret, now.date())
    if problems:
        raise FormError(problems)
    values: dict[str, object] = {
        "name": data.name.strip(),
        "role": data.role.value,
        "left_on": data.left_on,
    } | _dbs_columns(data.dbs)
    if secret:
        values |= {"secret_hash": hash_secret(secret), "failed_attempts": 0, "locked_until": None}
    if data.id is None:
        row = Volunteer.create(created_at=now, **values)
    else:
        Volunteer.update(**values).where(Volunteer.id == data.id).execute()
        row = Volunteer.get_by_id(data.id)
    action = "create_volunteer" if data.id is None else "edit_volunteer"
    audit.record(action, now, target=f"volunteer:{row.id}", actor=actor)
    if secret and data.id is not None:
        audit.record("reset_secret", now, target=f"volunteer:{row.id}", actor=actor)
    return _data(row)


@reads
def own_dbs_missing(staff: StaffMember) -> bool:
    """No DBS record is on file for this member of staff (a co-ordinator is asked at sign-in)."""
    row = Volunteer.get_or_none(Volunteer.id == staff.id)
    return row is not None and not row.dbs_number


@writes
def record_own_dbs(actor: StaffMember, dbs: DbsData, clock: Clock) -> None:
    """The co-ordinator's own DBS record, kept as a volunteer's is.

    Only the DBS columns are written, never the whole row (a PIN reset or a
    leaving date made meanwhile stays as it is).
    """
    require_coordinator(actor)
    now = clock.now()
    problems: list[Problem] = []
    check_dbs(dbs, now.date(), problems, required=True)
    if problems:
        raise FormError(problems)
    Volunteer.update(**_dbs_columns(dbs)).where(Volunteer.id == actor.id).execute()
    audit.record("record_own_dbs", now, target=f"volunteer:{actor.id}", actor=actor)


def reset_secret(volunteer_id: int, secret: str, actor: StaffMember, clock: Clock) -> None:
    """Set a new PIN (or password) and lift any lockout."""
    data = get_volunteer(actor, volunteer_id)
    save_volunteer(data, actor, clock, secret)


def declarations(actor: StaffMember, volunteer_id: int) -> list[DeclarationData]:
    require_coordinator(actor)
    query = (
        Declaration.select(Declaration, Case)
        .join(Case)
        .where(Declaration.volunteer == volunteer_id)
        .order_by(Declaration.declared_on, Declaration.id)
    )
    return [DeclarationData(d.id, d.case.id, d.case.ref, d.declared_on, d.note) for d in query]


@writes
def declare(
    volunteer_id: int,
    case_ref: str,
    declared_on: date | None,
    note: str,
    actor: StaffMember,
    clock: Clock,
) -> DeclarationData:
    """Record that a volunteer knows somebody in a case: the door console masks it for them."""
    require_coordinator(actor)
    problems: list[Problem] = []
    case = Case.get_or_none(Case.ref == case_ref.strip())
    if case is None:
        problems.append(Problem("decl_case", f"no case {case_ref.strip()!r}"))
    elif (
        Declaration.select()
        .where(Declaration.volunteer == volunteer_id, Declaration.case == case)
        .exists()
    ):
        problems.append(Problem("decl_case", "this declaration is already recorded"))
    if declared_on is None:
        problems.append(Problem("decl_on", "say when it was declared"))
    if refusal := first_unshowable({"the note": note}):
        problems.append(Problem("decl_note", refusal))
    if problems or case is None or declared_on is None:
        raise FormError(problems)
    now = clock.now()
    row = Declaration.create(
        volunteer=volunteer_id, case=case, declared_on=declared_on, note=note.strip()
    )
    audit.record(
        "declare",
        now,
        target=f"volunteer:{volunteer_id}",
        detail=f"case:{case.id}",
        actor=actor,
    )
    return DeclarationData(row.id, case.id, case.ref, row.declared_on, row.note)


@writes
def withdraw_declaration(declaration_id: int, actor: StaffMember, clock: Clock) -> None:
    require_coordinator(actor)
    row = (
        Declaration.select(Declaration.id, Volunteer.id, Case.id)
        .join_from(Declaration, Volunteer)
        .join_from(Declaration, Case)
        .where(Declaration.id == declaration_id)
        .get()
    )
    volunteer_id, case_id = row.volunteer.id, row.case.id
    Declaration.delete().where(Declaration.id == declaration_id).execute()
    audit.record(
        "withdraw_declaration",
        clock.now(),
        target=f"volunteer:{volunteer_id}",
        detail=f"case:{case_id}",
        actor=actor,
    )
