"""How the figures are worded: hours and minutes, and notes that explain a rate and n/a."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from kiosk.services.stats import files, period
from kiosk.services.stats.figures import ATTENDANCE_NOTE, NONE_NOTE, hours, shown
from models import DbConfig
from tests.support.stats_centre import NOW, small_centre


def test_hours_are_hours_and_minutes() -> None:
    # 12.5 read as "12 hours 50" by a trustee: hours and minutes instead.
    assert [shown(hours(h, 3), exact=False) for h in (12.5, 10.0, 0.0, 1234.25)] == [
        "12 h 30 min",
        "10 h",
        "0 h",
        "1,234 h 15 min",
    ]


def test_the_markdown_explains_the_attendance_rate_and_na(db: DbConfig, tmp_path: Path) -> None:
    small_centre()
    october = period.calendar(period.MONTH, date(2026, 10, 1))
    out = files.export(files.StatsRequest(october, "md"), tmp_path / "f.md", NOW, None)
    text = out.read_text(encoding="utf-8")
    assert ATTENDANCE_NOTE in text and NONE_NOTE in text
    assert "DBS checks overdue at the period's start" in text
    # Months as people read them, not "2026-10".
    assert "| Oct 2026 |" in text and "| 2026-10 |" not in text
