"""The door's log books: incidents (safeguarding concerns) and the accident book.

Each entry names who wrote it; the audit log names the entry, never its contents.
The accident book is append-only (database triggers): a correction is a new entry.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from kiosk.clock import Clock
from kiosk.services.door.access import (
    DoorError,
    actor,
    booking_for,
    recording,
    require_text,
    showable_text,
)
from kiosk.services.staff.auth import StaffMember
from kiosk.services.store import audit
from kiosk.services.store.faults import reads, writes
from kiosk.services.store.forms import read_date
from models import AccidentEntry, Incident


@dataclass(frozen=True)
class AccidentView:
    id: int
    at: datetime
    recorded_at: datetime
    recorded_by_name: str
    description: str
    action_taken: str
    corrects: int | None


@writes
def incident(staff: StaffMember, booking_id: int | None, description: str, clock: Clock) -> int:
    """A safeguarding concern, about a booking's case or the centre at large."""
    now = clock.now()
    # Written in a box of several lines at the door.
    text = require_text(description, "a description", lines=True)
    with recording():
        case_id = None
        if booking_id is not None:
            case_id = booking_for(staff, booking_id).case_id  # type: ignore[attr-defined]
        by = actor(staff)
        row = Incident.create(at=now, case=case_id, recorded_by=by, description=text)
        audit.record("incident_recorded", now, target=f"incident:{row.id}", actor=by)
    return int(row.id)


@dataclass(frozen=True)
class AccidentReport:
    """An entry as the volunteer writes it, with the HSE accident book's fields."""

    person_hurt: str
    what_happened: str
    place: str = ""
    injury: str = ""
    first_aid: str = ""
    # When it happened; None is now (for a correction, when the corrected entry says).
    happened_at: datetime | None = None
    # The entry this one corrects.
    corrects: int | None = None


@writes
def accident(staff: StaffMember, report: AccidentReport, clock: Clock) -> int:
    """A new accident book entry; a correction is a new entry naming the old one."""
    now = clock.now()
    person = require_text(report.person_hurt, "the name of the person hurt")
    text = require_text(report.what_happened, "what happened")
    details = [
        showable_text(report.place, "where"),
        showable_text(report.injury, "the injury"),
        showable_text(report.first_aid, "what was done"),
    ]
    if report.happened_at is not None and report.happened_at > now:
        raise DoorError("When: that time is still to come.")
    with recording():
        corrects = report.corrects
        corrected = None
        if corrects is not None:
            # A number past SQLite's integers is no entry (OverflowError otherwise).
            in_range = 0 < corrects < 2**63
            corrected = (
                AccidentEntry.get_or_none(AccidentEntry.id == corrects) if in_range else None
            )
            if corrected is None:
                raise DoorError(f"There is no accident book entry {corrects}.")
        # A correction restates the same accident: given no time, it keeps the original's.
        happened_at = report.happened_at or (corrected.at if corrected is not None else now)
        by = actor(staff)
        row = AccidentEntry.create(
            at=happened_at,
            recorded_at=now,
            recorded_by_name=by.name,
            person_hurt=person,
            description=text,
            place=details[0],
            injury=details[1],
            action_taken=details[2],
            corrects=corrects,
        )
        audit.record("accident_recorded", now, target=f"accident:{row.id}", actor=by)
    return int(row.id)


def happened_when(text: str, now: datetime) -> datetime | None:
    """When an accident happened, as typed: "HH:MM" today, or a date (either form) and
    "HH:MM"; blank is None (now). DoorError names the field."""
    words = text.split()
    if not words:
        return None
    try:
        clock_time = datetime.strptime(words[-1], "%H:%M").time()
        day = read_date(" ".join(words[:-1])) if len(words) > 1 else now.date()
    except ValueError:
        raise DoorError(
            f"When: {text.strip()!r} is not HH:MM, or a date and HH:MM (2026-12-04 14:30)"
        ) from None
    return datetime.combine(day, clock_time)


@reads
def recent_accidents(limit: int = 20) -> list[AccidentView]:
    """The newest entries of the book, for choosing one to correct."""
    rows = AccidentEntry.select().order_by(AccidentEntry.id.desc()).limit(limit)
    return [
        AccidentView(
            r.id,
            r.at,
            r.recorded_at,
            r.recorded_by_name,
            r.description,
            r.action_taken,
            r.corrects_id,  # type: ignore[attr-defined]
        )
        for r in rows
    ]
