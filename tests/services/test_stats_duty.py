"""Volunteers' hours on duty from the audit log: what a hostile tester found it counted wrong."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest

from kiosk.services.stats import period, records, report
from models import AuditEntry, DbConfig, Volunteer

OCTOBER = period.calendar(period.MONTH, date(2026, 10, 1))
NOW = datetime(2026, 11, 21, 9)
DAY = datetime(2026, 10, 3)


def _hours(acts: list[tuple[str, float]]) -> float:
    """The hours on duty in October for one volunteer's acts, at hours after 3 October 00:00."""
    volunteer = Volunteer.create(name="Ottilie Verney", created_at=datetime(2020, 1, 1))
    for action, hour in acts:
        AuditEntry.create(at=DAY + timedelta(hours=hour), actor=volunteer, action=action)
    figure = report.build(OCTOBER, NOW).line("duty_hours").now
    assert figure.value is not None
    return round(figure.value, 2)


@pytest.mark.parametrize(
    ("acts", "expected"),
    [
        # Someone else's failed sign-ins under their name are not their duty: 5 minutes.
        ([("sign_in", 9), ("alert_acknowledged", 9 + 5 / 60), ("sign_in_failed", 17)], 0.08),
        ([("sign_in", 9), ("alert_acknowledged", 9 + 5 / 60), ("sign_in_locked", 17)], 0.08),
        # Two short visits, each closed by its lock: 35 minutes, not the day between.
        ([("sign_in", 9), ("lock", 9.5), ("sign_in", 16), ("lock", 16 + 5 / 60)], 0.58),
        # From 22:00 to 02:00 the next morning: 4 hours.
        ([("sign_in", 22), ("alert_acknowledged", 23), ("lock", 26)], 4.0),
        # Never closed: to the last act of their own.
        ([("sign_in", 9), ("alert_acknowledged", 10.5)], 1.5),
        # A console left signed in over a weekend counts at most the longest stint.
        ([("sign_in", 9), ("lock", 9 + 72)], records.LONGEST_STINT.total_seconds() / 3600),
    ],
)
def test_a_stint_runs_from_a_sign_in_to_its_own_end(
    db: DbConfig, acts: list[tuple[str, float]], expected: float
) -> None:
    """Failed before the fix: 8 hours, 7.1 hours, 0.2 hours, and 72 hours."""
    assert _hours(acts) == pytest.approx(expected, abs=0.01)


def test_a_sign_in_and_nothing_else_counts_no_hours_but_a_volunteer_on_duty(db: DbConfig) -> None:
    assert _hours([("sign_in", 9)]) == 0
    assert report.build(OCTOBER, NOW).line("duty_volunteers").now.value == 1
