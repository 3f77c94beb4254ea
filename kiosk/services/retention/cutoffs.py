"""When records fall due: three years after a case's last use, and a centre's own
number of years after a volunteer left (six unless the setting says otherwise)."""

from __future__ import annotations

from datetime import date

from kiosk.services.store import settings

CASE_RETENTION_YEARS = 3
VOLUNTEER_RETENTION_KEY = "volunteer_retention_years"
DEFAULT_VOLUNTEER_RETENTION_YEARS = 6

__all__ = ["VOLUNTEER_RETENTION_KEY", "case_cutoff", "volunteer_cutoff", "years_before"]


def years_before(day: date, years: int) -> date:
    """The same calendar date `years` earlier; 29 February becomes the 28th."""
    try:
        return day.replace(year=day.year - years)
    except ValueError:
        return day.replace(year=day.year - years, day=28)


def volunteer_retention_years() -> int:
    raw = settings.get(VOLUNTEER_RETENTION_KEY).strip()
    return int(raw) if raw.isdigit() and int(raw) > 0 else DEFAULT_VOLUNTEER_RETENTION_YEARS


def case_cutoff(as_of: date) -> date:
    return years_before(as_of, CASE_RETENTION_YEARS)


def volunteer_cutoff(as_of: date) -> date:
    return years_before(as_of, volunteer_retention_years())
