"""Reading the audit log: filter by date range, actor and action, newest first.

An entry names its record by id (`case:15`, `person:29`), never by anything
personal; each line also says which case that record belongs to, by its
reference, while the case is still held, so the co-ordinator can tell.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from peewee import JOIN

from kiosk.services.store.errors import KioskError
from kiosk.services.store.printable import escaped
from models import AuditEntry, Booking, Case, Person, Volunteer

DEFAULT_LIMIT = 500


@dataclass(frozen=True)
class AuditFilter:
    since: date | None = None
    until: date | None = None
    # Matched, case-insensitively, against a staff member's name or the label ("cli", "system").
    actor: str = ""
    # An exact action ("sign_in"), or "" for all.
    action: str = ""


@dataclass(frozen=True)
class AuditLine:
    id: int
    at: datetime
    actor: str
    action: str
    target: str
    detail: str
    # The reference of the case the record belongs to, while it is held; "" otherwise.
    case_ref: str = ""

    @property
    def record(self) -> str:
        """The entry's record, and the case it belongs to when that is still held:
        `case:1 (RCC-2025-001)`, on the screen and in the terminal alike."""
        return f"{self.target} ({self.case_ref})" if self.case_ref else self.target


class UnknownAction(KioskError):
    """An action the log has never held: a filter on it could only find nothing."""


def search(f: AuditFilter, limit: int = DEFAULT_LIMIT) -> list[AuditLine]:
    query = (
        AuditEntry.select(AuditEntry, Volunteer.name.alias("actor_name"))
        .join(Volunteer, JOIN.LEFT_OUTER, on=(AuditEntry.actor == Volunteer.id))
        .objects()
        .order_by(AuditEntry.at.desc(), AuditEntry.id.desc())
        .limit(limit)
    )
    if f.since is not None:
        query = query.where(AuditEntry.at >= datetime.combine(f.since, time.min))
    if f.until is not None:
        query = query.where(AuditEntry.at < datetime.combine(f.until + timedelta(days=1), time.min))
    if f.action:
        query = query.where(AuditEntry.action == f.action)
    if f.actor.strip():
        # contains() escapes LIKE's wildcards, and SQLite's LIKE ignores ASCII case.
        needle = f.actor.strip()
        query = query.where(
            Volunteer.name.contains(needle) | AuditEntry.actor_label.contains(needle)
        )
    rows = list(query)
    cases = _cases_of([row.target for row in rows])
    # Escaped: a detail written before names were checked (or by another program) must
    # not print as a second entry or send a sequence to the terminal (store/printable.py).
    return [
        AuditLine(
            id=row.id,
            at=row.at,
            # Set by the alias in the select above.
            actor=escaped(getattr(row, "actor_name", None) or row.actor_label),
            action=escaped(row.action),
            target=escaped(row.target),
            detail=escaped(row.detail),
            case_ref=escaped(cases.get(row.target, "")),
        )
        for row in rows
    ]


def _cases_of(targets: list[str]) -> dict[str, str]:
    """The reference of the case each `case:`, `person:` or `booking:` target belongs to,
    looked up by primary key, a query per kind whatever the page holds."""
    ids: dict[str, set[int]] = {"case": set(), "person": set(), "booking": set()}
    for target in targets:
        kind, _, number = target.partition(":")
        if kind in ids and number.isdigit():
            ids[kind].add(int(number))
    found: dict[str, str] = {}
    if ids["case"]:
        for c in Case.select(Case.id, Case.ref).where(Case.id.in_(ids["case"])):
            found[f"case:{c.id}"] = c.ref
    for kind, model in (("person", Person), ("booking", Booking)):
        if ids[kind]:
            query = model.select(model.id, Case.ref).join(Case).where(model.id.in_(ids[kind]))
            # .tuples(): each row is (the record's id, its case's reference).
            for record_id, ref in query.tuples().iterator():
                found[f"{kind}:{record_id}"] = str(ref)
    return found


def actions() -> list[str]:
    """Every action the log holds, for a filter's choices."""
    query = AuditEntry.select(AuditEntry.action).distinct().order_by(AuditEntry.action)
    return [row.action for row in query]


def check_action(action: str) -> None:
    """Refuse an action the log does not hold (UnknownAction), naming those it does."""
    held = actions()
    if action and action not in held:
        named = ", ".join(held) or "none yet"
        raise UnknownAction(f"no action {action!r} in the audit log; it holds: {named}")
