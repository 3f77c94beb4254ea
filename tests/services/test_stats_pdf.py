"""The PDF's pages and charts: no page left blank, whole numbers for counts, room above a line."""

from __future__ import annotations

import math
from datetime import date
from pathlib import Path

import numpy as np
from matplotlib.axes import Axes
from matplotlib.patches import Rectangle
from pypdf import PdfReader

from kiosk.services.stats import charts, files, period, report
from kiosk.services.stats.pdf_report import EXACT_FOOTER
from models import DbConfig, Referral
from tests.support.stats_centre import NOW, small_centre

OCTOBER = period.calendar(period.MONTH, date(2026, 10, 1))


def _axes(r: report.Report) -> dict[str, Axes]:
    return {d.axes[0].get_title(loc="left"): d.axes[0] for d in charts.drawings(r, exact=True)}


def test_no_page_holds_only_the_banner(db: DbConfig, tmp_path: Path) -> None:
    # The exact figures' note at the foot of the summary spilled onto a page of its
    # own, and the charts began on the page after: four pages, one of them blank.
    small_centre()
    for exact in (False, True):
        out = tmp_path / f"figures-{exact}.pdf"
        files.export(files.StatsRequest(OCTOBER, "pdf", exact=exact), out, NOW, None)
        pages = [page.extract_text() for page in PdfReader(out).pages]
        assert len(pages) == 3, (exact, pages)
        assert "Month by month" in pages[1]
        if exact:
            assert all(EXACT_FOOTER in text for text in pages)


def test_counts_have_whole_number_ticks_and_room_above(db: DbConfig) -> None:
    small_centre()
    axes = _axes(report.build(OCTOBER, NOW))
    for title in ("Sessions by month", "Families served by month"):
        ax = axes[title]
        ticks = [t for t in ax.get_yticks() if ax.get_ylim()[0] <= t <= ax.get_ylim()[1]]
        assert ticks and all(float(t).is_integer() for t in ticks), (title, ticks)
        tops = [float(y) for line in ax.get_lines() for y in np.asarray(line.get_ydata(), float)]
        tops += [bar.get_y() + bar.get_height() for bar in ax.patches if isinstance(bar, Rectangle)]
        highest = max(v for v in tops if not math.isnan(v))
        assert ax.get_ylim()[1] > highest * 1.05, title
    referrals = axes["Referrals by kind of referrer"]
    assert all(float(t).is_integer() for t in referrals.get_xticks())
    longest = max(bar.get_width() for bar in referrals.patches if isinstance(bar, Rectangle))
    assert referrals.get_xlim()[1] > longest * 1.05


def test_no_referrals_says_so_instead_of_an_empty_chart(db: DbConfig) -> None:
    small_centre()
    Referral.delete().execute()
    ax = _axes(report.build(OCTOBER, NOW))["Referrals by kind of referrer"]
    said = [t.get_text() for t in ax.texts]
    assert "No referrals in this period" in said
    assert not ax.patches
