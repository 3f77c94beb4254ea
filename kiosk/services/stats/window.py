"""The span a report reads once, and the tallies it splits into by period and month.

A report needs each figure for the period, for the same dates a year earlier,
and for every month of its trend and the same months a year before. Asking the
database once per period and once per month read the same rows several times
over (and sorted them for each COUNT DISTINCT); instead each source is read once
over the whole span, as compact rows, and every row is counted here into each
bucket it falls in: its month ("2026-10"), NOW, and BEFORE.

Timestamps are compared as the database stores them ("2026-10-03 10:00:00"),
which sort as the times they are: no row is converted to a datetime.
"""

from __future__ import annotations

import contextlib
import gc
from collections import Counter, defaultdict
from collections.abc import Hashable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from kiosk.services.stats.period import Period

NOW, BEFORE = "now", "before"


@dataclass
class Tally:
    """Per measure: how many (sessions, hours, entries) and the families behind them."""

    n: Counter[str] = field(default_factory=Counter)
    who: defaultdict[str, set[Hashable]] = field(default_factory=lambda: defaultdict(set))

    def add(self, measures: Iterable[str], family: Hashable, amount: int = 1) -> None:
        for measure in measures:
            self.n[measure] += amount
            self.who[measure].add(family)

    def get(self, measure: str) -> tuple[int, int]:
        """(total, distinct families) for the measure; (0, 0) if nothing was counted."""
        return self.n[measure], len(self.who.get(measure, ()))


Tallies = defaultdict[str, Tally]


@contextlib.contextmanager
def collector_paused() -> Iterator[None]:
    """Counting makes tens of thousands of small tuples and no cycles: without the cyclic
    collector, which they would set off again and again, and which in a running app
    walks every widget too (a full pass took 20-40 ms each, several times a report)."""
    was_on = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_on:
            gc.enable()


def tallies() -> Tallies:
    return defaultdict(Tally)


def _text(day: date) -> str:
    return str(datetime.combine(day, time.min))


@dataclass(frozen=True)
class Window:
    """From the first month the report reads to the end of its last month."""

    lo: datetime
    hi: datetime
    now: tuple[str, str]  # the period, [from, to) as stored timestamps
    before: tuple[str, str] | None  # the same dates a year earlier, if records reach them

    @classmethod
    def of(cls, period: Period, earlier: Period | None, first_month: date) -> Window:
        """first_month: the earliest month of the trend's year before."""
        last = period.last.replace(day=1)
        end = (last + timedelta(days=32)).replace(day=1)
        span = (_text(period.first), _text(period.last + timedelta(days=1)))
        before = (
            (_text(earlier.first), _text(earlier.last + timedelta(days=1))) if earlier else None
        )
        lo = min(first_month, earlier.first if earlier else period.first)
        return cls(datetime.combine(lo, time.min), datetime.combine(end, time.min), span, before)

    def keys(self, at: str) -> list[str]:
        """The buckets a stored timestamp counts in: its month, and NOW or BEFORE."""
        out = [at[:7]]
        if self.now[0] <= at < self.now[1]:
            out.append(NOW)
        if self.before is not None and self.before[0] <= at < self.before[1]:
            out.append(BEFORE)
        return out


def merged(*parts: Tallies) -> Tallies:
    """The tallies of several sources in one: their measures never share a name."""
    out = tallies()
    for part in parts:
        for key, tally in part.items():
            out[key].n.update(tally.n)
            out[key].who.update(tally.who)
    return out
