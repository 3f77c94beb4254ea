"""Retention: what is due for destruction, and destroying it for good.

Policy: information not used for three years is destroyed as confidential
waste; the accident book is kept indefinitely. A case is the unit: deleting it
cascades (ON DELETE CASCADE, foreign_keys=1) to its people, children, referral,
consents, bookings, attendance, cards, alerts, declarations, disclosures and
incidents with their follow-up notes; the people's card files leave the card
folder with them. Volunteers who left more than six years ago (a setting) go too,
and the door's alerts about no case (unknown cards) after 90 days (a setting).

"More than three years" is counted in calendar days: on the as-of date D a case
is due when it was last used before the same calendar date three years
earlier. Used on that very day, it is kept until tomorrow.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, time
from time import perf_counter
from typing import Any

from peewee import ModelSelect

from kiosk.services.retention import card_files
from kiosk.services.retention.cutoffs import case_cutoff, unlinked_alert_cutoff, volunteer_cutoff
from kiosk.services.store import audit
from kiosk.services.store.errors import KioskError
from kiosk.services.store.faults import StoreError, writes
from models import (
    Alert,
    Attendance,
    Booking,
    BookingEvent,
    Card,
    Case,
    Child,
    Consent,
    Declaration,
    Disclosure,
    Incident,
    IncidentNote,
    Person,
    Referral,
    Volunteer,
    database,
)

# Cases deleted per statement: small enough for a lively progress bar.
CHUNK = 25

# The order a person reads them in: the case, then what hangs on it.
KINDS = [
    "cases",
    "people",
    "children",
    "referrals",
    "consents",
    "bookings",
    "attendance",
    "booking events",
    "cards",
    "alerts",
    "declarations",
    "disclosures",
    "incidents",
    "incident notes",
    "volunteers",
    "unlinked alerts",
]


class PurgeError(KioskError):
    """The purge cannot run safely; nothing was deleted."""


@dataclass(frozen=True)
class DueReport:
    """What a purge as of `as_of` would destroy. For the co-ordinator's eyes."""

    as_of: date
    case_cutoff: date
    volunteer_cutoff: date
    case_refs: list[str]
    volunteer_names: list[str]
    counts: dict[str, int]

    @property
    def is_empty(self) -> bool:
        return not (self.case_refs or self.volunteer_names or self.counts["unlinked alerts"])


@dataclass(frozen=True)
class DueSummary:
    """The start-up reminder: how many records are due, no names."""

    cases: int
    volunteers: int

    @property
    def any(self) -> bool:
        return bool(self.cases or self.volunteers)

    @property
    def message(self) -> str:
        if not self.any:
            return ""
        parts = []
        if self.cases:
            parts.append(f"{self.cases} case{'s' if self.cases != 1 else ''}")
        if self.volunteers:
            parts.append(f"{self.volunteers} former volunteer{'s' if self.volunteers != 1 else ''}")
        return f"Retention: {' and '.join(parts)} due for destruction. Run the purge."


@dataclass(frozen=True)
class PurgeStep:
    """Progress of a purge: stage is "delete", "checkpoint" or "vacuum"."""

    stage: str
    done: int
    total: int


@dataclass(frozen=True)
class PurgeResult:
    counts: dict[str, int]
    seconds: float
    # False when another connection kept the write-ahead log from being emptied.
    wal_cleared: bool = True
    case_refs: list[str] = field(default_factory=list)
    # Card files removed from the card folder, and any that could not be.
    card_files: int = 0
    card_files_left: int = 0


Progress = Callable[[PurgeStep], None]


def _due_cases(as_of: date) -> ModelSelect[Any]:
    start_of_cutoff = datetime.combine(case_cutoff(as_of), time.min)
    return Case.select(Case.id).where(Case.last_used_at < start_of_cutoff)


def _due_volunteers(as_of: date) -> ModelSelect[Any]:
    return Volunteer.select(Volunteer.id).where(Volunteer.left_on < volunteer_cutoff(as_of))


def _due_unlinked_alerts(as_of: date) -> ModelSelect[Any]:
    return Alert.select(Alert.id).where(
        Alert.case.is_null(),
        Alert.booking.is_null(),
        Alert.created_at < unlinked_alert_cutoff(as_of),
    )


def _counts(as_of: date) -> dict[str, int]:
    cases = _due_cases(as_of)
    people = Person.select(Person.id).where(Person.case.in_(cases))
    bookings = Booking.select(Booking.id).where(Booking.case.in_(cases))
    queries: dict[str, ModelSelect[Any]] = {
        "cases": cases,
        "people": people,
        "children": Child.select().where(Child.case.in_(cases)),
        "referrals": Referral.select().where(Referral.case.in_(cases)),
        "consents": Consent.select().where(Consent.person.in_(people)),
        "bookings": bookings,
        "attendance": Attendance.select().where(
            Attendance.booking.in_(bookings) | Attendance.person.in_(people)
        ),
        "booking events": BookingEvent.select().where(BookingEvent.booking.in_(bookings)),
        "cards": Card.select().where(Card.person.in_(people)),
        "alerts": Alert.select().where(Alert.case.in_(cases) | Alert.booking.in_(bookings)),
        "declarations": Declaration.select().where(
            Declaration.case.in_(cases) | Declaration.volunteer.in_(_due_volunteers(as_of))
        ),
        "disclosures": Disclosure.select().where(Disclosure.case.in_(cases)),
        "incidents": Incident.select().where(Incident.case.in_(cases)),
        "incident notes": IncidentNote.select().where(
            IncidentNote.incident.in_(Incident.select(Incident.id).where(Incident.case.in_(cases)))
        ),
        "volunteers": _due_volunteers(as_of),
        "unlinked alerts": _due_unlinked_alerts(as_of),
    }
    return {kind: queries[kind].count() for kind in KINDS}


