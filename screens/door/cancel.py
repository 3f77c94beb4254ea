"""Record a cancellation: by the centre or a parent, with notice or without."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.widgets import Checkbox, RadioButton, RadioSet

from kiosk.services.door import actions as door_actions
from kiosk.services.door.actions import CancelledBy
from screens.door.dialog import RowDialog

LABELS = {
    CancelledBy.CENTRE: "by the centre",
    CancelledBy.RESIDENT: "by the resident parent",
    CancelledBy.VISITING: "by the visiting parent",
}


class CancelDialog(RowDialog):
    TITLE_TEXT = "Cancel this session"
    OK_LABEL = "Cancel session"

    def compose_body(self) -> ComposeResult:
        yield RadioSet(
            *[RadioButton(label, value=i == 0) for i, label in enumerate(LABELS.values())],
            id="by",
        )
        yield Checkbox("with notice", value=True, id="notice")

    def act(self) -> str:
        by = list(LABELS)[self.chosen("#by")]
        notice = self.query_one("#notice", Checkbox).value
        door_actions.cancel(self.staff, self.row.booking_id, by, notice, self.clock)
        return f"Session cancelled {LABELS[by]}, {'with' if notice else 'without'} notice."
