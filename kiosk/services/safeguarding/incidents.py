"""Incidents as the co-ordinator reads them: by status, the new ones first, each opened whole.

An incident is new until the co-ordinator first opens it, under review until it
is closed with an outcome, then closed. Its text, its notes and its outcome are
for the co-ordinator only (on screen, or `kiosk incidents show` at the terminal);
every opening is audited by the incident's number, never its contents.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import Any

from peewee import JOIN, Expression, ModelSelect
from peewee import Case as When

from kiosk.services.staff.auth import StaffMember
from kiosk.services.store import audit
from kiosk.services.store.errors import KioskError
from kiosk.services.store.faults import reads, writes
from models import Case, Disclosure, Incident, IncidentNote, Volunteer

CLI_ACTOR = "cli"
# Shown in place of the author when their record has been destroyed.
FORMER_STAFF = "(a former member of staff)"
LIST_LIMIT = 500


class Status(StrEnum):
    NEW = "new"
    UNDER_REVIEW = "under_review"
    CLOSED = "closed"

    @property
    def label(self) -> str:
        return self.value.replace("_", " ")


class Action(StrEnum):
    """What was done about a concern: the last two are disclosures to an agency."""

    NOTHING_FURTHER = "nothing_further"
    CHILDRENS_SERVICES = "childrens_services"
    POLICE = "police"

    @property
    def label(self) -> str:
        return ACTION_LABELS[self]

    @property
    def recipient(self) -> str:
        """Who a referral goes to; "" when nothing further was done."""
        return RECIPIENTS.get(self, "")


ACTION_LABELS = {
    Action.NOTHING_FURTHER: "nothing further",
    Action.CHILDRENS_SERVICES: "referred to Children's Services",
    Action.POLICE: "reported to the police",
}
RECIPIENTS = {Action.CHILDRENS_SERVICES: "Children's Services", Action.POLICE: "Police"}


class IncidentRefused(KioskError, ValueError):
    """An incident that may not be read or changed; the message says why in one line."""


@dataclass(frozen=True)
class IncidentSummary:
    """One line of the list: no text, so a list on screen shows nobody's concern."""

    id: int
    at: datetime
    status: Status
    case_ref: str
    recorded_by: str

    @property
    def about(self) -> str:
        return f"case {self.case_ref}" if self.case_ref else "the centre"


@dataclass(frozen=True)
class NoteView:
    id: int
    at: datetime
    author: str
    text: str


@dataclass(frozen=True)
class LinkedDisclosure:
    id: int
    at: datetime
    recipient: str
    reason: str


@dataclass(frozen=True)
class IncidentDetail:
    summary: IncidentSummary
    description: str
    notes: list[NoteView]
    action: Action | None
    disclosures: list[LinkedDisclosure]
    closed_at: datetime | None
    closed_by: str
    outcome: str


@dataclass(frozen=True)
class NewConcerns:
    """For the co-ordinator's home: how many are unopened, and the newest of them."""

    count: int
    newest: IncidentSummary | None

    @property
    def message(self) -> str:
        if self.newest is None:
            return ""
        n = self.newest
        recorded = f"recorded {n.at:%d/%m/%Y %H:%M} by {n.recorded_by} about {n.about}"
        if self.count == 1:
            return f"A new safeguarding concern, {recorded}. Open Incidents to read it."
        return (
            f"{self.count} new safeguarding concerns: the newest {recorded}. "
            "Open Incidents to read them."
        )


def coordinator_only(actor: StaffMember | None) -> None:
    """An incident's text is the co-ordinator's (None: `kiosk` at the terminal)."""
    if actor is not None and not actor.is_coordinator:
        raise IncidentRefused("Only the co-ordinator reads and follows up incidents.")


def _where(status: Status) -> Expression:
    if status is Status.NEW:
        return Incident.opened_at.is_null() & Incident.closed_at.is_null()
    if status is Status.UNDER_REVIEW:
        return Incident.opened_at.is_null(False) & Incident.closed_at.is_null()
    return Incident.closed_at.is_null(False)


