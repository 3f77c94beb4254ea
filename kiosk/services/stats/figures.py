"""A figure, the small-number rule, and how a figure is written.

A count or rate drawn from one or two families could point at them: in any file
that leaves the system it is written `<3` (as official statistics withhold
small numbers), unless the co-ordinator asked for exact figures for internal use.
Figures about volunteers (hours, how many did duty, DBS checks) count the
volunteers behind them the same way: with one volunteer they describe that
person. Zero is never withheld. A count withheld for being small reads `<3`;
anything else withheld (a rate, hours, or a figure withheld only so that a
withheld one cannot be worked out from a total: suppress.py) reads `*`, so that
a rate is never read as "under 3%".
"""

from __future__ import annotations

from dataclasses import dataclass

COUNT, RATE, HOURS = "count", "rate", "hours"
WITHHELD = "<3"
WITHHELD_OTHER = "*"
NONE = "n/a"
ATTENDANCE_NOTE = (
    "Attendance rate: for each parent, the sessions they came to out of those due for them"
    " (not cancelled, and over by the time the figures were made); when only the other"
    " parent failed to come, the session counts as attended."
)
NONE_NOTE = "n/a: nothing to measure (no session due), or a period the records do not cover whole."
SMALLEST_SHOWN = 3
WITHHELD_NOTE = (
    "<3: a count drawn from one or two families (or volunteers), withheld so that none can be"
    " recognised. *: withheld, a rate or hours drawn from one or two, or a figure that would"
    " let a withheld one be worked out from its total."
)
# Said under every summary (screen, Markdown, PDF).
NOTES = (ATTENDANCE_NOTE, NONE_NOTE)
EXACT_NOTE = "EXACT FIGURES FOR INTERNAL USE ONLY: small numbers are not withheld."


@dataclass(frozen=True)
class Figure:
    # A count, hours, or a rate from 0 to 1; None when there was nothing to measure.
    value: float | None
    # How many families (or volunteers) it is drawn from; None when no one is behind it.
    families: int | None = None
    unit: str = COUNT
    # Withheld only so that another withheld figure cannot be worked out (suppress.py).
    hidden: bool = False

    @property
    def small(self) -> bool:
        return self.families is not None and 0 < self.families < SMALLEST_SHOWN

    @property
    def withheld(self) -> bool:
        return self.small or self.hidden


def count(value: int, families: int | None) -> Figure:
    return Figure(value, families, COUNT)


def rate(part: int, whole: int, families: int) -> Figure:
    return Figure(part / whole if whole else None, families, RATE)


def hours(value: float, volunteers: int) -> Figure:
    return Figure(value, volunteers, HOURS)


def shown(figure: Figure, *, exact: bool) -> str:
    """The figure as a file writes it: withheld, or formatted for its unit."""
    if figure.withheld and not exact:
        return WITHHELD if figure.small and figure.unit == COUNT else WITHHELD_OTHER
    if figure.value is None:
        return NONE
    if figure.unit == RATE:
        return f"{figure.value:.0%}"
    if figure.unit == HOURS:
        return hours_and_minutes(figure.value)
    return f"{int(figure.value):,}"


def hours_and_minutes(value: float) -> str:
    """Hours as people say them: "12 h 30 min", "10 h"; never 12.5 (read as 12 h 50)."""
    minutes = round(value * 60)
    whole = f"{minutes // 60:,} h"
    return f"{whole} {minutes % 60} min" if minutes % 60 else whole


def plotted(figure: Figure, *, exact: bool) -> float | None:
    """The figure as a chart draws it: a withheld one leaves a gap, not a bar of its size."""
    if (figure.withheld and not exact) or figure.value is None:
        return None
    return figure.value * 100 if figure.unit == RATE else figure.value


@dataclass(frozen=True)
class Line:
    """One row of the summary: this period, and the same dates a year earlier."""

    section: str
    label: str
    now: Figure
    before: Figure | None  # None when the records do not reach back that far


@dataclass(frozen=True)
class Series:
    """A figure month by month, this year's months and the same months a year earlier."""

    name: str
    months: tuple[str, ...]  # "2026-11"
    now: tuple[Figure, ...]
    before: tuple[Figure, ...] | None
