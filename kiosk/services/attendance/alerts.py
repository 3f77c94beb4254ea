"""Alerts for the door console: situations a volunteer must act on.

Messages name the case and the role, never a person: the door console decides
what a signed-in volunteer may see (a family they know is masked for them).

An alert stays open until a volunteer acknowledges it or it no longer holds:
a no-show alert closes when that parent arrives, a hold (early arrival,
departure hold, keep apart) when its time has passed. The reason is kept on the
alert, so the history says why it went from the board.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum

from peewee import OP, SQL, Expression, ModelSelect, Value

from kiosk.services.store.fixed import Fixed
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
    acknowledged_at: datetime | None = None
    closed_at: datetime | None = None
    closed_reason: str = ""
    acknowledged_by_id: int | None = None


def _view(row: Alert) -> AlertView:
    return AlertView(
        row.id,
        row.kind,
        row.message,
        row.created_at,
        row.case_id,  # type: ignore[attr-defined]
        row.booking_id,  # type: ignore[attr-defined]
        row.acknowledged_at,
        row.closed_at,
        row.closed_reason,
        row.acknowledged_by_id,  # type: ignore[attr-defined]
    )


def _open() -> Expression:
    """Neither acknowledged by a volunteer nor closed by itself."""
    return Alert.acknowledged_at.is_null() & Alert.closed_at.is_null()


def raise_alert(
    kind: AlertKind,
    message: str,
    now: datetime,
    *,
    case_id: int | None = None,
    booking_id: int | None = None,
    within: timedelta | None = None,
    person_id: int | None = None,
    until: datetime | None = None,
) -> AlertView | None:
    """Record an alert unless the same one is still open; returns it when new.

    `within` limits the look-back, so a card scanned twice in a minute makes
    one alert, while the same problem later in the day makes another.
    `person_id` is who it is about; `until` when it stops holding (it then closes).
    """
    since = None if within is None else now - within
    found = (_SAME if since is None else _SAME_SINCE).objects(
        kind.value, message, case_id, booking_id, *([since] if since else [])
    )
    if found:
        return None
    values = (case_id, booking_id, kind.value, message, now, person_id, until, "")
    new_id = _RAISE.execute(*values).lastrowid
    return AlertView(new_id, kind.value, message, now, case_id, booking_id)


def _same(
    kind: str, message: str, case_id: int | None, booking_id: int | None
) -> ModelSelect[Alert]:
    # IS, not =: one statement for a case or none (SQLite's IS matches NULL to NULL).
    # The case as `case_id + 0`, which no index answers: SQLite would otherwise read the
    # case's every alert through alert(case_id) rather than the booking's of this kind.
    return Alert.select(Alert.id).where(
        Alert.kind == kind,
        Alert.message == message,
        Expression(Alert.case + SQL("0"), OP.IS, Value(case_id)),
        Expression(Alert.booking, OP.IS, Value(booking_id)),
        _open(),
    )


# What a scan may run here, built once (kiosk/services/store/fixed.py).
_SAME = Fixed(_same, (Alert.id,))
_SAME_SINCE = Fixed(
    lambda kind, message, case_id, booking_id, since: _same(
        kind, message, case_id, booking_id
    ).where(Alert.created_at > since),
    (Alert.id,),
)
_RAISE = Fixed(
    lambda case_id, booking_id, kind, message, now, person_id, until, reason: Alert.insert(
        case=case_id,
        booking=booking_id,
        kind=kind,
        message=message,
        created_at=now,
        person=person_id,
        until=until,
        closed_reason=reason,
    )
)


def open_alerts(since: datetime) -> list[AlertView]:
    """Open alerts since a time, oldest first."""
    rows = (
        Alert.select()
        .where(_open(), Alert.created_at >= since)
        .order_by(Alert.created_at, Alert.id)
    )
    return [_view(r) for r in rows]


def history(since: datetime, before: datetime, limit: int | None = None) -> list[AlertView]:
    """Every alert raised in a period, open, acknowledged or closed (with why), oldest first.

    With a `limit`, the newest that many of them (still oldest first).
    """
    rows = Alert.select().where(Alert.created_at >= since, Alert.created_at < before)
    if limit is not None:
        newest = rows.order_by(Alert.created_at.desc(), Alert.id.desc()).limit(limit)
        return sorted((_view(r) for r in newest), key=lambda a: (a.created_at, a.id))
    return [_view(r) for r in rows.order_by(Alert.created_at, Alert.id)]


def _close(which: Expression, reason: str, now: datetime) -> int:
    query = Alert.update(closed_at=now, closed_reason=reason).where(_open() & which)
    return int(query.execute())


# A scan's closes, built once (kiosk/services/store/fixed.py).
_CLOSE_ABOUT = Fixed(
    lambda now, reason, kind, booking_id, person_id: Alert.update(
        closed_at=now, closed_reason=reason
    ).where(
        _open()
        & (Alert.kind == kind)
        & (Alert.booking == booking_id)
        # Not through alert(person_id), every alert about the person: see _same.
        & (Alert.person + SQL("0") == person_id)
    )
)
_END_KEEP_APART = Fixed(
    lambda until, kind, booking_id: Alert.update(until=until).where(
        _open() & (Alert.kind == kind) & (Alert.booking == booking_id) & Alert.until.is_null()
    )
)


def _close_about(
    kind: AlertKind, booking_id: int, person_id: int, reason: str, now: datetime
) -> int:
    """Close the open alerts of one kind about one person on one booking."""
    return int(_CLOSE_ABOUT.execute(now, reason, kind.value, booking_id, person_id).rowcount)


def close_for_arrival(booking_id: int, person_id: int, role: str, now: datetime) -> int:
    """The parent has come: their no-show alert no longer holds."""
    reason = f"the {role} parent arrived at {now:%H:%M}"
    return _close_about(AlertKind.NO_SHOW, booking_id, person_id, reason, now)


def close_for_departure(booking_id: int, person_id: int, now: datetime) -> int:
    """The parent was let out during their departure hold: that alert no longer holds."""
    reason = f"checked out at {now:%H:%M}"
    return _close_about(AlertKind.DEPARTURE_HOLD, booking_id, person_id, reason, now)


def end_keep_apart(booking_id: int, hold: timedelta, now: datetime) -> None:
    """A parent has left, so the two are no longer both in.

    A keep-apart alert with no end of its own now holds for the case's departure
    hold after this departure (DESIGN.md section 2), then closes (close_expired).
    """
    _END_KEEP_APART.execute(now + hold, AlertKind.KEEP_APART.value, booking_id)


def close_for_side_exit(booking_id: int, state: str, now: datetime) -> int:
    """A volunteer called the session off: nobody is awaited any more."""
    which = (Alert.kind == AlertKind.NO_SHOW.value) & (Alert.booking == booking_id)
    return _close(which, f"the session was recorded as {state.replace('_', ' ')}", now)


def close_expired(since: datetime, now: datetime) -> int:
    """Alerts raised since `since` whose hold has ended close, each saying when.

    Run by the door console's timer; `since` (the start of the day) keeps it to
    the indexed range of today's alerts, not years of them.
    """
    closed = 0
    expired = Alert.select(Alert.id, Alert.until).where(
        Alert.created_at >= since, _open(), Alert.until <= now
    )
    for row in expired:
        closed += _close(Alert.id == row.id, f"the hold ended at {row.until:%H:%M}", now)
    return closed
