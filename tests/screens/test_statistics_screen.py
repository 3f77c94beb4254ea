"""The co-ordinator's statistics screen through the real KioskApp: menu, chooser, charts.

Snapshots at 80x24 (the smallest terminal) and 200x50 (charts beside the table),
with the clock frozen on the test day (21 November 2026): the default period is
October 2026, the hand-made centre's month (tests/support/stats_centre.py).

Update after a deliberate change with
`pytest tests/screens/test_statistics_screen.py --snapshot-update` and look at the
SVGs under tests/screens/__snapshots__ before committing them.
"""

from __future__ import annotations

import gc
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from textual._styles_cache import StylesCache
from textual.pilot import Pilot
from textual.widgets import DataTable, Input, Select

from kiosk.app import KioskApp
from kiosk.clock import FixedClock
from kiosk.services.staff.auth import StaffMember
from screens.coordinator.statistics import FROM_TO, StatisticsScreen
from screens.widgets.trend_chart import TrendChart
from tests.support.pilots import choose, screen_text, settle, sign_in, table_text, text_of
from tests.support.stats_centre import small_centre

Compare = Callable[..., bool]


async def _open(pilot: Pilot[Any], staff: StaffMember) -> StatisticsScreen:
    await sign_in(pilot, staff)
    await choose(pilot, "statistics")
    await settle(pilot)
    await pilot.app.workers.wait_for_complete()  # the figures are counted in a worker
    await settle(pilot)
    screen = pilot.app.screen
    assert isinstance(screen, StatisticsScreen)
    return screen


@pytest.mark.parametrize("size", [(80, 24), (200, 50)], ids=["80x24", "200x50"])
def test_statistics_snapshot(
    coordinator: StaffMember, clock: FixedClock, snap_compare: Compare, size: tuple[int, int]
) -> None:
    small_centre()

    async def run_before(pilot: Pilot[Any]) -> None:
        await _open(pilot, coordinator)

    assert snap_compare(KioskApp(clock), terminal_size=size, run_before=run_before)


async def test_the_last_month_with_exact_figures_and_charts(
    coordinator: StaffMember, clock: FixedClock
) -> None:
    small_centre()
    async with KioskApp(clock).run_test(size=(200, 50)) as pilot:
        screen = await _open(pilot, coordinator)
        assert text_of(screen, "#status").startswith("October 2026, beside October 2025.")
        cells = [c.strip() for c in table_text(pilot, "#summary").splitlines()]
        # Exact inside the system: the one curtailed session is shown as 1, not <3.
        held = cells.index("Sessions held")
        assert cells[held + 1 : held + 3] == ["4", "2"]
        curtailed = cells.index("of which curtailed")
        assert cells[curtailed + 1] == "1"
        assert "<3" not in cells
        chart = screen.query_one("#sessions-chart", TrendChart)
        assert [s.name for s in chart.series] == ["Sessions held"]
        assert chart.series[0].now[-1].value == 4
        # The charts are drawn on the screen, beside the table.
        assert chart.region.x > screen.query_one("#summary").region.right - 1
        assert "Sessions held by month" in screen_text(pilot.app)


async def test_each_chart_is_drawn_once_for_each_period_shown(
    coordinator: StaffMember, clock: FixedClock
) -> None:
    small_centre()
    async with KioskApp(clock).run_test(size=(200, 50)) as pilot:
        screen = await _open(pilot, coordinator)
        charts = list(screen.query(TrendChart))
        assert len(charts) == 3 and [c.drawn for c in charts] == [1, 1, 1]
        screen.query_one("#kind", Select).value = "quarter"
        await settle(pilot)
        await pilot.app.workers.wait_for_complete()
        await settle(pilot)
        assert text_of(screen, "#status").startswith("Q3 2026")
        assert [c.drawn for c in charts] == [2, 2, 2]


async def test_the_first_layout_has_the_figures_and_the_charts_at_their_size(
    coordinator: StaffMember, clock: FixedClock, tmp_path: Path
) -> None:
    """The figures are counted as the screen mounts: its first layout is its last (no
    empty page painted first, no chart drawn at a narrow size and then again)."""
    small_centre()
    async with KioskApp(clock).run_test(size=(200, 50)) as pilot:
        await sign_in(pilot, coordinator)
        await pilot.app.push_screen(StatisticsScreen(coordinator, clock, tmp_path))
        screen = pilot.app.screen
        assert isinstance(screen, StatisticsScreen)
        # Mounted, before its first layout: the figures, the charts shown, the wide class.
        assert screen.query_one("#summary", DataTable).row_count > 0
        assert screen.query_one("#charts").display
        assert screen.has_class("-wide") and not screen.has_class("-narrow")
        await settle(pilot)
        assert [c.drawn for c in screen.query(TrendChart)] == [1, 1, 1]


