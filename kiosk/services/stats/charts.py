"""The report's charts as PNG images, drawn by matplotlib (Agg) in the bundled font.

matplotlib takes most of a second to import: this module is loaded only when a
PDF is made (by pdf_report), never at start-up. A withheld figure is a gap in a
line or a missing bar, never a bar of its size.
"""

from __future__ import annotations

import calendar
import io
import math
from collections.abc import Callable, Sequence
from importlib.resources import as_file, files

import matplotlib
import numpy as np
from matplotlib import font_manager
from matplotlib.axes import Axes
from matplotlib.backends.backend_agg import FigureCanvasAgg

# The object interface, not pyplot: no global figures to close, and Agg (images, no
# display) is named by the canvas rather than by a process-wide backend switch.
from matplotlib.figure import Figure as Drawing
from matplotlib.patches import Rectangle
from matplotlib.ticker import MaxNLocator

from kiosk.services.release.pdf import FONT_FILE
from kiosk.services.stats.figures import Figure, Series, plotted
from kiosk.services.stats.report import Report

WIDTH_IN, HEIGHT_IN, DPI = 7.1, 2.9, 130
THIS, BEFORE, OTHER, MUTED = "#1f5f8b", "#9aa7b4", "#d08c2b", "#b8483e"
_font_ready = False
# Room above the highest value on a chart of counts.
HEADROOM = 1.15
NO_REFERRALS = "No referrals in this period"


def _use_bundled_font() -> None:
    global _font_ready
    if _font_ready:
        return
    with as_file(files("kiosk").joinpath(FONT_FILE)) as path:
        font_manager.fontManager.addfont(str(path))
    matplotlib.rcParams.update(
        {
            "font.family": "DejaVu Sans",
            "font.stretch": "condensed",
            "font.size": 8,
            "axes.spines.top": False,
            "axes.spines.right": False,
        }
    )
    _font_ready = True


def _values(figures: Sequence[Figure | None] | None, exact: bool) -> list[float]:
    """Values to draw; NaN (a gap) for a withheld figure or none."""
    out = []
    for f in figures or ():
        v = None if f is None else plotted(f, exact=exact)
        out.append(math.nan if v is None else v)
    return out


def _month_axis(ax: Axes, months: Sequence[str]) -> None:
    step = max(1, math.ceil(len(months) / 13))
    ticks = list(range(0, len(months), step))
    names = [calendar.month_abbr[int(m[5:])] for m in months]
    labels = [
        f"{names[i]}\n{months[i][:4]}" if i == 0 or names[i] == "Jan" else names[i] for i in ticks
    ]
    ax.set_xticks(ticks, labels)
    ax.set_xlim(-0.6, len(months) - 0.4)


def _png(fig: Drawing) -> bytes:
    out = io.BytesIO()
    fig.savefig(out, format="png", dpi=DPI)
    return out.getvalue()


def _counts(ax: Axes, axis: str = "y") -> None:
    """Whole-number ticks for counts, and room above the highest value (a line never
    touches the top edge); at least 0 to 1, so an empty chart still reads as zero."""
    locator = MaxNLocator(nbins=6, integer=True)
    if axis == "x":  # bars along the x axis (referrals)
        ax.xaxis.set_major_locator(locator)
        longest = max(
            (bar.get_width() for bar in _bars(ax) if not math.isnan(bar.get_width())), default=0.0
        )
        ax.set_xlim(0, max(1.0, longest * HEADROOM))
        return
    ax.yaxis.set_major_locator(locator)
    highest = max((v for v in _drawn_heights(ax) if not math.isnan(v)), default=0.0)
    ax.set_ylim(0, max(1.0, highest * HEADROOM))


def _drawn_heights(ax: Axes) -> list[float]:
    tops = [float(y) for line in ax.get_lines() for y in np.asarray(line.get_ydata(), float)]
    return tops + [float(bar.get_y() + bar.get_height()) for bar in _bars(ax)]


def _bars(ax: Axes) -> list[Rectangle]:
    return [p for p in ax.patches if isinstance(p, Rectangle)]


def _drawing(title: str, draw: Callable[[Axes], None], left: float = 0.08) -> Drawing:
    fig = Drawing(figsize=(WIDTH_IN, HEIGHT_IN), dpi=DPI)
    FigureCanvasAgg(fig)
    # Fixed margins, not tight_layout: it draws every chart twice to measure it.
    fig.subplots_adjust(left=left, right=0.98, top=0.88, bottom=0.3)
    ax = fig.subplots()
    draw(ax)
    ax.set_title(title, loc="left", fontsize=10)
    ax.grid(axis="y", color="#e3e3e3", linewidth=0.6)
    ax.set_axisbelow(True)
    return fig


