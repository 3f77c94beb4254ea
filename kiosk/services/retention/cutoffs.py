"""When records fall due: three years after a case's last use, a centre's own
number of years after a volunteer left (six unless the setting says otherwise), and
a centre's own number of days for the door's alerts about no case (90).

An alert with no case is a refused scan of a card the kiosk does not know: it
names nobody, but kept for ever it would slow every refused scan's look-back.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from kiosk.services.store import settings

CASE_RETENTION_YEARS = 3
VOLUNTEER_RETENTION_KEY = "volunteer_retention_years"
DEFAULT_VOLUNTEER_RETENTION_YEARS = 6
UNLINKED_ALERT_KEY = "unlinked_alert_days"
DEFAULT_UNLINKED_ALERT_DAYS = 90

__all__ = [
    "UNLINKED_ALERT_KEY",
    "VOLUNTEER_RETENTION_KEY",
    "case_cutoff",
    "unlinked_alert_cutoff",
    "volunteer_cutoff",
    "years_before",
]


def years_before(day: date, years: int) -> date:
    """The same calendar date `years` earlier; 29 February becomes the 28th."""
    try:
        return day.replace(year=day.year - years)
    except ValueError:
        return day.replace(year=day.year - years, day=28)


def volunteer_retention_years() -> int:
    return _positive(VOLUNTEER_RETENTION_KEY, DEFAULT_VOLUNTEER_RETENTION_YEARS)


def case_cutoff(as_of: date) -> date:
    return years_before(as_of, CASE_RETENTION_YEARS)


def volunteer_cutoff(as_of: date) -> date:
    return years_before(as_of, volunteer_retention_years())


def _positive(key: str, default: int) -> int:
    raw = settings.get(key).strip()
    return int(raw) if raw.isdigit() and int(raw) > 0 else default


def unlinked_alert_cutoff(as_of: date) -> datetime:
    """Alerts about no case raised before this moment are due."""
    days = _positive(UNLINKED_ALERT_KEY, DEFAULT_UNLINKED_ALERT_DAYS)
    return datetime.combine(as_of - timedelta(days=days), time.min)