async def test_the_collector_runs_again_once_the_page_is_painted_or_closed(
    coordinator: StaffMember, clock: FixedClock, tmp_path: Path
) -> None:
    """Paused while the page is made and first painted, never left paused; closing the
    screen leaves none of its lines held in Textual's style cache."""
    small_centre()
    async with KioskApp(clock).run_test(size=(80, 24)) as pilot:
        await sign_in(pilot, coordinator)
        await pilot.app.push_screen(StatisticsScreen(coordinator, clock, tmp_path))
        assert not gc.isenabled()  # mounted, not yet painted
        await settle(pilot)
        assert gc.isenabled()
        widgets = len(list(pilot.app.screen.walk_children()))
        held = StylesCache.get_inner_outer.cache_info().currsize
        assert held >= widgets
        # Closed before its first paint: the collector is not left paused.
        await pilot.app.push_screen(StatisticsScreen(coordinator, clock, tmp_path))
        pilot.app.pop_screen()
        pilot.app.pop_screen()
        await settle(pilot)
        assert gc.isenabled()
        # What is held now is the menu's own repaint, not the closed screens' lines.
        assert StylesCache.get_inner_outer.cache_info().currsize < widgets


async def _from_to(pilot: Pilot[Any], screen: StatisticsScreen, first: str, last: str) -> None:
    """Choose a from/to period as typed, Enter in the last field, and wait for the figures."""
    screen.query_one("#kind", Select).value = FROM_TO
    screen.query_one("#from", Input).value = first
    screen.query_one("#until", Input).value = last
    screen.query_one("#until", Input).focus()
    await pilot.press("enter")
    await settle(pilot)


async def test_a_period_from_to_and_a_date_in_either_form(
    coordinator: StaffMember, clock: FixedClock
) -> None:
    small_centre()
    async with KioskApp(clock).run_test(size=(80, 24)) as pilot:
        screen = await _open(pilot, coordinator)
        await _from_to(pilot, screen, "10/10/2026", "2026-10-24")
        assert text_of(screen, "#status").startswith("10/10/2026 to 24/10/2026")
        cells = [c.strip() for c in table_text(pilot, "#summary").splitlines()]
        booked = cells.index("Sessions booked")
        assert cells[booked + 1] == "5"


async def test_a_mistyped_date_names_its_field(coordinator: StaffMember, clock: FixedClock) -> None:
    async with KioskApp(clock).run_test(size=(80, 24)) as pilot:
        screen = await _open(pilot, coordinator)
        screen.query_one("#from", Input).value = "31/02/2026"
        screen.query_one("#from", Input).focus()
        await pilot.press("enter")
        await settle(pilot)
        status = text_of(screen, "#status")
        assert status.startswith("From: ") and screen.query_one("#status").has_class("error")
        await pilot.press("escape")
        await settle(pilot)
        assert not isinstance(pilot.app.screen, StatisticsScreen)


async def test_a_period_over_ten_years_is_one_line_naming_until(
    coordinator: StaffMember, clock: FixedClock
) -> None:
    """Failed before the fix: 1900 to 2199 was counted, the screen frozen while it was."""
    async with KioskApp(clock).run_test(size=(80, 24)) as pilot:
        screen = await _open(pilot, coordinator)
        await _from_to(pilot, screen, "01/01/1900", "2199-12-31")
        assert text_of(screen, "#status").startswith("Until: a period of at most 10 years")


async def test_at_80x24_the_placeholders_fit_and_the_key_is_in_the_title(
    coordinator: StaffMember, clock: FixedClock
) -> None:
    """Failed before the fix: the placeholders were cut, the legend lay over the plot."""
    small_centre()
    async with KioskApp(clock).run_test(size=(80, 24)) as pilot:
        screen = await _open(pilot, coordinator)
        for field in ("#from", "#until"):
            entry = screen.query_one(field, Input)
            assert len(entry.placeholder) <= entry.content_region.width, entry.placeholder
        attendance = screen.query_one("#attendance-chart", TrendChart)
        assert attendance._titled().endswith("blue resident parent, orange visiting parent")
        sessions = screen.query_one("#sessions-chart", TrendChart)
        assert sessions._titled().endswith("blue this year, grey a year earlier")
