"""Referrals, incidents, accidents, volunteers' hours on duty and DBS checks falling due."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime

from peewee import Value, fn

from kiosk.services.staff.auth import DBS_STALE_AFTER
from kiosk.services.stats.sessions import month_of
from models import AccidentEntry, Case, Incident, Referral, StaffRole, Volunteer, database


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


def incidents(lo: datetime, hi: datetime, by_month: bool = False) -> dict[str, tuple[int, int]]:
    """Safeguarding concerns raised: (incidents, families).

    An incident recorded without a case counts as a family of its own: the
    families can only be over-counted, so a small number is never shown as a larger one.
    """
    key = month_of(Incident.at) if by_month else Value("all")
    families = fn.COUNT(Incident.case.distinct()) + fn.SUM(Incident.case.is_null())
    query = Incident.select(key, fn.COUNT(Incident.id), families).where(
        Incident.at >= lo, Incident.at < hi
    )
    if by_month:
        query = query.group_by(key)
    rows: Iterable[tuple[str, int, int]] = query.tuples()  # type: ignore[assignment]
    return {k: (n, int(f or 0)) for k, n, f in rows if n}


def accidents(lo: datetime, hi: datetime) -> int:
    """Entries in the accident book in the period; a correction is not a new accident."""
    return int(
        AccidentEntry.select()
        .where(AccidentEntry.at >= lo, AccidentEntry.at < hi, AccidentEntry.corrects.is_null())
        .count()
    )


# Duty as the audit log shows it (kiosk/services/door/roll_call.py on_duty): a
# volunteer is on duty from a sign-in until they go off duty. Locking the console
# is not logged, and every return after the idle lock is a new sign-in, so a duty
# never closed by "off duty" ends at the volunteer's last act on the log that day.
# Within one volunteer's day each off-duty closes a stint; the stint number of a
# row is how many off-duties came before it. One pass over the period's entries.
_DUTY = """
WITH marks AS (
    SELECT a.actor_id AS who, substr(a.at, 1, 10) AS day, a.at AS at, a.action AS action,
           COALESCE(SUM(a.action = 'off_duty') OVER (
               PARTITION BY a.actor_id, substr(a.at, 1, 10) ORDER BY a.at, a.id
               ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING), 0) AS stint,
           MAX(a.at) OVER (PARTITION BY a.actor_id, substr(a.at, 1, 10)) AS last_act
    FROM audit_entry AS a JOIN volunteer AS v ON v.id = a.actor_id
    WHERE a.at >= ? AND a.at < ? AND v.role = ?
),
stints AS (
    SELECT who, day,
           MIN(CASE WHEN action = 'sign_in' THEN at END) AS began,
           COALESCE(MAX(CASE WHEN action = 'off_duty' THEN at END), MAX(last_act)) AS ended
    FROM marks GROUP BY who, day, stint
)
SELECT {key},
       SUM(ROUND((julianday(ended) - julianday(began)) * 86400)) / 3600.0,
       COUNT(DISTINCT who)
FROM stints AS s
WHERE began IS NOT NULL
GROUP BY 1
"""


def duty(lo: datetime, hi: datetime, by_month: bool = False) -> dict[str, tuple[float, int]]:
    """Volunteers' hours on duty, and how many volunteers: for the period, or per month."""
    key = "substr(s.day, 1, 7)" if by_month else "'all'"
    cursor = database.execute_sql(
        _DUTY.format(key=key), (str(lo), str(hi), StaffRole.VOLUNTEER.value)
    )
    return {str(k): (float(h or 0), int(n)) for k, h, n in cursor.fetchall()}


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
