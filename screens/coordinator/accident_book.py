"""The accident book: newest first, each correction listed under the entry it corrects."""

from __future__ import annotations

from pathlib import Path

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, DataTable, Static

from kiosk.clock import Clock
from kiosk.services.release import accident_book
from kiosk.services.release.accident_book import AccidentLine
from kiosk.services.staff.auth import StaffMember
from screens.coordinator.accident_export import AccidentExportScreen
from screens.coordinator.release_form import ToolScreen
from screens.widgets.refusals import refusals_shown

COLUMNS = ("No.", "When", "Person hurt", "What happened")


def _cells(line: AccidentLine) -> tuple[Text, ...]:
    number = f"  ↳ {line.id}" if line.corrects is not None else str(line.id)
    # Text cells: what a volunteer wrote is never read as markup.
    return tuple(
        Text(cell)
        for cell in (number, f"{line.at:%d/%m/%Y %H:%M}", line.person_hurt, line.what_happened)
    )


def describe(line: AccidentLine) -> str:
    """Every field of one entry, for the panel under the list."""
    corrects = f", correcting entry {line.corrects}" if line.corrects is not None else ""
    return "\n".join(
        [
            f"Entry {line.id}{corrects}: {line.at:%d/%m/%Y %H:%M}",
            f"Person hurt: {line.person_hurt or '-'}    Where: {line.place or '-'}",
            f"What happened: {line.what_happened}",
            f"Injury: {line.injury or '-'}    First aid: {line.first_aid or '-'}",
            f"Recorded by {line.recorded_by}, {line.recorded_at:%d/%m/%Y %H:%M}",
        ]
    )


class AccidentBookScreen(ToolScreen):
    CSS_PATH = "accident_book.tcss"
    AUTO_FOCUS = "#entries"

    def __init__(self, actor: StaffMember, clock: Clock, out_dir: Path) -> None:
        super().__init__(actor, clock)
        self.out_dir = out_dir
        self.lines: dict[str, AccidentLine] = {}

    def compose(self) -> ComposeResult:
        with Vertical(id="book"):
            yield Static("Accident book", id="title")
            yield Static(
                "Newest first. Entries never change: a correction (↳) is listed under the "
                "entry it corrects.",
                id="hint",
            )
            yield DataTable(id="entries", cursor_type="row", zebra_stripes=True)
            yield Static("", id="entry", markup=False)
            yield Static("", id="status", markup=False)
            with Horizontal(id="buttons"):
                yield Button("Export...", id="export", variant="primary")
                yield Button("Back", id="back")

    def on_mount(self) -> None:
        self.query_one("#entries", DataTable).add_columns(*COLUMNS)
        self.fill()

    @refusals_shown
    def fill(self) -> None:
        table = self.query_one("#entries", DataTable)
        table.clear()
        book = accident_book.read_book(self.actor)
        self.lines = {str(line.id): line for group in book for line in group.lines}
        for key, line in self.lines.items():
            table.add_row(*_cells(line), key=key)
        fixes = len(self.lines) - len(book)
        self.report(
            f"{len(book)} accident{'s' if len(book) != 1 else ''}, "
            f"{fixes} correction{'s' if fixes != 1 else ''}."
        )
        if not book:
            self.query_one("#entry", Static).update("The book is empty.")

    @on(DataTable.RowHighlighted, "#entries")
    def _show(self, event: DataTable.RowHighlighted) -> None:
        line = self.lines.get(event.row_key.value or "")
        if line is not None:
            self.query_one("#entry", Static).update(describe(line))

    @on(Button.Pressed, "#export")
    def export(self) -> None:
        self.app.push_screen(AccidentExportScreen(self.actor, self.clock, self.out_dir))

    @on(Button.Pressed, "#back")
    def back(self) -> None:
        self.dismiss()
