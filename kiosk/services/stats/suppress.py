"""Secondary suppression: no withheld figure can be worked out from a total and its parts.

The small-number rule (figures.py) withholds a count drawn from one or two
families. But where parts add up to a total shown beside them, one withheld
part is the total less the others: cancelled 4, by the centre 3, without notice
0, so with notice 1. Within every such group (GROUPS below, for this period and
for the year earlier; and each month-by-month series whose months add up to
the period's figure) a lone withheld cell takes another with it: the smallest
part still shown, or the total when no other part has anything in it. This
repeats until no group has exactly one withheld cell, since a cell withheld for
one group can leave another group with one.

Only for files that leave the system; exact figures withhold nothing.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from typing import NamedTuple

from kiosk.services.stats.figures import Figure, Line, Series
from kiosk.services.stats.report import LABELS, SERVICE_NAMES, SUMMED_BY_MONTH, Report

NOW, BEFORE = "now", "before"

# A summary figure and the parts that add up to it, every booking in exactly one part.
GROUPS: dict[str, tuple[str, ...]] = {
    "booked": ("held", "cancelled", "no_show", "refused_entry", "unrecorded", "to_come"),
    "cancelled": ("cancelled_centre", "cancelled_notice", "cancelled_no_notice"),
    "no_show": ("no_show_resident", "no_show_visiting"),
    "held": tuple(f"service_{s}" for s in SERVICE_NAMES),
}


class Cell(NamedTuple):
    """A figure in the file: a summary line's key, or a series' name with its month."""

    name: str
    column: str  # NOW or BEFORE
    month: int = -1  # the month's index in a series; -1 for a summary line


Group = tuple[Cell, tuple[Cell, ...]]


def groups(report: Report) -> list[Group]:
    """Every total shown with the parts that add up to it."""
    columns = [NOW, BEFORE] if report.earlier else [NOW]
    out: list[Group] = []
    for column in columns:
        for total, parts in GROUPS.items():
            out.append((Cell(total, column), tuple(Cell(p, column) for p in parts)))
        for series in report.series:
            summed = SUMMED_BY_MONTH.get(series.name)
            if summed is None or (column == BEFORE and series.before is None):
                continue
            inside = _months_inside(report, series)
            out.append((Cell(summed, column), tuple(Cell(series.name, column, i) for i in inside)))
    return out


def _months_inside(report: Report, series: Series) -> list[int]:
    """The series' months that lie wholly inside the period (a year earlier, the same ones)."""
    first, last = report.period.first, report.period.last
    out = []
    for i, key in enumerate(series.months):
        start = date(int(key[:4]), int(key[5:]), 1)
        following = date(start.year + start.month // 12, start.month % 12 + 1, 1)
        if first <= start and following.toordinal() - 1 <= last.toordinal():
            out.append(i)
    return out


def figure(report: Report, cell: Cell) -> Figure | None:
    if cell.month < 0:
        line = report.line(cell.name)
        return line.now if cell.column == NOW else line.before
    series = next(s for s in report.series if s.name == cell.name)
    values = series.now if cell.column == NOW else series.before
    return values[cell.month] if values else None


def released(report: Report) -> Report:
    """The report as a file that leaves the system may show it."""
    withheld = {c for g in groups(report) for c in (g[0], *g[1]) if _withheld(report, c)}
    more: set[Cell] = set()
    while pick := _next(report, withheld | more):
        more.add(pick)
    return _hiding(report, more) if more else report


def _withheld(report: Report, cell: Cell) -> bool:
    found = figure(report, cell)
    return found is not None and found.withheld


def _next(report: Report, withheld: set[Cell]) -> Cell | None:
    """A cell to withhold for some group that has exactly one withheld, or None."""
    for total, parts in groups(report):
        if sum(c in withheld for c in (total, *parts)) != 1:
            continue
        shown = [(_value(report, c), c) for c in parts if c not in withheld]
        candidates = sorted((v, c) for v, c in shown if v > 0)
        pick = candidates[0][1] if candidates else total
        if pick not in withheld:
            return pick
    return None


def _value(report: Report, cell: Cell) -> float:
    found = figure(report, cell)
    return (found.value or 0.0) if found is not None else 0.0


def _hiding(report: Report, cells: set[Cell]) -> Report:
    def hide(found: Figure | None, cell: Cell) -> Figure | None:
        return replace(found, hidden=True) if found is not None and cell in cells else found

    lines = tuple(
        Line(
            line.section,
            line.label,
            hide(line.now, Cell(key, NOW)) or line.now,
            hide(line.before, Cell(key, BEFORE)),
        )
        for line, key in zip(report.lines, (k for _, k, _ in LABELS), strict=True)
    )
    series = tuple(_hide_series(s, cells) for s in report.series)
    return replace(report, lines=lines, series=series)


def _hide_series(series: Series, cells: set[Cell]) -> Series:
    def column(values: tuple[Figure, ...] | None, name: str) -> tuple[Figure, ...] | None:
        if values is None:
            return None
        return tuple(
            replace(f, hidden=True) if Cell(series.name, name, i) in cells else f
            for i, f in enumerate(values)
        )

    return replace(series, now=column(series.now, NOW) or (), before=column(series.before, BEFORE))