def due(as_of: date) -> DueReport:
    """Everything a purge as of `as_of` would destroy, counted by kind."""
    refs = [
        c.ref
        for c in Case.select(Case.ref).where(Case.id.in_(_due_cases(as_of))).order_by(Case.ref)
    ]
    names = [
        v.name
        for v in Volunteer.select(Volunteer.name)
        .where(Volunteer.id.in_(_due_volunteers(as_of)))
        .order_by(Volunteer.name)
    ]
    return DueReport(
        as_of=as_of,
        case_cutoff=case_cutoff(as_of),
        volunteer_cutoff=volunteer_cutoff(as_of),
        case_refs=refs,
        volunteer_names=names,
        counts=_counts(as_of),
    )


def due_summary(now: datetime) -> DueSummary:
    """For the co-ordinator's home screen at start-up: two cheap indexed counts."""
    return DueSummary(
        cases=_due_cases(now.date()).count(),
        volunteers=_due_volunteers(now.date()).count(),
    )


def _noop(_step: PurgeStep) -> None:
    return None


def purge(
    as_of: date,
    now: datetime,
    *,
    actor: audit.Actor | None = None,
    actor_label: str = "",
    progress: Progress | None = None,
) -> PurgeResult:
    """Destroy everything due as of `as_of`, then scrub the files.

    The deletions and their audit entry are one transaction under the write lock:
    all or nothing (a database fault is raised as StoreFault). secure_delete (a
    connection pragma) zeroes freed content; the checkpoint and VACUUM then leave
    no freed page, and no old frame in the -wal file.
    """
    report = progress or _noop
    started = perf_counter()
    counts, refs, cards = _destroy(as_of, now, actor, actor_label, report)
    # Only once the records are gone for certain (the transaction committed).
    files = card_files.remove(cards)
    try:
        wal_cleared = scrub(report)
    except StoreError:
        # Destroyed all the same, their pages zeroed (secure_delete): another program
        # kept VACUUM from compacting the file, which the next purge finishes.
        wal_cleared = False
    seconds = perf_counter() - started
    return PurgeResult(counts, seconds, wal_cleared, sorted(refs), files.files, files.left)


@writes
def _destroy(
    as_of: date, now: datetime, actor: audit.Actor | None, actor_label: str, report: Progress
) -> tuple[dict[str, int], list[str], list[int]]:
    if database.execute_sql("PRAGMA foreign_keys").fetchone()[0] != 1:
        raise PurgeError("foreign keys are off: the cascade would leave records behind")
    if database.execute_sql("PRAGMA secure_delete").fetchone()[0] != 1:
        raise PurgeError("secure_delete is off: deleted records would stay on disk")
    counts = _counts(as_of)
    case_ids = [c.id for c in _due_cases(as_of)]
    refs = [c.ref for c in Case.select(Case.ref).where(Case.id.in_(case_ids))]
    cards = card_files.of_cases(case_ids)
    volunteer_ids = [v.id for v in _due_volunteers(as_of)]
    Alert.delete().where(Alert.id.in_(_due_unlinked_alerts(as_of))).execute()
    total = len(case_ids) + len(volunteer_ids)
    done = 0
    report(PurgeStep("delete", done, total))
    for start in range(0, len(case_ids), CHUNK):
        chunk = case_ids[start : start + CHUNK]
        Case.delete().where(Case.id.in_(chunk)).execute()
        done += len(chunk)
        report(PurgeStep("delete", done, total))
    if volunteer_ids:
        Volunteer.delete().where(Volunteer.id.in_(volunteer_ids)).execute()
        done += len(volunteer_ids)
        report(PurgeStep("delete", done, total))
    detail = " ".join(f"{kind}={counts[kind]}" for kind in KINDS)
    audit.record(
        "purge",
        now,
        detail=f"as_of={as_of.isoformat()} {detail}",
        actor=actor,
        actor_label=actor_label,
    )
    return counts, refs, cards


def scrub(progress: Progress = _noop) -> bool:
    """Checkpoint, VACUUM, checkpoint: freed pages and old WAL frames are gone.

    Returns False when another connection was reading and the WAL could not be
    emptied; the freed content is zeroed all the same (secure_delete).
    """
    progress(PurgeStep("checkpoint", 0, 2))
    database.execute_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    progress(PurgeStep("vacuum", 1, 2))
    database.execute_sql("VACUUM")
    busy = database.execute_sql("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()[0]
    progress(PurgeStep("vacuum", 2, 2))
    return int(busy) == 0