def status_of(row: Incident) -> Status:
    if row.closed_at is not None:
        return Status.CLOSED
    return Status.NEW if row.opened_at is None else Status.UNDER_REVIEW


def _query() -> ModelSelect[Any]:
    """Incidents with their case reference and author's name on each row."""
    return (
        Incident.select(Incident, Case.ref.alias("case_ref"), Volunteer.name.alias("author_name"))
        .join(Case, JOIN.LEFT_OUTER)
        .switch(Incident)
        .join(Volunteer, JOIN.LEFT_OUTER, on=(Incident.recorded_by == Volunteer.id))
        .objects()
    )


def _summary(row: Incident) -> IncidentSummary:
    # case_ref and author_name come from _query's joins.
    return IncidentSummary(
        id=row.id,
        at=row.at,
        status=status_of(row),
        case_ref=getattr(row, "case_ref", None) or "",
        recorded_by=getattr(row, "author_name", None) or FORMER_STAFF,
    )


@reads
def list_incidents(
    actor: StaffMember | None, status: Status | None = None
) -> list[IncidentSummary]:
    """New first, then under review, then closed; the newest first within each."""
    coordinator_only(actor)
    rank = When(None, [(_where(Status.NEW), 0), (_where(Status.UNDER_REVIEW), 1)], 2)
    query = _query().order_by(rank, Incident.at.desc(), Incident.id.desc()).limit(LIST_LIMIT)
    if status is not None:
        query = query.where(_where(status))
    return [_summary(row) for row in query]


@reads
def new_concerns() -> NewConcerns:
    """Incidents nobody has opened yet: the home screen shows them first."""
    query = _query().where(_where(Status.NEW))
    count = query.count()
    newest = query.order_by(Incident.at.desc(), Incident.id.desc()).first()
    return NewConcerns(count, _summary(newest) if newest is not None else None)


def row_of(incident_id: int) -> Incident:
    row = _query().where(Incident.id == incident_id).first()
    if row is None:
        raise IncidentRefused(f"There is no incident {incident_id}.")
    return row  # type: ignore[no-any-return]


def detail_of(row: Incident) -> IncidentDetail:
    notes = IncidentNote.select().where(IncidentNote.incident == row.id).order_by(IncidentNote.id)
    shared = Disclosure.select().where(Disclosure.incident == row.id).order_by(Disclosure.id)
    return IncidentDetail(
        summary=_summary(row),
        description=row.description,
        notes=[NoteView(n.id, n.at, n.author_name, n.text) for n in notes],
        action=Action(row.action) if row.action else None,
        disclosures=[LinkedDisclosure(d.id, d.at, d.recipient, d.reason) for d in shared],
        closed_at=row.closed_at,
        closed_by=row.closed_by_name,
        outcome=row.outcome,
    )


@reads
def current(actor: StaffMember | None, incident_id: int) -> IncidentDetail:
    """The incident as stored, for the screen that has just changed it (the change is
    audited; showing its result is not another view)."""
    coordinator_only(actor)
    return detail_of(row_of(incident_id))


@writes
def open_incident(actor: StaffMember | None, incident_id: int, now: datetime) -> IncidentDetail:
    """The whole incident, for the co-ordinator; their first opening ends its being new.

    Read at the terminal (`kiosk incidents show`, actor None) it stays new: the
    co-ordinator's home must go on saying a concern waits until they open it. The
    audit entry names the incident, never what it says.
    """
    coordinator_only(actor)
    row = row_of(incident_id)
    if row.opened_at is None and actor is not None:
        Incident.update(opened_at=now).where(Incident.id == row.id).execute()
        row.opened_at = now
    audit.record(
        "incident_viewed",
        now,
        target=f"incident:{row.id}",
        actor=actor,
        actor_label="" if actor is not None else CLI_ACTOR,
    )
    return detail_of(row)
