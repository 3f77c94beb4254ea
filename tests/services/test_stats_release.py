"""What a released file may cover, and that nothing withheld in it can be worked out."""

from __future__ import annotations

import csv
import io
from dataclasses import replace
from datetime import date, datetime
from pathlib import Path

import pytest

from kiosk.services.stats import files, period, suppress
from kiosk.services.stats import report as reports
from kiosk.services.stats.figures import (
    WITHHELD,
    WITHHELD_NOTE,
    WITHHELD_OTHER,
    Figure,
    count,
    shown,
)
from models import AuditEntry, Case, DbConfig, Incident
from tests.support.stats_centre import NOW, small_centre

MARKS = (WITHHELD, WITHHELD_OTHER)


def _export(tmp_path: Path, chosen: period.Period, name: str = "out.csv") -> Path:
    return files.export(files.StatsRequest(chosen, "csv"), tmp_path / name, NOW, None)


@pytest.mark.parametrize(
    ("first", "last", "field"),
    [
        (date(2026, 10, 31), date(2026, 10, 31), "from:"),  # one day: one session's date
        (date(2026, 10, 2), date(2026, 10, 31), "from:"),  # two ranges a day apart subtract
        (date(2026, 10, 1), date(2026, 10, 30), "until:"),
        (date(2026, 11, 1), date(2026, 11, 30), "until:"),  # sessions still to come
    ],
)
def test_a_file_with_small_numbers_withheld_covers_whole_months_that_have_ended(
    db: DbConfig, tmp_path: Path, first: date, last: date, field: str
) -> None:
    """Failed before the fix: each was written, a single day's outcome in it."""
    small_centre()
    with pytest.raises(files.StatsRefused) as refused:
        _export(tmp_path, period.between(first, last))
    assert str(refused.value).startswith(field) and "\n" not in str(refused.value)
    assert not (tmp_path / "out.csv").exists()
    assert not AuditEntry.select().where(AuditEntry.action == "stats_export").exists()
    # For internal use, any period.
    request = files.StatsRequest(period.between(first, last), "csv", exact=True)
    files.export(request, tmp_path / "exact.csv", NOW, None)


def test_whole_months_from_to_is_released(db: DbConfig, tmp_path: Path) -> None:
    small_centre()
    path = _export(tmp_path, period.between(date(2026, 9, 1), date(2026, 10, 31)))
    assert path.exists()


def test_a_period_is_at_most_ten_years() -> None:
    """Failed before the fix: 1900 to 2199 took 26 s and 247 MB for the PDF."""
    period.between(date(2016, 1, 1), date(2025, 12, 31))
    with pytest.raises(period.PeriodError, match=r"^--until: .*10 years"):
        period.between(date(1900, 1, 1), date(2199, 12, 31))


def _cells(path: Path) -> tuple[dict[str, list[str]], dict[tuple[str, str], list[str]]]:
    """The summary by label, and the months by (series, month), as the file shows them."""
    rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8-sig"), newline="")))
    lines = {r[1]: r[2:] for r in rows if len(r) == 4 and not r[0].startswith("Month by")}
    months = {(r[0].removeprefix("Month by month: "), r[1]): r[2:] for r in rows if len(r) == 4}
    return lines, months


def _shown(report: reports.Report, path: Path, cell: suppress.Cell) -> str:
    lines, months = _cells(path)
    column = 0 if cell.column == suppress.NOW else 1
    if cell.month < 0:
        label = next(lab for _, key, lab in reports.LABELS if key == cell.name)
        return lines[label.strip()][column]
    series = next(s for s in report.series if s.name == cell.name)
    return months[cell.name, series.months[cell.month]][column]


def _incident(day: date, case: Case | None) -> None:
    Incident.create(at=datetime.combine(day, datetime.min.time()), case=case, description="x")


def test_no_withheld_figure_can_be_worked_out_from_a_total_and_its_parts(
    db: DbConfig, tmp_path: Path
) -> None:
    """Failed before the fix: incidents 4, September 1 withheld, October 3 shown."""
    small_centre()
    _incident(date(2026, 9, 9), Case.get(Case.ref == "STAT-C-2026"))
    chosen = period.between(date(2026, 9, 1), date(2026, 10, 31))
    path = _export(tmp_path, chosen)
    report = reports.build(chosen, NOW)
    checked = 0
    for total, parts in suppress.groups(report):
        cells = [_shown(report, path, c) for c in (total, *parts)]
        withheld = [c for c in cells if c in MARKS]
        # One withheld cell alone in a group is the total less the others.
        assert len(withheld) != 1, (total, parts, cells)
        checked += 1
    assert checked >= 10
    lines, months = _cells(path)
    assert lines["Safeguarding incidents recorded"][0] == "4"
    assert months["Safeguarding incidents", "2026-09"][0] == WITHHELD
    assert months["Safeguarding incidents", "2026-10"][0] == WITHHELD_OTHER


def test_a_withheld_rate_or_volunteers_figure_is_not_read_as_under_3(
    db: DbConfig, tmp_path: Path
) -> None:
    """Failed before the fix: a rate read "<3", and two volunteers' hours were shown."""
    small_centre()
    lines, _ = _cells(_export(tmp_path, period.calendar(period.MONTH, date(2026, 10, 1))))
    assert lines["Attendance rate, resident parent"] == ["83%", WITHHELD_OTHER]
    # Two volunteers did the duty: the hours and the count describe them.
    assert lines["Volunteers' hours on duty"][0] == WITHHELD_OTHER
    assert lines["Volunteers who did duty"][0] == WITHHELD
    assert "*: withheld" in WITHHELD_NOTE


def test_the_months_have_a_header_of_their_own(db: DbConfig, tmp_path: Path) -> None:
    small_centre()
    path = _export(tmp_path, period.calendar(period.MONTH, date(2026, 10, 1)))
    rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8-sig"), newline="")))
    first_month = next(i for i, r in enumerate(rows) if r[0].startswith("Month by"))
    assert rows[first_month - 1][:2] == ["section", "month"]


def test_the_hostile_testers_sum_is_closed(db: DbConfig) -> None:
    """Cancelled 4 (four families), by the centre 3, without notice 0: with notice was 1."""
    empty = reports.build(period.calendar(period.MONTH, date(2026, 10, 1)), NOW)
    figures = {
        "cancelled": count(4, 4),
        "cancelled_centre": count(3, 3),
        "cancelled_notice": count(1, 1),
        "booked": count(4, 4),
    }
    lines = tuple(
        replace(line, now=figures.get(key, line.now))
        for line, (_, key, _) in zip(empty.lines, reports.LABELS, strict=True)
    )
    released = suppress.released(replace(empty, lines=lines))
    shown = {key: shown_as(released.line(key).now) for key in figures}
    # The next smallest part goes with it; no group is left with one withheld cell.
    assert shown == {
        "cancelled": "4",
        "cancelled_centre": WITHHELD_OTHER,
        "cancelled_notice": WITHHELD,
        "booked": "4",
    }
    assert shown_as(released.line("cancelled_no_notice").now) == "0"


def shown_as(figure: Figure) -> str:
    return shown(figure, exact=False)
