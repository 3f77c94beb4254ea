"""Sessions, families, services and attendance, counted by SQL aggregates.

Every figure comes with how many families it is drawn from (COUNT DISTINCT of
the case), for the small-number rule. A whole period, or one per month or per
service, is one query however many years the database holds.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import Any

from peewee import Case as When
from peewee import ColumnBase, Expression, Value, fn

from models import Attendance, Booking, BookingState, Person, Role, Service

S = BookingState
# A session took place once someone came in for it, even if it ended early.
HELD = (
    S.FIRST_IN,
    S.BOTH_IN,
    S.IN_CONTACT,
    S.CHILDREN_RETURNED,
    S.SECOND_OUT,
    S.CLOSED,
    S.CURTAILED,
    S.TERMINATED,
)
PARENTS = (Role.RESIDENT.value, Role.VISITING.value)
CENTRE = "centre"

# (sessions, families) for each measure, by name.
Tally = dict[str, tuple[int, int]]


def _measures(now: datetime) -> dict[str, Expression]:
    state, party, notice = Booking.state, Booking.outcome_party, Booking.with_notice
    cancelled = state == S.CANCELLED.value
    by_parent = cancelled & party.in_(PARENTS)
    waiting = state == S.BOOKED.value
    held = state.in_([s.value for s in HELD])
    return {
        "booked": Booking.id.is_null(False),
        "held": held,
        "curtailed": state == S.CURTAILED.value,
        "terminated": state == S.TERMINATED.value,
        "cancelled": cancelled,
        "cancelled_centre": cancelled & (party == CENTRE),
        "cancelled_notice": by_parent & (notice == "yes"),
        "cancelled_no_notice": by_parent & (notice != "yes"),
        "no_show": state == S.NO_SHOW.value,
        "no_show_resident": (state == S.NO_SHOW.value) & (party == Role.RESIDENT.value),
        "no_show_visiting": (state == S.NO_SHOW.value) & (party == Role.VISITING.value),
        "refused_entry": state == S.REFUSED_ENTRY.value,
        "unrecorded": waiting & (Booking.ends_at < now),
        "to_come": waiting & (Booking.ends_at >= now),
        # Sessions held by service, in the same pass.
        **{f"held_{v.value}": held & (Booking.service == v.value) for v in Service},
    }


def _columns(measures: dict[str, Expression]) -> list[ColumnBase]:
    columns: list[ColumnBase] = []
    for condition in measures.values():
        columns.append(fn.SUM(When(None, [(condition, 1)], 0)))
        columns.append(fn.COUNT(fn.DISTINCT(When(None, [(condition, Booking.case)], None))))
    return columns


def _tallies(rows: Iterable[tuple[Any, ...]], names: list[str]) -> dict[str, Tally]:
    out: dict[str, Tally] = {}
    for key, *values in rows:
        out[str(key)] = {
            name: (int(values[2 * i] or 0), int(values[2 * i + 1] or 0))
            for i, name in enumerate(names)
        }
    return out


def month_of(column: ColumnBase) -> ColumnBase:
    """ "2026-11" from a stored timestamp ("2026-11-21 10:00:00")."""
    return fn.substr(column, 1, 7)


def tally(lo: datetime, hi: datetime, now: datetime, by: str = "") -> dict[str, Tally]:
    """Sessions starting in [lo, hi): each measure's (sessions, families).

    by "" gives one tally under the key "all"; "month" one per month.
    """
    measures = _measures(now)
    keys = {"": Value("all"), "month": month_of(Booking.starts_at)}
    query = Booking.select(keys[by], *_columns(measures)).where(
        Booking.starts_at >= lo, Booking.starts_at < hi
    )
    if by:
        query = query.group_by(keys[by])
    rows: Iterable[tuple[Any, ...]] = query.tuples()  # type: ignore[assignment]
    return _tallies(rows, list(measures))


def first_sessions() -> list[datetime]:
    """When each family's first session was held: a family is new in the period it falls in."""
    first = fn.MIN(Booking.starts_at)
    query = (
        Booking.select(first)
        .where(Booking.state.in_([s.value for s in HELD]))
        .group_by(Booking.case)
    )
    rows: Iterable[tuple[datetime]] = query.tuples()  # type: ignore[assignment]
    return [first for (first,) in rows]


def earliest_session() -> datetime | None:
    """The first session on record: a year-earlier column is shown only if records reach it."""
    row = Booking.select(fn.MIN(Booking.starts_at)).scalar()
    return row if isinstance(row, datetime) else None


def attendance(
    lo: datetime, hi: datetime, now: datetime, by_month: bool = False
) -> dict[tuple[str, str], tuple[int, int, int]]:
    """Per party (and month): (sessions due, sessions the party came to, families).

    Due: sessions that have started and were not cancelled, for each parent on the
    case; came: the parent's attendance is on record for it (a check-out is only
    ever recorded after a check-in). Asking for any event, not its kind, lets the
    (booking, person, at) index answer without reading the attendance rows.
    """
    came = fn.EXISTS(
        Attendance.select(Attendance.booking).where(
            Attendance.booking == Booking.id, Attendance.person == Person.id
        )
    )
    month = month_of(Booking.starts_at) if by_month else Value("all")
    query = (
        Booking.select(
            Person.role,
            month,
            fn.COUNT(Booking.id),
            fn.SUM(came),
            fn.COUNT(Booking.case.distinct()),
        )
        .join(Person, on=(Person.case == Booking.case))
        .where(
            Person.role.in_(PARENTS),
            Booking.starts_at >= lo,
            Booking.starts_at < hi,
            Booking.starts_at < now,
            Booking.state != S.CANCELLED.value,
        )
        .group_by(Person.role, *([month] if by_month else []))
    )
    rows: Iterable[tuple[str, str, int, int, int]] = query.tuples()  # type: ignore[assignment]
    return {(role, key): (due, int(came_n or 0), fam) for role, key, due, came_n, fam in rows}
