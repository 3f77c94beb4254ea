"""Attendance rate by party: each parent's sessions attended over that parent's sessions due.

A session is due once it has ended (or once the parent has come in for it); a
no-show names the parent who did not come, so the other parent came.
"""

from __future__ import annotations

from datetime import date, datetime

from kiosk.services.stats import period, report
from kiosk.services.stats.figures import rate
from models import BookingState, Case, DbConfig, Role, Service
from tests.support.stats_centre import NOW, _family, _session

NOVEMBER = period.calendar(period.MONTH, NOW.date())


def _rates(r: report.Report) -> tuple[object, object]:
    return r.line("attendance_resident").now, r.line("attendance_visiting").now


def test_a_no_show_by_one_parent_counts_only_against_that_parent(db: DbConfig) -> None:
    # Recorded at the door as the visiting parent's no-show; the resident's arrival
    # was not scanned (as in the demo records): the resident came all the same.
    case: Case = _family("A")
    _session(
        case, date(2026, 11, 7), Service.SUPPORTED, BookingState.NO_SHOW, outcome_party="visiting"
    )
    _session(
        case,
        date(2026, 11, 14),
        Service.SUPPORTED,
        BookingState.CLOSED,
        (Role.RESIDENT, Role.VISITING),
    )
    assert _rates(report.build(NOVEMBER, NOW)) == (rate(2, 2, 1), rate(1, 2, 1))


def test_sessions_not_yet_over_are_not_missed(db: DbConfig) -> None:
    case: Case = _family("A")
    _session(
        case,
        date(2026, 11, 14),
        Service.SUPPORTED,
        BookingState.CLOSED,
        (Role.RESIDENT, Role.VISITING),
    )
    # Today (the 21st) at 10:00, two hours long, seen at 09:00; and next week.
    _session(case, date(2026, 11, 21), Service.SUPPORTED, BookingState.BOOKED)
    _session(case, date(2026, 11, 28), Service.SUPPORTED, BookingState.BOOKED)
    started = datetime(2026, 11, 21, 11, 0)
    for now in (NOW, started):
        assert _rates(report.build(NOVEMBER, now)) == (rate(1, 1, 1), rate(1, 1, 1))
    # Over, and nobody came: missed by both.
    over = datetime(2026, 11, 21, 12, 30)
    assert _rates(report.build(NOVEMBER, over)) == (rate(1, 2, 1), rate(1, 2, 1))