def _find(report: Report, name: str) -> Series:
    return next(s for s in report.series if s.name == name)


def _sessions(report: Report, exact: bool) -> Drawing:
    held, cancelled, missed = (_find(report, n) for n in ("Sessions held", "Cancelled", "No-shows"))
    x = list(range(len(held.months)))

    def draw(ax: Axes) -> None:
        h, c, m = (_values(s.now, exact) for s in (held, cancelled, missed))
        ax.bar(x, h, color=THIS, label="held")
        bottom = [0 if math.isnan(v) else v for v in h]
        ax.bar(x, c, bottom=bottom, color=OTHER, label="cancelled")
        bottom = [b + (0 if math.isnan(v) else v) for b, v in zip(bottom, c, strict=True)]
        ax.bar(x, m, bottom=bottom, color=MUTED, label="no-show")
        if held.before is not None:
            ax.plot(
                x,
                _values(held.before, exact),
                color=BEFORE,
                linestyle="--",
                marker=".",
                label="held, a year earlier",
            )
        _month_axis(ax, held.months)
        _counts(ax)
        ax.legend(frameon=False, ncols=4, loc="upper left", bbox_to_anchor=(0, -0.18))

    return _drawing("Sessions by month", draw)


def _lines(title: str, series: Sequence[Series], exact: bool, percent: bool = False) -> Drawing:
    def draw(ax: Axes) -> None:
        # Two parties' lines often coincide: a solid and a dotted line both stay visible.
        styles = ((THIS, "-", "o"), (OTHER, ":", "s"))
        for s, (colour, line, mark) in zip(series, styles, strict=False):
            x = list(range(len(s.months)))
            ax.plot(
                x,
                _values(s.now, exact),
                color=colour,
                linestyle=line,
                marker=mark,
                markersize=3,
                label=s.name.lower(),
            )
            if s.before is not None and len(series) == 1:
                ax.plot(
                    x,
                    _values(s.before, exact),
                    color=BEFORE,
                    linestyle="--",
                    marker=".",
                    label="a year earlier",
                )
        if percent:
            ax.set_ylim(0, 105)
            ax.set_ylabel("%")
        else:
            _counts(ax)
        _month_axis(ax, series[0].months)
        ax.legend(frameon=False, ncols=3, loc="upper left", bbox_to_anchor=(0, -0.18))

    return _drawing(title, draw)


def _referrals(report: Report, exact: bool) -> Drawing:
    lines = [line for line in report.lines if line.section == "Referrals"]
    now = _values([ln.now for ln in lines], exact)
    before = _values([ln.before for ln in lines], exact) if report.earlier else []

    def draw(ax: Axes) -> None:
        if not any(v > 0 for v in now + before):
            # Zero bars on an axis from -0.04 to 0.04 read as a broken chart.
            ax.set_axis_off()
            ax.text(0.5, 0.5, NO_REFERRALS, ha="center", va="center", transform=ax.transAxes)
            return
        y = list(range(len(lines)))
        ax.barh([v - 0.2 for v in y], now, height=0.4, color=THIS, label=report.period.label)
        if report.earlier is not None:
            ax.barh(
                [v + 0.2 for v in y], before, height=0.4, color=BEFORE, label=report.earlier.label
            )
        ax.set_yticks(y, [ln.label for ln in lines])
        ax.invert_yaxis()
        _counts(ax, "x")
        ax.grid(axis="x", color="#e3e3e3", linewidth=0.6)
        ax.legend(frameon=False, loc="lower right")

    return _drawing("Referrals by kind of referrer", draw, left=0.25)


def drawings(report: Report, *, exact: bool) -> list[Drawing]:
    """Every chart of the report, in the order the PDF shows them."""
    _use_bundled_font()
    return [
        _sessions(report, exact),
        _lines("Families served by month", [_find(report, "Families served")], exact),
        _lines(
            "Attendance rate by month",
            [
                _find(report, n)
                for n in ("Attendance, resident parent", "Attendance, visiting parent")
            ],
            exact,
            percent=True,
        ),
        _referrals(report, exact),
        _lines(
            "Volunteers' hours on duty by month",
            [_find(report, "Volunteers' hours on duty")],
            exact,
        ),
    ]


def charts(report: Report, *, exact: bool) -> list[bytes]:
    """Every chart as a PNG image."""
    return [_png(fig) for fig in drawings(report, exact=exact)]
