"""A month-by-month chart drawn in the terminal by plotext (textual-plotext's widget).

Given one or more series (kiosk/services/stats/figures.py Series), it draws
this period's months as bars (one series) or lines (several), with the same
months a year earlier as a line beside a single series. The co-ordinator's
screen is for internal use: figures are exact, never withheld.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

from textual.app import RenderResult
from textual_plotext import PlotextPlot

from kiosk.services.stats.figures import Figure, Series, plotted

# plotext's named colours, readable on both the dark and the light theme.
COLOURS = ("blue", "orange", "green")
EARLIER = "gray"


def _values(figures: Sequence[Figure]) -> list[float]:
    return [plotted(f, exact=True) or 0.0 for f in figures]


MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
# Room above the highest value, so the top bar or point is not on the frame.
HEADROOM = 1.4


def month_labels(months: Sequence[str]) -> list[str]:
    """ "Oct" for each month; the years are said once, in the title (see `span`).

    "Jan 26" read as the 26th of January.
    """
    return [MONTHS[int(m[5:]) - 1] for m in months]


def span(months: Sequence[str]) -> str:
    """ "Nov 2025 to Oct 2026": the months a chart covers, each year said once."""

    def name(m: str) -> str:
        return f"{MONTHS[int(m[5:]) - 1]} {m[:4]}"

    return f"{name(months[0])} to {name(months[-1])}" if months else ""


def count_ticks(highest: float) -> list[int]:
    """Whole-number ticks from 0 for counts, reaching above the highest value."""
    top = max(1, math.ceil(highest * HEADROOM))
    step = max(1, math.ceil(top / 5))
    return list(range(0, step * math.ceil(top / step) + 1, step))


PERCENT_TICKS = [0, 25, 50, 75, 100]


class TrendChart(PlotextPlot):
    """A titled chart of series over the same months."""

    def __init__(self, title: str, *, percent: bool = False, id: str | None = None) -> None:
        super().__init__(id=id)
        self.title = title
        self.percent = percent
        self.series: tuple[Series, ...] = ()
        # How often the chart was drawn with figures: once for each show, unless resized.
        self.drawn = 0

    def render(self) -> RenderResult:
        if self.series:
            self.drawn += 1
        return super().render()

    def show(self, series: Sequence[Series]) -> None:
        self.series = tuple(series)
        self._draw()
        self.refresh()

    def _titled(self) -> str:
        """The title with the key: plotext's own legend sits over the plot in a small chart."""
        if len(self.series) == 1:
            return self.title + (
                ": blue this year, grey a year earlier" if self.series[0].before else ""
            )
        keys = [f"{c} {s.name.split(', ')[-1]}" for s, c in zip(self.series, COLOURS, strict=False)]
        return f"{self.title}: {', '.join(keys)}" if keys else self.title

    def _draw(self) -> None:
        plt = self.plt
        plt.clear_data()
        plt.clear_figure()
        if not self.series:
            plt.title(self.title)
            return
        plt.title(f"{self._titled()}, {span(self.series[0].months)}")
        labels = month_labels(self.series[0].months)
        if len(self.series) == 1:
            # Bars by month, this year beside the same month a year earlier.
            only = self.series[0]
            if only.before is None:
                plt.bar(labels, _values(only.now), color=COLOURS[0], width=0.6)
            else:
                # plotext takes a colour per series; textual-plotext's type stubs say
                # one colour, so the option goes as a dict.
                options: dict[str, Any] = {"color": [COLOURS[0], EARLIER]}
                plt.multiple_bar(labels, [_values(only.now), _values(only.before)], **options)
        else:
            x = [float(i) for i in range(1, len(labels) + 1)]
            step = max(1, len(labels) // 8)
            plt.xticks(x[::step], labels[::step])
            plt.xlim(x[0] - 0.5, x[-1] + 0.5)
            for s, colour in zip(self.series, COLOURS, strict=False):
                # A month with nothing to measure (no session due) is left out, not drawn as 0.
                drawn = [(i, plotted(f, exact=True)) for i, f in zip(x, s.now, strict=True)]
                points = [(i, v) for i, v in drawn if v is not None]
                xs, ys = [i for i, _ in points], [v for _, v in points]
                plt.plot(xs, ys, color=colour, marker="dot")
        self._y_axis()

    def _y_axis(self) -> None:
        """Whole numbers for counts (no 0.67 of a session), and room above the highest."""
        if self.percent:
            ticks = PERCENT_TICKS
            top = 100 * HEADROOM
        else:
            drawn = [
                v
                for s in self.series
                for f in (*s.now, *(s.before or ()))
                for v in [plotted(f, exact=True)]
                if v is not None
            ]
            ticks = count_ticks(max(drawn, default=0.0))
            top = ticks[-1]
        self.plt.yticks([float(t) for t in ticks], [str(t) for t in ticks])
        self.plt.ylim(0, top)
