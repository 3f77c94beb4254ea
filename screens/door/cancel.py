"""Record a cancellation: by the centre or a parent, with notice or without."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.widgets import RadioSet

from kiosk.services.door import actions as door_actions
from kiosk.services.door.actions import CancelledBy
from screens.door.dialog import RowDialog
from screens.widgets.marked_toggle import MarkedCheckbox, MarkedRadioButton

LABELS = {
    CancelledBy.CENTRE: "by the centre",
    CancelledBy.RESIDENT: "by the resident parent",
    CancelledBy.VISITING: "by the visiting parent",
}


class CancelDialog(RowDialog):
    TITLE_TEXT = "Cancel this session?"
    OK_LABEL = "Cancel the session"
    BACK_LABEL = "Keep it"

    def compose_body(self) -> ComposeResult:
        yield RadioSet(
            *[MarkedRadioButton(label, value=i == 0) for i, label in enumerate(LABELS.values())],
            id="by",
            compact=True,
        )
        yield MarkedCheckbox("with notice", value=True, id="notice", compact=True)

    def act(self) -> str:
        by = list(LABELS)[self.chosen("#by")]
        notice = self.query_one("#notice", MarkedCheckbox).value
        door_actions.cancel(
            self.staff, self.row.booking_id, by, notice, self.clock, slot=self.slot()
        )
        return f"Session cancelled {LABELS[by]}, {'with' if notice else 'without'} notice."
