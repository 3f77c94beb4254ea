"""A year earlier, and each month, only where the records cover it whole.

The records begin on 3 December 2025 (the first case opened): 2025 as a year,
and December 2025 as a month, are only partly covered, so are n/a, not 0.
"""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

from pypdf import PdfReader

from kiosk.services.stats import files, period, report
from kiosk.services.stats.figures import NONE, count, shown
from models import Booking, BookingState, Case, DbConfig, Role, Service
from tests.support.builders import add_person

NOW = datetime(2026, 11, 21, 9, 0)
BEGIN = datetime(2025, 12, 3, 9, 0)


def _records() -> None:
    case = Case.create(ref="COVER-1", created_at=BEGIN, last_used_at=NOW)
    for role in (Role.RESIDENT, Role.VISITING):
        add_person(case, role, "Anyone", BEGIN)
    for day in (date(2025, 12, 6), date(2026, 3, 7)):
        starts = datetime.combine(day, datetime.min.time()).replace(hour=10)
        Booking.create(
            case=case,
            room="Blue Room",
            starts_at=starts,
            ends_at=starts.replace(hour=12),
            service=Service.SUPPORTED.value,
            state=BookingState.CLOSED.value,
            created_at=BEGIN,
        )


def _held(r: report.Report) -> tuple[list[str], list[str] | None]:
    series = next(s for s in r.series if s.name == "Sessions held")
    now = [shown(f, exact=True) for f in series.now]
    before = [shown(f, exact=True) for f in series.before] if series.before else None
    return now, before


def test_a_year_partly_covered_is_not_compared(db: DbConfig) -> None:
    _records()
    year = report.build(period.calendar(period.YEAR, date(2026, 1, 1)), NOW)
    assert year.records_begin == date(2025, 12, 3)
    assert year.earlier is None
    assert all(line.before is None for line in year.lines)
    now, before = _held(year)
    assert before is None  # no month of 2025 is covered whole
    assert now[2] == "1" and now[0] == "0"


def test_months_before_the_records_began_are_na(db: DbConfig) -> None:
    _records()
    march = report.build(period.calendar(period.MONTH, date(2026, 3, 1)), NOW)
    now, _ = _held(march)
    # April 2025 to March 2026: the months to November 2025 before the records,
    # December 2025 only partly covered.
    assert now[:9] == [NONE] * 9
    assert now[9:] == ["0", "0", "1"]
    assert march.line("held").now == count(1, 1)


def test_the_files_say_when_the_records_begin(db: DbConfig, tmp_path: Path) -> None:
    _records()
    year = period.calendar(period.YEAR, date(2026, 1, 1))
    for fmt in ("md", "pdf"):
        out = tmp_path / f"figures.{fmt}"
        files.export(files.StatsRequest(year, fmt, exact=True), out, NOW, None)
        if fmt == "pdf":
            text = "\n".join(page.extract_text() for page in PdfReader(out).pages)
        else:
            text = out.read_text(encoding="utf-8")
        assert "Records begin 03/12/2025" in text, fmt
        assert "2025-01-01 to 2025-12-31" not in text
