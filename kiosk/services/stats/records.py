"""Referrals, incidents, accidents, volunteers' hours on duty and DBS checks falling due."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import date, datetime, timedelta
from itertools import groupby

from peewee import fn

from kiosk.services.staff.auth import DBS_STALE_AFTER
from kiosk.services.stats.window import Tallies, Window, tallies
from models import (
    AccidentEntry,
    AuditEntry,
    Case,
    Incident,
    Referral,
    StaffRole,
    Volunteer,
    database,
)


def referrals(first: date, last: date) -> dict[str, int]:
    """Referrals made in the period by kind of referrer ("" not recorded); one per family.

    A referral with no date counts from the day its case was opened.
    """
    made = fn.COALESCE(Referral.referred_on, fn.substr(Case.created_at, 1, 10))
    query = (
        Referral.select(Referral.kind, fn.COUNT(Referral.id))
        .join(Case)
        .where(made >= first, made <= last)
        .group_by(Referral.kind)
    )
    rows: Iterable[tuple[str, int]] = query.tuples()  # type: ignore[assignment]
    return dict(rows)


def incidents(window: Window) -> Tallies:
    """Safeguarding concerns raised (`incidents`), with the families they concern.

    An incident recorded without a case counts as a family of its own: the
    families can only be over-counted, so a small number is never shown as a larger one.
    """
    out = tallies()
    query = Incident.select(Incident.id, Incident.at, Incident.case).where(
        Incident.at >= window.lo, Incident.at < window.hi
    )
    for entry, at, case in database.execute(query).fetchall():
        family = case if case is not None else ("no case", entry)
        for key in window.keys(at):
            out[key].add(("incidents",), family)
    return out


def accidents(lo: datetime, hi: datetime) -> int:
    """Entries in the accident book in the period; a correction is not a new accident."""
    return int(
        AccidentEntry.select()
        .where(AccidentEntry.at >= lo, AccidentEntry.at < hi, AccidentEntry.corrects.is_null())
        .count()
    )


# Duty as the audit log shows it (kiosk/services/door/roll_call.py on_duty): a
# stint starts at a volunteer's sign-in and ends at its lock, their off duty, or
# their next sign-in (a return after a lock the log did not record). Never closed,
# it ends at their last act of their own before the next sign-in: a failed or
# locked-out sign-in is recorded under the name typed, by whoever typed it, so it
# is no one's act. A stint may run past midnight; it counts in the month it began,
# and never longer than LONGEST_STINT (a console left signed in over a weekend).
NOT_THEIR_ACT = frozenset({"sign_in_failed", "sign_in_locked"})
ENDS_A_STINT = frozenset({"lock", "off_duty"})
LONGEST_STINT = timedelta(hours=12)


def _stints(rows: Iterable[tuple[str, str]]) -> Iterator[tuple[str, str]]:
    """(began, ended) of each stint of one volunteer's, from their (at, action) in order."""
    began: str | None = None
    last = ""
    for at, action in rows:
        if action in NOT_THEIR_ACT:
            continue
        if action == "sign_in":
            if began is not None:
                yield began, at
            began = last = at
        elif began is not None:
            if action in ENDS_A_STINT:
                yield began, at
                began = None
            else:
                last = at
    if began is not None:
        yield began, last


def _seconds(began: str, ended: str) -> int:
    length = datetime.fromisoformat(ended) - datetime.fromisoformat(began)
    return round(min(length, LONGEST_STINT).total_seconds())


def duty(window: Window) -> Tallies:
    """Volunteers' time on duty (`duty_seconds`), with the volunteers who did it."""
    a = AuditEntry
    # Read past the window's end by the longest stint: a stint begun in it may end after.
    query = (
        a.select(a.actor, a.at, a.action)
        .join(Volunteer, on=(Volunteer.id == a.actor))
        .where(
            a.at >= window.lo,
            a.at < window.hi + LONGEST_STINT,
            Volunteer.role == StaffRole.VOLUNTEER.value,
        )
        .order_by(a.actor, a.at, a.id)
    )
    out = tallies()
    end = str(window.hi)
    for who, rows in groupby(database.execute(query).fetchall(), key=lambda r: r[0]):
        for began, ended in _stints((at, action) for _, at, action in rows):
            for key in window.keys(began) if began < end else ():
                out[key].add(("duty_seconds",), who, _seconds(began, ended))
    return out


def dbs_checks(first: date, last: date) -> tuple[int, int]:
    """Staff still with the centre whose DBS check falls due in the period, and those
    already overdue when it began (over three years old, as the sign-in warns)."""
    current = Volunteer.left_on.is_null() | (Volunteer.left_on > last)
    falling = Volunteer.dbs_issued_on.between(first - DBS_STALE_AFTER, last - DBS_STALE_AFTER)
    overdue = Volunteer.dbs_issued_on < first - DBS_STALE_AFTER
    return (
        Volunteer.select().where(current, falling).count(),
        Volunteer.select().where(current, overdue).count(),
    )
