"""The figures of a hand-made centre (tests/support/stats_centre.py), checked exactly."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest

from kiosk.services.stats import period, report
from kiosk.services.stats.figures import Figure, count, hours, rate
from models import AuditEntry, DbConfig, Volunteer
from tests.support.stats_centre import NOW, small_centre

OCTOBER = period.calendar(period.MONTH, date(2026, 10, 9))


@pytest.fixture
def october(db: DbConfig) -> report.Report:
    small_centre()
    return report.build(OCTOBER, NOW)


def _now(r: report.Report, key: str) -> Figure:
    return r.line(key).now


EXPECTED_OCTOBER_2026 = {
    "booked": count(9, 5),
    "held": count(4, 4),
    "curtailed": count(1, 1),
    "terminated": count(1, 1),
    "cancelled": count(3, 3),
    "cancelled_centre": count(1, 1),
    "cancelled_notice": count(1, 1),
    "cancelled_no_notice": count(1, 1),
    "no_show": count(1, 1),
    "no_show_resident": count(0, 0),
    "no_show_visiting": count(1, 1),
    "refused_entry": count(0, 0),
    "unrecorded": count(1, 1),
    "to_come": count(0, 0),
    "families": count(4, 4),
    "new_families": count(2, 2),
    "service_supported": count(2, 2),
    "service_supervised": count(1, 1),
    "service_handover": count(1, 1),
    "service_assessment": count(0, 0),
    "referral_court": count(1, 1),
    "referral_solicitor": count(0, 0),
    "referral_local_authority": count(0, 0),
    "referral_self": count(1, 1),
    "referral_other": count(0, 0),
    "referral_": count(1, 1),
    # Due: six sessions not cancelled (A twice, B, C, D, E), five families.
    "attendance_resident": rate(5, 6, 5),
    "attendance_visiting": rate(4, 6, 5),
    "incidents": count(3, 3),
    "accidents": count(1, 1),
    "duty_hours": hours(10.0, 2),
    "duty_volunteers": count(2, 2),
    "dbs_due": count(1, 1),
    "dbs_overdue": count(0, 0),
}


@pytest.mark.parametrize(("key", "expected"), EXPECTED_OCTOBER_2026.items())
def test_each_figure_for_october(october: report.Report, key: str, expected: Figure) -> None:
    got = _now(october, key)
    assert got.families == expected.families
    assert got.unit == expected.unit
    assert got.value == pytest.approx(expected.value)


def test_every_line_of_the_summary_is_checked(october: report.Report) -> None:
    assert [key for _, key, _ in report.LABELS] == list(EXPECTED_OCTOBER_2026)


def test_the_same_month_a_year_earlier_is_beside_it(october: report.Report) -> None:
    assert october.earlier == period.Period(date(2025, 10, 1), date(2025, 10, 31), "month")
    before = {key: october.line(key).before for key in ("booked", "held", "new_families")}
    assert before == {"booked": count(2, 2), "held": count(2, 2), "new_families": count(1, 1)}


def test_no_year_earlier_column_before_the_records_begin(db: DbConfig) -> None:
    small_centre()
    first_year = report.build(period.calendar(period.MONTH, date(2025, 9, 1)), NOW)
    assert first_year.earlier is None
    assert all(line.before is None for line in first_year.lines)


def test_month_by_month_the_twelve_months_to_the_period(october: report.Report) -> None:
    held = next(s for s in october.series if s.name == "Sessions held")
    assert held.months[0] == "2025-11" and held.months[-1] == "2026-10"
    assert held.now[-1] == count(4, 4)
    assert held.before is not None
    assert held.before[-1] == count(2, 2)  # October 2025
    assert held.before[-2] == count(1, 1)  # September 2025
    duty = next(s for s in october.series if s.name == "Volunteers' hours on duty")
    assert duty.now[-1] == hours(10.0, 2)
    assert sum(f.value or 0 for f in duty.now[:-1]) == 0


def test_a_period_from_to_counts_by_day(db: DbConfig) -> None:
    small_centre()
    fortnight = report.build(period.between(date(2026, 10, 10), date(2026, 10, 24)), NOW)
    # B 10th cancelled, C 12th, D 14th, A 17th no-show, B 24th curtailed.
    assert fortnight.line("booked").now == count(5, 4)
    assert fortnight.line("held").now == count(1, 1)


def test_periods_and_their_year_earlier() -> None:
    q = period.calendar(period.QUARTER, date(2026, 11, 21))
    assert (q.first, q.last, q.label) == (
        date(2026, 10, 1),
        date(2026, 12, 31),
        "Q4 2026 (Oct to Dec)",
    )
    assert period.last_complete(period.YEAR, date(2026, 11, 21)).label == "2025"
    leap = period.calendar(period.MONTH, date(2024, 2, 10))
    assert leap.last == date(2024, 2, 29)
    assert leap.year_earlier().last == date(2023, 2, 28)
    assert len(period.trend_months(period.between(date(2017, 1, 1), date(2026, 10, 31)))) == 118
    with pytest.raises(period.PeriodError, match=r"^--until: "):
        period.between(date(2026, 2, 1), date(2026, 1, 1))


def test_a_centre_with_no_records_has_zeros_and_no_year_earlier(db: DbConfig) -> None:
    empty = report.build(OCTOBER, NOW)
    assert empty.earlier is None
    assert empty.line("booked").now == count(0, 0)
    assert empty.line("attendance_resident").now == rate(0, 0, 0)
    assert empty.line("duty_hours").now == hours(0.0, 0)


def test_a_duty_ends_at_off_duty_or_else_at_the_lock(db: DbConfig) -> None:
    # Off duty locks the console as well: that lock starts no new duty.
    volunteer = Volunteer.create(name="Ottilie Verney", created_at=datetime(2020, 1, 1))
    day = datetime(2026, 10, 3)
    for action, hour in (
        ("sign_in", 9.0),
        ("off_duty", 10.0),
        ("lock", 10.0),
        ("sign_in", 11.0),
        ("alert_acknowledged", 11.25),
        ("lock", 11.5),
    ):
        AuditEntry.create(at=day + timedelta(hours=hour), actor=volunteer, action=action)
    october = report.build(OCTOBER, NOW)
    assert october.line("duty_hours").now == hours(1.5, 1)
    assert october.line("duty_volunteers").now == count(1, 1)
