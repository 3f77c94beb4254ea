"""Figures for trustees and funders: a period chooser, the summary and charts by month.

Exact figures: this screen is for the co-ordinator, inside the system. Files for
trustees are made with `kiosk stats`, which withholds small numbers.

The first figures are counted as the screen mounts, before its first layout:
the page is laid out and painted once, with the table and the charts, not once
empty and again with them. A later choice is counted in a worker, on this (the
main) thread and its one connection: a thread worker would open a connection
of its own and pay the key derivation again (docs/DESIGN.md). The screen takes
its breakpoint class (wide or narrow) from the terminal as it is made, so each
chart is drawn once, at its size.
"""

from __future__ import annotations

from contextlib import ExitStack
from pathlib import Path

from rich.text import Text
from textual import on, work
from textual._styles_cache import StylesCache
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Button, DataTable, Footer, Input, Select, Static

from kiosk.clock import Clock
from kiosk.services.staff.auth import StaffMember
from kiosk.services.stats import period as periods
from kiosk.services.stats.figures import NONE, NOTES, shown
from kiosk.services.stats.report import Report, build
from kiosk.services.stats.window import collector_paused
from kiosk.services.store.errors import KioskError
from kiosk.services.store.forms import optional_date
from screens.coordinator.release_form import ToolScreen
from screens.widgets.trend_chart import TrendChart

CHOICES = [("Month", periods.MONTH), ("Quarter", periods.QUARTER), ("Year", periods.YEAR)]
FROM_TO = "from-to"
COLUMNS = ("Figure", "This period", "A year earlier")
PARTIES = ("Attendance, resident parent", "Attendance, visiting parent")
WIDE = 150  # columns from which the charts sit beside the table


