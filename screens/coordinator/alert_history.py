"""The alert history: every alert raised in a period, and how each left the door board.

For the co-ordinator, beside the audit log: why an alert is no longer on the
board (acknowledged, by whom, or closed by itself, and why). A period of whole
days, today unless another is given; the highlighted alert is shown whole
below the table, as on the door console, so a long message is never cut off.
"""

from __future__ import annotations

from datetime import date

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, DataTable, Footer, Input, Static

from kiosk.services.door import alert_history
from kiosk.services.door.alert_history import HistoryLine
from kiosk.services.store.forms import optional_date
from screens.coordinator.release_form import ToolScreen
from screens.widgets.refusals import refusals_shown

COLUMNS = ("Raised", "Alert", "Ended", "Message")


class AlertHistoryScreen(ToolScreen):
    AUTO_FOCUS = "#history"
    CSS_PATH = "alert_history.tcss"

    lines: list[HistoryLine]

    def compose(self) -> ComposeResult:
        with Vertical(id="alert-history"):
            yield Static("Alert history", id="title")
            with Horizontal(id="filters"):
                yield Input(id="since", placeholder="From (today)")
                yield Input(id="until", placeholder="Until (today)")
                yield Button("Show", id="apply", variant="primary")
            yield Static("", id="status", markup=False)
            yield DataTable(id="history", cursor_type="row", zebra_stripes=True)
            yield Static("", id="chosen", markup=False)
            yield Button("Back", id="back", compact=True)
        yield Footer()

    def on_mount(self) -> None:
        self.lines = []
        self.query_one("#history", DataTable).add_columns(*COLUMNS)
        self.show_history()

    def _period(self) -> tuple[date, date]:
        today = self.clock.now().date()
        since = optional_date(self.query_one("#since", Input).value, "From") or today
        until = optional_date(self.query_one("#until", Input).value, "Until") or today
        if until < since:
            raise ValueError("Until: the period ends before it starts")
        return since, until

    @on(Button.Pressed, "#apply")
    @on(Input.Submitted)
    @refusals_shown
    def show_history(self) -> None:
        try:
            since, until = self._period()
        except ValueError as exc:
            self.report(str(exc), error=True)
            return
        self.lines = alert_history.alert_history(self.actor, since, until)
        table = self.query_one("#history", DataTable)
        table.clear()
        for line in self.lines:
            # Text cells: never markup (a message quotes a case reference as typed).
            cells = (f"{line.raised_at:%d/%m %H:%M}", line.kind, line.ended, line.message)
            table.add_row(*(Text(cell) for cell in cells), key=str(line.id))
        period = f"{since:%d/%m/%Y}" + ("" if until == since else f" to {until:%d/%m/%Y}")
        more = (
            " (the newest; narrow the period)"
            if len(self.lines) >= alert_history.DEFAULT_LIMIT
            else ""
        )
        self.report(f"{len(self.lines)} alerts raised {period}{more}.")
        self._show_chosen()

    @on(Button.Pressed, "#back")
    def _back(self) -> None:
        self.dismiss()

    @on(DataTable.RowHighlighted, "#history")
    def _show_chosen(self) -> None:
        text = ""
        if self.lines:
            row = self.query_one("#history", DataTable).cursor_row
            line = self.lines[min(max(row, 0), len(self.lines) - 1)]
            text = f"{line.raised_at:%d/%m %H:%M} {line.kind}: {line.message}\n{line.why}"
        self.query_one("#chosen", Static).update(text)
