"""Alerts for the door console: situations a volunteer must act on.

Messages name the case and the role, never a person: the door console decides
what a signed-in volunteer may see (a family they know is masked for them).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum

from models import Alert


class AlertKind(StrEnum):
    EARLY_ARRIVAL = "early_arrival"
    KEEP_APART = "keep_apart"
    DEPARTURE_HOLD = "departure_hold"
    NO_SHOW = "no_show"
    # A scan the kiosk could not act on: unknown or revoked card, no booking...
    SCAN_REFUSED = "scan_refused"


@dataclass(frozen=True)
class AlertView:
    id: int
    kind: str
    message: str
    created_at: datetime
    case_id: int | None
    booking_id: int | None


def _view(row: Alert) -> AlertView:
    return AlertView(
        row.id,
        row.kind,
        row.message,
        row.created_at,
        row.case_id,  # type: ignore[attr-defined]
        row.booking_id,  # type: ignore[attr-defined]
    )


def raise_alert(
    kind: AlertKind,
    message: str,
    now: datetime,
    *,
    case_id: int | None = None,
    booking_id: int | None = None,
    within: timedelta | None = None,
) -> AlertView | None:
    """Record an alert unless the same one is still open; returns it when new.

    `within` limits the look-back, so a card scanned twice in a minute makes
    one alert, while the same problem later in the day makes another.
    """
    same = Alert.select().where(
        Alert.kind == kind.value,
        Alert.message == message,
        Alert.case == case_id,
        Alert.booking == booking_id,
        Alert.acknowledged_at.is_null(),
    )
    if within is not None:
        same = same.where(Alert.created_at > now - within)
    if same.exists():
        return None
    row = Alert.create(
        kind=kind.value, message=message, created_at=now, case=case_id, booking=booking_id
    )
    return _view(row)


def open_alerts(since: datetime) -> list[AlertView]:
    """Unacknowledged alerts since a time, oldest first."""
    rows = (
        Alert.select()
        .where(Alert.acknowledged_at.is_null(), Alert.created_at >= since)
        .order_by(Alert.created_at, Alert.id)
    )
    return [_view(r) for r in rows]