class StatisticsScreen(ToolScreen):
    CSS_PATH = "statistics.tcss"
    AUTO_FOCUS = "#kind"
    # Wide terminals put the charts beside the table; narrow ones stack and scroll.
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (WIDE, "-wide")]

    def __init__(self, actor: StaffMember, clock: Clock, out_dir: Path) -> None:
        super().__init__(actor, clock)
        self.out_dir = out_dir
        self.showing: Report | None = None
        # The collector, paused from compose until the page is first painted.
        self._first_paint = ExitStack()

    def compose(self) -> ComposeResult:
        # Making the page, counting and the first paint allocate some 40,000 objects, most
        # of them alive with the page: collected as they came (some sixty passes of the
        # youngest generation), they set off a full pass over the whole heap about every
        # other time the screen was opened (30-130 ms, growing with the heap).
        self._first_paint.enter_context(collector_paused())
        # Textual gives the class on the first resize, after the first layout: laid out
        # without it, the page would be laid out and its charts drawn again.
        wide = self.app.size.width >= WIDE
        self.set_class(wide, "-wide").set_class(not wide, "-narrow")
        with Vertical(id="statistics"):
            yield Static("Figures for trustees and funders", id="title")
            with Horizontal(id="chooser"):
                yield Select(
                    [*CHOICES, ("From / to", FROM_TO)],
                    value=periods.MONTH,
                    allow_blank=False,
                    id="kind",
                )
                yield Input(id="from", placeholder="From")
                yield Input(id="until", placeholder="Until", disabled=True)
                yield Button("Show", id="show", variant="primary")
            yield Static("", id="status", markup=False)
            # One scroll for the page: the table shows all its rows in it (no scroll of
            # its own), and the scroll area is the one Tab stop for reading the figures.
            with VerticalScroll(id="body"):
                with Vertical(id="figures"):
                    yield DataTable(id="summary", cursor_type="none", zebra_stripes=True)
                    yield Static("", id="notes", markup=False)
                with Vertical(id="charts") as charts:
                    charts.display = False
                    yield TrendChart("Sessions held by month", id="sessions-chart")
                    yield TrendChart("Families served by month", id="families-chart")
                    yield TrendChart("Attendance by month (%)", percent=True, id="attendance-chart")
            with Horizontal(id="buttons"):
                yield Button("Export...", id="export", compact=True)
                yield Button("Back", id="back", compact=True)
        yield Footer()

    shown_kind: object = None

    def on_mount(self) -> None:
        table = self.query_one("#summary", DataTable)
        table.add_columns(*COLUMNS)
        table.can_focus = False
        # Counted here, not in a worker: the first layout already has the figures.
        self.shown_kind = self.query_one("#kind", Select).value
        self._count_now(self.chosen())
        self.call_after_refresh(self._first_paint.close)

    def on_unmount(self) -> None:
        self._first_paint.close()  # closed before its first paint
        # Textual's StylesCache.get_inner_outer is an lru_cache(1024) keyed by the cache
        # itself: each closed screen's lines (about 30,000 objects here) stayed alive
        # for a thousand widgets more, and every full pass of the collector walked them.
        StylesCache.get_inner_outer.cache_clear()

    def chosen(self) -> periods.Period:
        kind = self.query_one("#kind", Select).value
        first = optional_date(self.query_one("#from", Input).value, "From")
        if kind != FROM_TO:
            # Until belongs to from / to alone: whatever it still holds is not asked for.
            return periods.choose(str(kind), first, None, self.clock.now().date())
        last = optional_date(self.query_one("#until", Input).value, "Until")
        return periods.choose(None, first, last, self.clock.now().date())

    @on(Select.Changed, "#kind")
    def _kind_changed(self, event: Select.Changed) -> None:
        self.query_one("#until", Input).disabled = event.value != FROM_TO
        # The Select announces its first value as it mounts: the figures are already shown.
        if event.value != self.shown_kind:
            self.show_figures()

    @on(Button.Pressed, "#show")
    @on(Input.Submitted)
    def show_figures(self) -> None:
        self.shown_kind = self.query_one("#kind", Select).value
        for field in self.query("#chooser Input"):
            field.remove_class("error")
        try:
            chosen = self.chosen()
        except periods.PeriodError as exc:
            self._refused(exc.on_screen(), exc.field)
            return
        except ValueError as exc:  # a mistyped date, named by its field
            self._refused(str(exc), str(exc).partition(":")[0].lower())
            return
        self.report(f"Counting {chosen.label}...")
        self.count(chosen)

    def _refused(self, why: str, field: str) -> None:
        """One line that names the field (outlined), and still says what the table shows."""
        if field in ("from", "until"):
            self.query_one(f"#{field}", Input).add_class("error")
        still = f" Still showing {self.showing.period.label}." if self.showing else ""
        self.report(f"{why}{still}", error=True)

    @on(Button.Pressed, "#back")
    def _back(self) -> None:
        self.dismiss()

    @on(Button.Pressed, "#export")
    def _export(self) -> None:
        if self.showing is None:
            self.report("Nothing to export yet: the figures are still being counted.", error=True)
            return
        from screens.coordinator.stats_export import StatsExportScreen

        period = self.showing.period
        self.app.push_screen(StatsExportScreen(self.actor, self.clock, self.out_dir, period))

    @work(exclusive=True, group="figures")
    async def count(self, chosen: periods.Period) -> None:
        """The figures for the period; a newer choice cancels this one."""
        self._count_now(chosen)

    def _count_now(self, chosen: periods.Period) -> None:
        try:
            report = build(chosen, self.clock.now())
        except KioskError as exc:  # a database fault: one line, the screen stays
            self._refused(str(exc), "")
            return
        self.showing = report
        self._fill(report)
        earlier = f", beside {report.earlier.label}" if report.earlier else ""
        self.report(f"{report.period.label}{earlier}. Exact figures, for internal use.")

    def _fill(self, report: Report) -> None:
        table = self.query_one("#summary", DataTable)
        table.clear()
        table.add_rows(_rows(report))
        self.query_one("#notes", Static).update("\n".join((f"{report.begins}.", *NOTES)))
        by_name = {s.name: s for s in report.series}
        self.query_one("#sessions-chart", TrendChart).show([by_name["Sessions held"]])
        self.query_one("#families-chart", TrendChart).show([by_name["Families served"]])
        self.query_one("#attendance-chart", TrendChart).show([by_name[p] for p in PARTIES])
        self.query_one("#charts").display = True


def _rows(report: Report) -> list[tuple[Text, ...]]:
    """The summary's rows: each section's name in bold above its figures."""
    rows: list[tuple[Text, ...]] = []
    section = ""
    for line in report.lines:
        if line.section != section:
            section = line.section
            rows.append((Text(section, style="bold"), Text(""), Text("")))
        before = shown(line.before, exact=True) if line.before else NONE
        cells = (line.label, shown(line.now, exact=True), before)
        rows.append(tuple(Text(c, justify="right" if i else "left") for i, c in enumerate(cells)))
    return rows
