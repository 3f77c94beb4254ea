"""Retention: what is due for destruction, and destroying it for good.

Policy: information not used for three years is destroyed as confidential
waste; the accident book is kept indefinitely. A case is the unit: with it go
its people, children, referral, consents, bookings, attendance, cards, alerts,
declarations, disclosures and incidents with their follow-up notes, each kind
deleted by set (doomed.py), and ON DELETE CASCADE (foreign_keys=1) behind them
so that nothing can be left hanging; the people's card files leave the card
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

from kiosk.services.retention import card_files, doomed
from kiosk.services.retention.cutoffs import case_cutoff, unlinked_alert_cutoff, volunteer_cutoff
from kiosk.services.store import audit
from kiosk.services.store.errors import KioskError
from kiosk.services.store.faults import StoreError, writes
from kiosk.services.store.forms import counted
from models import (
    Alert,
    Case,
    Volunteer,
    database,
)

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
    """Progress of a purge: stage is "delete", "checkpoint" or "vacuum".

    The deletes count statements (one a kind of record), not cases.
    """

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


def summary(result: PurgeResult) -> str:
    """What was destroyed, in one line: the same words on the screen and from the CLI."""
    whose = [
        counted(n, noun)
        for n, noun in (
            (result.counts.get("cases", 0), "case"),
            (result.counts.get("volunteers", 0), "volunteer record"),
        )
        if n
    ]
    total = counted(sum(result.counts.values()), "record")
    return f"Destroyed {total} ({', '.join(whose) or 'no case'}) in {result.seconds:.1f} s."


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


def _rows(as_of: date) -> list[doomed.Rows]:
    """Every statement of the purge, children first; the report counts the same ones."""
    cases = _due_cases(as_of)
    rows = doomed.of_cases(cases) + doomed.of_volunteers(_due_volunteers(as_of), cases)
    rows.append(("unlinked alerts", Alert, Alert.id.in_(_due_unlinked_alerts(as_of))))
    return rows


def _counts(as_of: date) -> dict[str, int]:
    return doomed.count(_rows(as_of), KINDS)


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
    no freed page, no stale copy inside a live page, and no old frame in the -wal file.
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
    case_ids = [c.id for c in _due_cases(as_of)]
    refs = [c.ref for c in Case.select(Case.ref).where(Case.id.in_(case_ids))]
    cards = card_files.of_cases(case_ids)
    rows = _rows(as_of)
    counts = dict.fromkeys(KINDS, 0)
    report(PurgeStep("delete", 0, len(rows)))
    for done, statement in enumerate(rows, start=1):
        doomed.delete([statement], counts)
        report(PurgeStep("delete", done, len(rows)))
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

    VACUUM stays although secure_delete zeroes what is deleted: SQLite does not
    zero the gap a page keeps between its cell pointers and its cells when it
    rebuilds the page to balance the tree, so old copies of cells can sit in live
    pages (found at 10x the ten-year database: purged case references in an
    index page, after the purge without VACUUM). Only rewriting every page
    removes them. Returns False when another connection was reading and the WAL
    could not be emptied; the freed content is zeroed all the same.
    """
    progress(PurgeStep("checkpoint", 0, 2))
    database.execute_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    progress(PurgeStep("vacuum", 1, 2))
    database.execute_sql("VACUUM")
    busy = database.execute_sql("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()[0]
    progress(PurgeStep("vacuum", 2, 2))
    return int(busy) == 0
