"""The period a report covers, and the same dates a year earlier."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from kiosk.services.store.errors import KioskError

MONTH, QUARTER, YEAR = "month", "quarter", "year"
KINDS = (MONTH, QUARTER, YEAR)
# A trend needs a year of months, whatever the period: a month's report shows the 12 to its end.
TREND_MONTHS = 12
# Longer and the trend's hundreds of months take tens of seconds to draw; ten
# years is more than any report to trustees or funders needs.
LONGEST_YEARS = 10


class PeriodError(KioskError, ValueError):
    """A period that cannot be reported on; the message names the field ("until: ...").

    Said as the command names it (`--until: ...`) or as the screen does (`Until: ...`).
    """

    def __init__(self, message: str) -> None:
        field, _, why = message.partition(": ")
        self.field, self.why = field, why
        super().__init__(message)

    def __str__(self) -> str:
        return f"--{self.field}: {self.why}"

    def on_screen(self) -> str:
        return f"{self.field.capitalize()}: {self.why}"


@dataclass(frozen=True)
class Period:
    """From `first` to `last`, both days included."""

    first: date
    last: date
    kind: str = ""  # month, quarter, year, or "" for from/to

    @property
    def label(self) -> str:
        if self.kind == MONTH:
            return f"{self.first:%B %Y}"
        if self.kind == QUARTER:
            quarter = (self.first.month - 1) // 3 + 1
            return f"Q{quarter} {self.first.year} ({self.first:%b} to {self.last:%b})"
        if self.kind == YEAR and (self.first.month, self.first.day) == (1, 1):
            return f"{self.first.year}"
        return f"{day(self.first)} to {day(self.last)}"

    def bounds(self) -> tuple[datetime, datetime]:
        """[start, end) as datetimes, for queries on a timestamp."""
        return datetime.combine(self.first, time.min), datetime.combine(
            self.last + timedelta(days=1), time.min
        )

    def year_earlier(self) -> Period:
        return Period(_year_back(self.first), _year_back(self.last), self.kind)


def day(when: date) -> str:
    """A day as the product shows it to people: 03/12/2025."""
    return f"{when:%d/%m/%Y}"


def month_name(key: str) -> str:
    """ "2026-10" as people read it: "Oct 2026"."""
    return f"{date(int(key[:4]), int(key[5:7]), 1):%b %Y}"


def _year_back(day: date) -> date:
    try:
        return day.replace(year=day.year - 1)
    except ValueError:  # 29 February
        return day.replace(year=day.year - 1, day=28)


def _month_start(day: date, back: int = 0) -> date:
    index = day.year * 12 + day.month - 1 - back
    return date(index // 12, index % 12 + 1, 1)


def _months_after(first: date, n: int) -> date:
    """The last day of the n-th month counting `first`'s month as the first."""
    return _month_start(first, -n) - timedelta(days=1)


def calendar(kind: str, day: date) -> Period:
    """The whole month, quarter or year that `day` falls in."""
    if kind == MONTH:
        first = day.replace(day=1)
        return Period(first, _months_after(first, 1), kind)
    if kind == QUARTER:
        first = date(day.year, 3 * ((day.month - 1) // 3) + 1, 1)
        return Period(first, _months_after(first, 3), kind)
    if kind == YEAR:
        return Period(date(day.year, 1, 1), date(day.year, 12, 31), kind)
    raise PeriodError(f"period: choose {', '.join(KINDS)}")


def last_complete(kind: str, today: date) -> Period:
    """The most recent month, quarter or year that has ended by today."""
    current = calendar(kind, today)
    return calendar(kind, current.first - timedelta(days=1))


def between(first: date, last: date) -> Period:
    if last < first:
        raise PeriodError(f"until: the period ends ({day(last)}) before it starts ({day(first)})")
    if last >= _month_start(first, -12 * LONGEST_YEARS):
        raise PeriodError(f"until: a period of at most {LONGEST_YEARS} years, please")
    return Period(first, last)


def choose(kind: str | None, first: date | None, last: date | None, today: date) -> Period:
    """The period a person asked for: a calendar one, or from/to (until today if open)."""
    if kind:
        if last is not None:
            raise PeriodError("until: give --until or --period, not both")
        return calendar(kind, first) if first else last_complete(kind, today)
    if first is None:
        raise PeriodError("from: a first day is needed (or choose a period)")
    return between(first, last or today)


def whole_months(period: Period) -> bool:
    """From the first of a month to the last day of a month (a month, quarter or year is)."""
    return period.first.day == 1 and (period.last + timedelta(days=1)).day == 1


def trend_months(period: Period) -> list[date]:
    """The first day of each month on the trend: the period's months, at least a year of them."""
    end = _month_start(period.last)
    start = min(_month_start(period.first), _month_start(end, TREND_MONTHS - 1))
    months, month = [], start
    while month <= end:
        months.append(month)
        month = _month_start(month, -1)
    return months


def month_key(month: date) -> str:
    """The month as the database's timestamps begin: "2026-11"."""
    return f"{month:%Y-%m}"
