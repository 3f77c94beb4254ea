"""What the co-ordinator should be told on signing in."""

from __future__ import annotations

from datetime import datetime

from kiosk.services.centre import rooms
from kiosk.services.release import policy
from kiosk.services.retention import purge as retention
from kiosk.services.safeguarding import incidents
from kiosk.services.staff.auth import DBS_STALE_AFTER
from models import StaffRole, Volunteer


def stale_dbs(now: datetime) -> list[str]:
    """Staff whose DBS check is over three years old, the co-ordinator's own included."""
    cutoff = now.date() - DBS_STALE_AFTER
    rows = Volunteer.select(Volunteer.name, Volunteer.dbs_issued_on).where(
        Volunteer.left_on.is_null(),
        Volunteer.dbs_issued_on < cutoff,
    )
    return [f"{r.name}'s DBS check is over three years old." for r in rows]


def missing_dbs() -> list[str]:
    """Co-ordinators with no DBS record on file: the door console is closed to them."""
    rows = Volunteer.select(Volunteer.name).where(
        Volunteer.role == StaffRole.COORDINATOR.value,
        Volunteer.left_on.is_null(),
        Volunteer.dbs_number == "",
    )
    return [
        f"{r.name} has no DBS check on file: add it under Volunteers to use the door console."
        for r in rows
    ]


def coordinator_reminders(now: datetime) -> list[str]:
    notes = missing_dbs() + stale_dbs(now)
    current = policy.current()
    if current.review_overdue(now.date()):
        when = current.reviewed_on.isoformat() if current.reviewed_on else "never"
        notes.append(f"The confidentiality policy is due for review (last reviewed: {when}).")
    due = retention.due_summary(now)
    if due.any:
        notes.append(due.message)
    return notes + rooms.misplaced_waiting_areas()


def new_concerns() -> str:
    """Safeguarding concerns nobody has opened yet, shown first until each is opened."""
    return incidents.new_concerns().message
