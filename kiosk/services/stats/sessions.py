"""Sessions, families, services and attendance: read once over a report's window.

Each booking in the window is one compact row (its case, times, state,
outcome and service), and each attendance event one (booking, person) pair;
they are counted in Python into every bucket they fall in (window.py). Every
figure comes with the families it is drawn from, for the small-number rule.
"""

from __future__ import annotations

import functools
from collections import Counter, defaultdict
from datetime import date, datetime
from typing import Any

from peewee import Query, fn

from kiosk.services.stats.window import Tallies, Window, tallies
from models import Attendance, Booking, BookingState, Case, Person, Role, Service, database

S = BookingState
# A session took place once someone came in for it, even if it ended early.
HELD = frozenset(
    s.value
    for s in (
        S.FIRST_IN,
        S.BOTH_IN,
        S.IN_CONTACT,
        S.CHILDREN_RETURNED,
        S.SECOND_OUT,
        S.CLOSED,
        S.CURTAILED,
        S.TERMINATED,
    )
)
PARENTS = (Role.RESIDENT.value, Role.VISITING.value)
SERVICES = frozenset(v.value for v in Service)
CENTRE, CANCELLED = "centre", S.CANCELLED.value
# What a booking row holds, in this order.
Row = tuple[int, int, str, str, str, str, str, str]


def _raw(query: Query) -> list[tuple[Any, ...]]:
    """The rows as stored: peewee would turn each timestamp into a datetime."""
    return list(database.execute(query).fetchall())


def measures(state: str, party: str, notice: str, service: str, over: bool) -> tuple[str, ...]:
    """Every measure (report.LABELS key) a booking counts in; `over`: it has ended."""
    out = ["booked"]
    if state in HELD:
        out.append("held")
        if service in SERVICES:
            out.append(f"held_{service}")
        if state in (S.CURTAILED.value, S.TERMINATED.value):
            out.append(state)
    elif state == S.CANCELLED.value:
        out.append("cancelled")
        if party == CENTRE:
            out.append("cancelled_centre")
        elif party in PARENTS:
            out.append("cancelled_notice" if notice == "yes" else "cancelled_no_notice")
    elif state == S.NO_SHOW.value:
        out.append("no_show")
        if party in PARENTS:
            out.append(f"no_show_{party}")
    elif state == S.REFUSED_ENTRY.value:
        out.append("refused_entry")
    elif state == S.BOOKED.value:
        out.append("unrecorded" if over else "to_come")
    return tuple(out)


def bookings(window: Window) -> list[Row]:
    b = Booking
    fields = (b.id, b.case, b.starts_at, b.ends_at, b.state, b.outcome_party, b.with_notice)
    query = b.select(*fields, b.service).where(b.starts_at >= window.lo, b.starts_at < window.hi)
    return _raw(query)  # type: ignore[return-value]


def _attended(window: Window) -> set[tuple[int, int]]:
    """(booking, person) for every attendance event on the window's bookings.

    Any event, not its kind (a check-out is only ever recorded after a
    check-in): the (booking, person, at) index answers without reading the rows.
    """
    among = Booking.select(Booking.id).where(
        Booking.starts_at >= window.lo, Booking.starts_at < window.hi
    )
    # DISTINCT follows the index's order: no sort.
    query = (
        Attendance.select(Attendance.booking, Attendance.person)
        .distinct()
        .where(Attendance.booking.in_(among))
    )
    return set(database.execute(query))


def _parents() -> dict[int, list[tuple[int, str]]]:
    """Each case's parents: (person, role)."""
    query = Person.select(Person.id, Person.case, Person.role).where(Person.role.in_(PARENTS))
    out: dict[int, list[tuple[int, str]]] = defaultdict(list)
    for person, case, role in _raw(query):
        out[case].append((person, role))
    return out


Kind = tuple[str, str, str, str, bool]  # state, outcome party, notice, service, over
Came = tuple[tuple[str, bool], ...]  # (role, came) for each parent due at a session


def count(window: Window, now: datetime) -> Tallies:
    """Each booking starting in the window, into its buckets; attendance by party beside it.

    Attendance, each parent on their own: a session not cancelled is due for a
    parent once it has ended, or once that parent has come in for it (one still
    going on, or still to come, is not missed); `came_resident` if that parent's
    attendance is on record, or the other parent was recorded as the no-show
    (the door records who did not come, not always who did). Rows are first
    counted by (bucket, kind, case, who came): a family's sessions in a month are
    mostly alike.
    """
    stamp = str(now)
    attended, parents = _attended(window), _parents()
    alike: Counter[tuple[str, Kind, int, Came]] = Counter()
    for booking, case, starts, ends, state, outcome, notice, service in bookings(window):
        came: Came = ()
        if state != CANCELLED:
            came = _who_came(booking, parents[case], attended, state, outcome, ends < stamp)
        kind = (state, outcome, notice, service, ends < stamp)
        for key in window.keys(starts):
            alike[key, kind, case, came] += 1
    return _expand(alike)


def _who_came(
    booking: int,
    parents: list[tuple[int, str]],
    attended: set[tuple[int, int]],
    state: str,
    outcome: str,
    over: bool,
) -> Came:
    """(role, came) for each parent the session is due for."""
    other_missed = state == S.NO_SHOW.value and outcome in PARENTS
    out = []
    for person, role in parents:
        arrived = (booking, person) in attended or (other_missed and outcome != role)
        if over or arrived:
            out.append((role, arrived))
    return tuple(out)


def _expand(alike: Counter[tuple[str, Kind, int, Came]]) -> Tallies:
    out, kinds = tallies(), functools.cache(measures)
    for (key, kind, case, came), n in alike.items():
        tally = out[key]
        tally.add(kinds(*kind), case, n)
        for role, arrived in came:
            tally.add((f"due_{role}", f"came_{role}") if arrived else (f"due_{role}",), case, n)
    return out


def new_families(window: Window) -> Tallies:
    """Families whose first session held falls in NOW or BEFORE (`new_families`).

    One look per case along the (case, starts_at) index: the first held
    session is almost always among a case's first rows.
    """
    first = (
        Booking.select(Booking.starts_at)
        .where(Booking.case == Case.id, Booking.state.in_(sorted(HELD)))
        .order_by(Booking.starts_at)
        .limit(1)
    )
    out = tallies()
    for case, at in _raw(Case.select(Case.id, first)):
        if at is not None:
            # Not by month: the trends do not show new families.
            for key in window.keys(at)[1:]:
                out[key].add(("new_families",), case)
    return out


def records_begin() -> date | None:
    """The day the records begin: the first case opened or session booked, if any.

    A period or month before it, or only partly after it, has no figures to
    compare (n/a, not 0).
    """
    first_case = Case.select(fn.MIN(Case.created_at)).scalar()
    first_session = Booking.select(fn.MIN(Booking.starts_at)).scalar()
    found = [at for at in (first_case, first_session) if isinstance(at, datetime)]
    return min(found).date() if found else None
