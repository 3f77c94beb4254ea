"""Reading the audit log: filter by date range, actor and action, newest first."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from peewee import JOIN

from kiosk.services.store.printable import escaped
from models import AuditEntry, Volunteer

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
        )
        for row in query
    ]


def actions() -> list[str]:
    """Every action the log holds, for a filter's choices."""
    query = AuditEntry.select(AuditEntry.action).distinct().order_by(AuditEntry.action)
    return [row.action for row in query]
