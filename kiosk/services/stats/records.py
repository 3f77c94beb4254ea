"""Referrals, incidents, accidents, volunteers' hours on duty and DBS checks falling due."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import date, datetime
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
# volunteer is on duty from a sign-in until they go off duty. Every return after
# a lock is a new sign-in, and the lock itself is an entry (kiosk/app.py), so a
# duty never closed by "off duty" ends at the volunteer's last entry that day: the
# lock. Within one volunteer's day each off-duty closes a stint.


def _stints(rows: Iterable[tuple[str, str]]) -> Iterator[tuple[str, str]]:
    """(began, ended) of each stint in one volunteer's day, from its (at, action) in order."""
    began: str | None = None
    at = ""
    for at, action in rows:
        if action == "sign_in" and began is None:
            began = at
        elif action == "off_duty":
            if began is not None:
                yield began, at
            began = None
    if began is not None:
        yield began, at


def _seconds(began: str, ended: str) -> int:
    return round((datetime.fromisoformat(ended) - datetime.fromisoformat(began)).total_seconds())


def duty(window: Window) -> Tallies:
    """Volunteers' time on duty (`duty_seconds`), with the volunteers who did it."""
    a = AuditEntry
    query = (
        a.select(a.actor, a.at, a.action)
        .join(Volunteer, on=(Volunteer.id == a.actor))
        .where(a.at >= window.lo, a.at < window.hi, Volunteer.role == StaffRole.VOLUNTEER.value)
        .order_by(a.actor, a.at, a.id)
    )
    out = tallies()
    days = groupby(database.execute(query).fetchall(), key=lambda r: (r[0], r[1][:10]))
    for (who, _), rows in days:
        for began, ended in _stints((at, action) for _, at, action in rows):
            for key in window.keys(began):
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
