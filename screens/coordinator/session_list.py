"""A case's sessions in its case file: past and future, each with its outcome.

Enter on a session opens it (screens/coordinator/session.py) to move or cancel
it; the list is read again when that screen closes.
"""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import DataTable, Static

from kiosk.clock import Clock
from kiosk.services.diary import sessions
from kiosk.services.staff.auth import StaffMember
from kiosk.services.store.errors import KioskError
from screens.coordinator.session import SessionScreen
from screens.widgets.refusals import show_refusal


class SessionList(Vertical):
    DEFAULT_CSS = """
    SessionList {
        height: auto;
        border: round $primary;
        padding: 0 1;
        margin-bottom: 1;
    }

    SessionList DataTable {
        height: auto;
        max-height: 12;
    }
    """

    def __init__(self, actor: StaffMember, clock: Clock, case_ref: str) -> None:
        super().__init__(id="sessions-section")
        self.actor, self.clock, self.case_ref = actor, clock, case_ref
        self.border_title = "Sessions (Enter opens one to move or cancel it)"

    def compose(self) -> ComposeResult:
        yield DataTable(id="sessions", cursor_type="row", zebra_stripes=True)
        yield Static("", id="no-sessions", markup=False)

    def on_mount(self) -> None:
        self.query_one("#sessions", DataTable).add_columns(
            "No.", "Date", "Times", "Room", "Service", "State"
        )
        self.fill()

    def fill(self) -> None:
        table = self.query_one("#sessions", DataTable)
        table.clear()
        found = sessions.case_sessions(self.case_ref)
        today = self.clock.now().date()
        for s in found:
            cells = (str(s.id), f"{s.starts_at:%a %d/%m/%Y}", s.times, s.room, s.service, s.outcome)
            style = "dim" if s.starts_at.date() < today else ""
            table.add_row(*(Text(c, style=style) for c in cells), key=str(s.id))
        # The first session from today on is the one a co-ordinator looks for.
        upcoming = next((i for i, s in enumerate(found) if s.starts_at.date() >= today), None)
        if upcoming is not None:
            table.move_cursor(row=upcoming)
        self.query_one("#no-sessions", Static).update("" if found else "No sessions booked yet.")

    @on(DataTable.RowSelected, "#sessions")
    def _open(self, event: DataTable.RowSelected) -> None:
        event.stop()
        if event.row_key.value is None:
            return
        try:
            screen = SessionScreen(self.actor, self.clock, int(event.row_key.value))
        except KioskError as exc:  # a database fault reading it: one line, nothing opens
            show_refusal(self.screen, exc)
            return
        self.app.push_screen(screen, lambda _: self.fill())
