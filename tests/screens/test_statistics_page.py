"""The statistics screen at 80x24: one scroll, a Back button and a footer, the chooser's errors,
and exporting the figures shown (through the real KioskApp and a real database)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from textual.pilot import Pilot
from textual.widgets import Button, DataTable, Footer, Input, RadioButton, Select

from kiosk.app import KioskApp
from kiosk.clock import FixedClock
from kiosk.services.staff.auth import StaffMember
from models import AuditEntry, DbConfig
from screens.coordinator.statistics import FROM_TO, StatisticsScreen
from screens.coordinator.stats_export import StatsExportScreen
from screens.widgets.confirm import ConfirmScreen
from screens.widgets.trend_chart import count_ticks, month_labels, span
from tests.support.fault_helpers import lock_held
from tests.support.pilots import choose, settle, sign_in, text_of
from tests.support.stats_centre import identifying, small_centre

SMALL = (80, 24)
Compare = Callable[..., bool]


async def _open(pilot: Pilot[Any], staff: StaffMember) -> StatisticsScreen:
    await sign_in(pilot, staff)
    await choose(pilot, "statistics")
    await settle(pilot)
    await pilot.app.workers.wait_for_complete()
    await settle(pilot)
    screen = pilot.app.screen
    assert isinstance(screen, StatisticsScreen)
    return screen


async def _recount(pilot: Pilot[Any]) -> None:
    await settle(pilot)
    await pilot.app.workers.wait_for_complete()
    await settle(pilot)


async def test_the_table_scrolls_with_the_page(coordinator: StaffMember, clock: FixedClock) -> None:
    small_centre()
    async with KioskApp(clock).run_test(size=SMALL) as pilot:
        screen = await _open(pilot, coordinator)
        table = screen.query_one("#summary", DataTable)
        # Every row in the page, no scroll of the table's own and no Tab stop in it.
        assert table.size.height >= table.row_count + 1
        assert not table.can_focus and table.max_scroll_y == 0
        stops = []
        for _ in range(5):
            await pilot.press("tab")
            await settle(pilot)
            assert pilot.app.focused is not None
            stops.append(pilot.app.focused.id)
        # Until is for from / to only; the scroll area is one stop, then the buttons.
        assert stops == ["from", "show", "body", "export", "back"]
        await pilot.press("shift+tab", "shift+tab")
        body = screen.query_one("#body")
        assert pilot.app.focused is body and body.max_scroll_y > 0
        await pilot.press("end")
        await settle(pilot)
        assert body.scroll_y == body.max_scroll_y


async def test_back_and_the_footer(coordinator: StaffMember, clock: FixedClock) -> None:
    async with KioskApp(clock).run_test(size=SMALL) as pilot:
        screen = await _open(pilot, coordinator)
        assert len(screen.query(Footer)) == 1
        assert screen.query_one("#back", Button).region.bottom <= SMALL[1]
        await pilot.click("#back")
        await settle(pilot)
        assert not isinstance(pilot.app.screen, StatisticsScreen)


async def test_until_is_ignored_once_the_period_is_not_from_to(
    coordinator: StaffMember, clock: FixedClock
) -> None:
    small_centre()
    async with KioskApp(clock).run_test(size=SMALL) as pilot:
        screen = await _open(pilot, coordinator)
        screen.query_one("#kind", Select).value = FROM_TO
        await settle(pilot)
        assert not screen.query_one("#until", Input).disabled
        screen.query_one("#from", Input).value = "01/10/2026"
        screen.query_one("#until", Input).value = "2026-10-24"
        screen.query_one("#kind", Select).value = "month"
        await _recount(pilot)
        status = screen.query_one("#status")
        assert not status.has_class("error"), text_of(screen, "#status")
        assert text_of(screen, "#status").startswith("October 2026")
        assert screen.query_one("#until", Input).disabled


async def test_an_error_names_the_field_and_keeps_saying_what_is_shown(
    coordinator: StaffMember, clock: FixedClock
) -> None:
    small_centre()
    async with KioskApp(clock).run_test(size=SMALL) as pilot:
        screen = await _open(pilot, coordinator)
        screen.query_one("#kind", Select).value = FROM_TO
        await _recount(pilot)  # no first day yet: the field is named as on screen
        assert text_of(screen, "#status").startswith("From: a first day is needed")
        assert "Still showing October 2026." in text_of(screen, "#status")
        assert screen.query_one("#from", Input).has_class("error")
        screen.query_one("#from", Input).value = "2026-10-20"
        screen.query_one("#until", Input).value = "01/10/2026"
        screen.query_one("#until", Input).focus()
        await pilot.press("enter")
        await settle(pilot)
        said = text_of(screen, "#status")
        assert said.startswith("Until: the period ends (01/10/2026)"), said
        assert said.endswith("Still showing October 2026.")
        assert screen.query_one("#until", Input).has_class("error")
        assert not screen.query_one("#from", Input).has_class("error")


def test_chart_axes_read_plainly() -> None:
    months = ("2025-11", "2025-12", "2026-01", "2026-02")
    assert month_labels(months) == ["Nov", "Dec", "Jan", "Feb"]
    assert span(months) == "Nov 2025 to Feb 2026"
    for highest in (0, 1, 2, 4, 9, 37, 1234):
        ticks = count_ticks(highest)
        assert ticks[0] == 0 and all(isinstance(t, int) for t in ticks)
        assert ticks[-1] > highest  # room above the highest bar for the legend


async def _export_dialog(pilot: Pilot[Any], staff: StaffMember) -> StatsExportScreen:
    await _open(pilot, staff)
    await pilot.click("#export")
    await settle(pilot)
    dialog = pilot.app.screen
    assert isinstance(dialog, StatsExportScreen)
    return dialog


async def test_export_the_figures_shown(
    coordinator: StaffMember, clock: FixedClock, tmp_path: Path
) -> None:
    small_centre()
    async with KioskApp(clock).run_test(size=SMALL) as pilot:
        dialog = await _export_dialog(pilot, coordinator)
        assert "October 2026" in text_of(dialog, "#explain")
        output = dialog.query_one("#output", Input)
        assert output.value.endswith("figures-2026-10-01-to-2026-10-31.pdf")
        dialog.query_one("#fmt-csv", RadioButton).value = True
        await settle(pilot)
        assert output.value.endswith(".csv")  # the ending follows the format
        out = tmp_path / "october.csv"
        output.value = str(out)
        await pilot.click("#export")
        await settle(pilot)
        assert "small numbers withheld" in text_of(dialog, "#status")
        text = out.read_bytes().decode("utf-8-sig")
        assert "<3" in text
        for secret in identifying():
            assert secret not in text
        audit = AuditEntry.get(AuditEntry.action == "stats_export")
        assert "October 2026" in audit.detail and audit.actor_id == coordinator.id
        # The same name again: asked first, and kept on no.
        before = out.read_bytes()
        await pilot.click("#export")
        await settle(pilot)
        assert isinstance(pilot.app.screen, ConfirmScreen)
        await pilot.click("#no")
        await settle(pilot)
        assert out.read_bytes() == before
        assert text_of(dialog, "#status").startswith("Not exported:")
        # Exact figures, replacing the file once asked.
        dialog.query_one("#exact", RadioButton).value = True
        await pilot.click("#export")
        await settle(pilot)
        await pilot.click("#yes")
        await settle(pilot)
        assert out.read_bytes().decode("utf-8-sig").startswith("EXACT FIGURES")


async def test_an_export_refused_says_why_in_one_line(
    coordinator: StaffMember, clock: FixedClock, tmp_path: Path, db: DbConfig
) -> None:
    small_centre()
    async with KioskApp(clock).run_test(size=SMALL) as pilot:
        dialog = await _export_dialog(pilot, coordinator)
        output = dialog.query_one("#output", Input)
        output.value = str(tmp_path / "figures.csv")  # PDF chosen: the ending contradicts it
        await pilot.click("#export")
        await settle(pilot)
        said = text_of(dialog, "#status")
        assert "figures.csv ends in .csv, not .pdf" in said and "\n" not in said
        output.value = str(tmp_path / "figures.pdf")
        with lock_held(db):
            await pilot.click("#export")
            await settle(pilot)
        said = text_of(dialog, "#status")
        assert said and "\n" not in said and isinstance(pilot.app.screen, StatsExportScreen)
        assert not (tmp_path / "figures.pdf").exists()
        assert AuditEntry.select().where(AuditEntry.action == "stats_export").count() == 0


def test_export_dialog_snapshot(
    coordinator: StaffMember, clock: FixedClock, snap_compare: Compare
) -> None:
    small_centre()

    async def run_before(pilot: Pilot[Any]) -> None:
        dialog = await _export_dialog(pilot, coordinator)
        # The export folder is a temporary one: the name alone, for a steady picture.
        dialog.query_one("#output", Input).value = "figures-2026-10-01-to-2026-10-31.pdf"
        await settle(pilot)

    assert snap_compare(KioskApp(clock), terminal_size=SMALL, run_before=run_before)
