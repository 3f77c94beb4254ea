"""The incidents the door recorded, by status: new first, then under review, then closed."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import DataTable, Select, Static

from kiosk.services.safeguarding import incidents
from kiosk.services.safeguarding.incidents import IncidentSummary, Status
from screens.coordinator.incident import IncidentScreen
from screens.coordinator.release_form import ToolScreen
from screens.widgets.refusals import refusals_shown

COLUMNS = ("No.", "Status", "Recorded", "About", "Recorded by")


class IncidentListScreen(ToolScreen):
    CSS_PATH = "incidents.tcss"
    AUTO_FOCUS = "#list"

    def compose(self) -> ComposeResult:
        with Vertical(id="incidents"):
            yield Static("Incidents (safeguarding concerns)", id="title")
            yield Select(
                [(s.label.capitalize(), s.value) for s in Status],
                id="status-filter",
                prompt="Every status",
            )
            yield Static(
                "Enter opens an incident: its text, follow-up and what was done. "
                "Opening one is written in the audit log.",
                id="hint",
            )
            yield DataTable(id="list", cursor_type="row", zebra_stripes=True)
            yield Static("", id="status", markup=False)

    def on_mount(self) -> None:
        self.query_one("#list", DataTable).add_columns(*COLUMNS)

    def on_screen_resume(self) -> None:
        # At first, and back from an incident: opening or closing one moves it.
        self.fill()

    @on(Select.Changed, "#status-filter")
    @refusals_shown
    def fill(self) -> None:
        chosen = self.query_one("#status-filter", Select).value
        status = Status(chosen) if isinstance(chosen, str) else None
        table = self.query_one("#list", DataTable)
        table.clear()
        shown = incidents.list_incidents(self.actor, status)
        for item in shown:
            table.add_row(*_cells(item), key=str(item.id))
        what = f"{status.label} " if status else ""
        self.report(f"{len(shown)} {what}incident{'s' if len(shown) != 1 else ''}.")

    @on(DataTable.RowSelected, "#list")
    @refusals_shown
    def _open(self, event: DataTable.RowSelected) -> None:
        # Opening is audited, and ends the incident's being new: the database may refuse it.
        if event.row_key.value is not None:
            detail = incidents.open_incident(self.actor, int(event.row_key.value), self.clock.now())
            self.app.push_screen(IncidentScreen(self.actor, self.clock, detail))


def _cells(item: IncidentSummary) -> tuple[Text, ...]:
    # Text cells: a staff member's name or a case reference is never read as markup.
    return tuple(
        Text(cell)
        for cell in (
            str(item.id),
            item.status.label,
            f"{item.at:%d/%m/%Y %H:%M}",
            item.about,
            item.recorded_by,
        )
    )
