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


@writes
def accident(
    staff: StaffMember,
    description: str,
    action_taken: str,
    clock: Clock,
    *,
    happened_at: datetime | None = None,
    corrects: int | None = None,
) -> int:
    """A new accident book entry; a correction is a new entry naming the old one."""
    now = clock.now()
    text = require_text(description, "what happened")
    done = showable_text(action_taken, "what was done")
    with recording():
        if corrects is not None and AccidentEntry.get_or_none(AccidentEntry.id == corrects) is None:
            raise DoorError(f"There is no accident book entry {corrects}.")
        by = actor(staff)
        row = AccidentEntry.create(
            at=happened_at or now,
            recorded_at=now,
            recorded_by_name=by.name,
            description=text,
            action_taken=done,
            corrects=corrects,
        )
        audit.record("accident_recorded", now, target=f"accident:{row.id}", actor=by)
    return int(row.id)


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
