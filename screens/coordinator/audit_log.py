"""The audit-log viewer: filter by date range, actor and action.

The record column says which case a record belongs to (by reference); the
highlighted entry is shown whole, wrapped, below the table, as a long detail
would be cut in its column.
"""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, DataTable, Input, Select, Static

from kiosk.services.release import audit_query
from kiosk.services.store.forms import DATE_HINT, counted, optional_date
from screens.coordinator.release_form import ToolScreen

COLUMNS = ("When", "Who", "Action", "Record", "Detail")


class AuditLogScreen(ToolScreen):
    AUTO_FOCUS = "#since"
    CSS_PATH = "audit_log.tcss"

    def compose(self) -> ComposeResult:
        with Vertical(id="audit"):
            yield Static("Audit log", id="title")
            with Horizontal(id="filters"):
                yield Input(id="since", placeholder="From date")
                yield Input(id="until", placeholder="Until date")
                yield Input(id="actor", placeholder="Who")
                yield Select(
                    [(action, action) for action in audit_query.actions()],
                    id="action",
                    prompt="Any action",
                )
                yield Button("Filter", id="apply", variant="primary")
            yield Static(
                f"Dates as {DATE_HINT}. Who: part of a staff member's name, or cli for "
                "commands run at the terminal.",
                id="hint",
            )
            yield Static("", id="status", markup=False)
            yield DataTable(id="log", cursor_type="row", zebra_stripes=True)
            yield Static("", id="entry", markup=False)

    def on_mount(self) -> None:
        self.lines: dict[str, audit_query.AuditLine] = {}
        self.query_one("#log", DataTable).add_columns(*COLUMNS)
        self.refresh_log()

    def _filter(self) -> audit_query.AuditFilter:
        action = self.query_one("#action", Select).value
        return audit_query.AuditFilter(
            since=optional_date(self.query_one("#since", Input).value, "From"),
            until=optional_date(self.query_one("#until", Input).value, "Until"),
            actor=self.query_one("#actor", Input).value,
            action=action if isinstance(action, str) else "",
        )

    @on(Button.Pressed, "#apply")
    @on(Input.Submitted)
    def refresh_log(self) -> None:
        table = self.query_one("#log", DataTable)
        try:
            lines = audit_query.search(self._filter())
        except ValueError as exc:
            self.report(str(exc), error=True)
            return
        table.clear()
        self.lines = {str(line.id): line for line in lines}
        for line in lines:
            # Text cells: a staff member's name is never parsed as markup.
            cells = (
                line.at.strftime("%Y-%m-%d %H:%M:%S"),
                line.actor,
                line.action,
                line.record,
                line.detail,
            )
            table.add_row(*(Text(cell) for cell in cells), key=str(line.id))
        more = (
            " (the newest; narrow the filter to see older)"
            if len(lines) >= audit_query.DEFAULT_LIMIT
            else ""
        )
        self.report(f"{counted(len(lines), 'entry', 'entries')}{more}.")

    @on(DataTable.RowHighlighted, "#log")
    def _show_entry(self, event: DataTable.RowHighlighted) -> None:
        line = self.lines.get(str(event.row_key.value))
        if line is not None:
            of_case = f", of case {line.case_ref}" if line.case_ref else ""
            shown = (
                f"{line.at:%Y-%m-%d %H:%M:%S}  {line.actor}  {line.action}  {line.target}{of_case}"
            )
            self.query_one("#entry", Static).update(f"{shown}\n{line.detail}")
