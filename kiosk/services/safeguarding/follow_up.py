"""Following an incident up: notes, what was done, and a close with an outcome.

Notes are append-only (a trigger refuses to change one). What was done is
nothing further, a referral to Children's Services or a report to the police;
the last two are safeguarding disclosures, written in the disclosure log with
the reason and what was shared, and each names the other (Disclosure.incident,
and a note on the incident naming the disclosure). A closed incident takes no
more. Every change is audited by the incident's and note's numbers, never by
what they say.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from kiosk.services.release import disclosures
from kiosk.services.release.disclosures import Reason
from kiosk.services.safeguarding.incidents import (
    Action,
    IncidentRefused,
    coordinator_only,
    row_of,
)
from kiosk.services.staff.auth import StaffMember
from kiosk.services.store import audit
from kiosk.services.store.faults import writes
from kiosk.services.store.forms import UNSHOWABLE, FormError, Problem, unshowable
from models import Incident, IncidentNote


@dataclass(frozen=True)
class ActionTaken:
    action: Action
    note_id: int
    # The disclosure a referral or report was logged as; None for nothing further.
    disclosure_id: int | None


def _open_row(actor: StaffMember, incident_id: int) -> Incident:
    coordinator_only(actor)
    row = row_of(incident_id)
    if row.closed_at is not None:
        raise IncidentRefused(f"Incident {incident_id} is closed: it takes no more follow-up.")
    return row


def _problem(field: str, label: str, value: str) -> Problem | None:
    """What is wrong with a required text field, naming it; None when it will do."""
    if not value.strip():
        return Problem(field, f"{label}: write something first")
    if unshowable(value, lines=True):
        return Problem(field, f"{label}: {UNSHOWABLE}")
    return None


def _text(field: str, label: str, value: str) -> str:
    problem = _problem(field, label, value)
    if problem is not None:
        raise FormError([problem])
    return value.strip()


def _note(row: Incident, author: StaffMember, text: str, now: datetime) -> int:
    note = IncidentNote.create(incident=row.id, at=now, author_name=author.name, text=text)
    audit.record(
        "incident_note_added",
        now,
        target=f"incident:{row.id}",
        detail=f"note:{note.id}",
        actor=author,
    )
    return int(note.id)


@writes
def add_note(actor: StaffMember, incident_id: int, text: str, now: datetime) -> int:
    """A follow-up note with its author and time; returns its number."""
    row = _open_row(actor, incident_id)
    return _note(row, actor, _text("note", "Note", text), now)


@writes
def record_action(
    actor: StaffMember,
    incident_id: int,
    action: Action,
    now: datetime,
    *,
    reason: str = "",
    what: str = "",
) -> ActionTaken:
    """Record what was done; a referral or report is logged as a safeguarding disclosure.

    A referral needs the policy's reason for sharing and what was shared. It is
    recorded as shared now: record it as you share it.
    """
    row = _open_row(actor, incident_id)
    disclosure_id = None
    if action is not Action.NOTHING_FURTHER:
        disclosure_id = _disclose(row, actor, action, reason, what, now)
    Incident.update(action=action.value).where(Incident.id == row.id).execute()
    shared = f" (disclosure {disclosure_id})" if disclosure_id is not None else ""
    note_id = _note(row, actor, f"What was done: {action.label}{shared}.", now)
    audit.record(
        "incident_action_recorded",
        now,
        target=f"incident:{row.id}",
        detail=f"{action.value}" + (f" disclosure:{disclosure_id}" if disclosure_id else ""),
        actor=actor,
    )
    return ActionTaken(action, note_id, disclosure_id)


def _disclose(
    row: Incident, actor: StaffMember, action: Action, reason: str, what: str, now: datetime
) -> int:
    problems = [p for p in [_problem("what", "What was shared", what)] if p is not None]
    if reason not in {r.value for r in Reason}:
        problems.insert(0, Problem("reason", "Why it was shared: choose one of the two reasons"))
    if problems:
        raise FormError(problems)
    return disclosures.log(
        disclosures.Kind.SAFEGUARDING,
        recipient=action.recipient,
        case=row.case if row.case_id is not None else None,  # type: ignore[attr-defined]
        what=what.strip(),
        reason=reason,
        at=now,
        now=now,
        by=actor,
        incident=row.id,
    )


@writes
def close(actor: StaffMember, incident_id: int, outcome: str, now: datetime) -> None:
    """Close with an outcome, once what was done is on record."""
    row = _open_row(actor, incident_id)
    problems = [p for p in [_problem("outcome", "Outcome", outcome)] if p is not None]
    if not row.action:
        problems.insert(0, Problem("action", "What was done: record it before closing"))
    if problems:
        raise FormError(problems)
    Incident.update(closed_at=now, closed_by_name=actor.name, outcome=outcome.strip()).where(
        Incident.id == row.id
    ).execute()
    audit.record("incident_closed", now, target=f"incident:{row.id}", actor=actor)
