"""End a session early: curtailed or terminated, always with the reason."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.widgets import Input, RadioSet

from kiosk.services.door import actions as door_actions
from kiosk.services.door.actions import EndedEarly
from screens.door.dialog import RowDialog
from screens.widgets.marked_toggle import MarkedRadioButton


class EndEarlyDialog(RowDialog):
    TITLE_TEXT = "End this session early?"
    OK_LABEL = "End the session"
    BACK_LABEL = "Keep it running"

    def compose_body(self) -> ComposeResult:
        yield RadioSet(
            MarkedRadioButton("curtailed (cut short)", value=True),
            MarkedRadioButton("terminated (stopped by the centre)"),
            id="how",
            compact=True,
        )
        yield Input(placeholder="Reason (required)", id="reason")

    def on_mount(self) -> None:
        self.query_one("#reason", Input).focus()

    def act(self) -> str:
        how = list(EndedEarly)[self.chosen("#how")]
        reason = self.query_one("#reason", Input).value
        door_actions.end_early(
            self.staff, self.row.booking_id, how, reason, self.clock, slot=self.slot()
        )
        return f"Session {how.value}."

    def on_input_submitted(self) -> None:
        self.action_ok()
