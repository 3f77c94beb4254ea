"""The accident book as the co-ordinator reads it: each entry with its corrections beside it.

Entries are never changed or deleted (database triggers); a correction is a new
entry naming the one it corrects, and may itself be corrected. Here every
correction is gathered under the first entry of its chain, so the book reads as
each accident with what was later set right about it. The book has no link to a
case: the person hurt is as the volunteer wrote them.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from kiosk.services.staff.auth import StaffMember
from kiosk.services.store.errors import KioskError
from kiosk.services.store.faults import reads
from models import AccidentEntry


class AccidentBookRefused(KioskError, ValueError):
    """The book cannot be read or exported so; the message says why in one line."""


@dataclass(frozen=True)
class AccidentLine:
    """One entry, with the HSE accident book's fields."""

    id: int
    at: datetime
    person_hurt: str
    place: str
    what_happened: str
    injury: str
    first_aid: str
    recorded_by: str
    recorded_at: datetime
    corrects: int | None


@dataclass(frozen=True)
class BookEntry:
    """An accident as first written, and each correction of it in the order made."""

    entry: AccidentLine
    corrections: list[AccidentLine]

    @property
    def lines(self) -> list[AccidentLine]:
        return [self.entry, *self.corrections]


def coordinator_only(actor: StaffMember | None) -> None:
    """The book names the people hurt: the co-ordinator's (None: `kiosk` at the terminal)."""
    if actor is not None and not actor.is_coordinator:
        raise AccidentBookRefused("Only the co-ordinator reads and exports the accident book.")


def _line(row: AccidentEntry) -> AccidentLine:
    return AccidentLine(
        id=row.id,
        at=row.at,
        person_hurt=row.person_hurt,
        place=row.place,
        what_happened=row.description,
        injury=row.injury,
        first_aid=row.action_taken,
        recorded_by=row.recorded_by_name,
        recorded_at=row.recorded_at,
        corrects=row.corrects_id,  # type: ignore[attr-defined]
    )


@reads
def read_book(
    actor: StaffMember | None,
    *,
    newest_first: bool = True,
    period: tuple[date | None, date | None] = (None, None),
) -> list[BookEntry]:
    """Every entry, grouped under the entry its corrections correct.

    `period` keeps the accidents that happened between its dates (inclusive),
    each with all its corrections whenever they were made.
    """
    coordinator_only(actor)
    lines = [_line(row) for row in AccidentEntry.select().order_by(AccidentEntry.id)]
    by_id = {line.id: line for line in lines}
    groups: dict[int, BookEntry] = {}
    for line in lines:
        root = line
        while root.corrects is not None and root.corrects in by_id:
            root = by_id[root.corrects]
        if root is line:
            groups[line.id] = BookEntry(line, [])
        else:
            groups[root.id].corrections.append(line)
    since, until = period
    book = [
        g
        for g in groups.values()
        if (since is None or g.entry.at.date() >= since)
        and (until is None or g.entry.at.date() <= until)
    ]
    book.sort(key=lambda g: (g.entry.at, g.entry.id), reverse=newest_first)
    return book
