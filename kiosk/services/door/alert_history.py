"""The alert history: every alert raised in a period, and how each left the door board.

The co-ordinator's answer to "where did that alert go?": acknowledged, by whom
and when, or closed by itself and why (a no-show when the parent arrived, a
hold when its time had passed, a session called off). Alert messages name the
case and the parent's role, never a person (attendance/alerts.py); the only
name here is the member of staff who acknowledged one.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from kiosk.services.attendance import alerts
from kiosk.services.attendance.alerts import AlertView
from kiosk.services.staff.auth import StaffMember
from kiosk.services.staff.permissions import require_coordinator
from kiosk.services.store.faults import reads
from models import Volunteer

DEFAULT_LIMIT = 500


@dataclass(frozen=True)
class HistoryLine:
    id: int
    raised_at: datetime
    kind: str
    message: str
    # For the table: "open", or "acknowledged" or "closed" and when.
    ended: str
    # In a sentence: when and by whom it was acknowledged, or when and why it closed.
    why: str


@reads
def alert_history(
    staff: StaffMember, since: date, until: date, limit: int = DEFAULT_LIMIT
) -> list[HistoryLine]:
    """Alerts raised from `since` to `until` (whole days), oldest first: the newest `limit`."""
    require_coordinator(staff)
    start = datetime.combine(since, time.min)
    views = alerts.history(start, datetime.combine(until + timedelta(days=1), time.min), limit)
    ids = {v.acknowledged_by_id for v in views if v.acknowledged_by_id is not None}
    names = {v.id: v.name for v in Volunteer.select().where(Volunteer.id.in_(list(ids)))}
    return [_line(v, names) for v in views]


def _line(view: AlertView, names: dict[int, str]) -> HistoryLine:
    kind = view.kind.replace("_", " ")
    if view.acknowledged_at is not None:
        who = names.get(view.acknowledged_by_id or 0, "a member of staff no longer on file")
        ended = f"acknowledged {_when(view.acknowledged_at)}"
        why = f"Acknowledged {_when(view.acknowledged_at)} by {who}."
    elif view.closed_at is not None:
        ended = f"closed {_when(view.closed_at)}"
        why = f"Closed {_when(view.closed_at)}: {view.closed_reason}."
    else:
        ended, why = "open", "Still open: on the door board."
    return HistoryLine(view.id, view.created_at, kind, view.message, ended, why)


def _when(at: datetime) -> str:
    return f"{at:%d/%m %H:%M}"
