"""Record an incident (a safeguarding concern), about a booking's family or the centre."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.content import Content
from textual.widgets import Checkbox, Static, TextArea

from kiosk.clock import Clock
from kiosk.services.door import logbooks
from kiosk.services.door.board import BoardRow
from kiosk.services.staff.auth import StaffMember
from screens.door.board_text import session_label
from screens.door.dialog import DoorDialog
from screens.widgets.marked_toggle import MarkedCheckbox


class IncidentDialog(DoorDialog):
    TITLE_TEXT = "Record an incident (safeguarding concern)"
    OK_LABEL = "Record the incident"
    BACK_LABEL = "Record nothing"

    def __init__(self, staff: StaffMember, clock: Clock, row: BoardRow | None) -> None:
        super().__init__(staff, clock)
        # A masked row cannot be chosen: the concern is then recorded centre-wide
        # unless another volunteer records it against the family.
        self.row = row if row is not None and not row.masked else None

    def compose_body(self) -> ComposeResult:
        if self.row is not None:
            label = Content(f"about {session_label(self.row)}")
            yield MarkedCheckbox(label, value=True, id="about-case", compact=True)
        yield Static("What happened, what was said, who was told:", classes="hint")
        yield TextArea(id="description")

    def on_mount(self) -> None:
        self.query_one("#description", TextArea).focus()

    def act(self) -> str:
        booking_id = None
        if self.row is not None and self.query_one("#about-case", Checkbox).value:
            booking_id = self.row.booking_id
        text = self.query_one("#description", TextArea).text
        number = logbooks.incident(self.staff, booking_id, text, self.clock)
        return f"Incident {number} recorded: tell the co-ordinator today."
