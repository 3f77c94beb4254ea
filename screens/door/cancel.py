"""Record a cancellation: by the centre or a parent, with notice or without."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.widgets import Checkbox, RadioButton, RadioSet

from kiosk.clock import Clock
from kiosk.services.door import actions as door_actions
from kiosk.services.door.actions import CancelledBy
from kiosk.services.door.board import BoardRow
from kiosk.services.staff.auth import StaffMember
from screens.door.dialog import DoorDialog

LABELS = {
    CancelledBy.CENTRE: "by the centre",
    CancelledBy.RESIDENT: "by the resident parent",
    CancelledBy.VISITING: "by the visiting parent",
}


class CancelDialog(DoorDialog):
    TITLE_TEXT = "Cancel this session"
    OK_LABEL = "Cancel session"

    def __init__(self, staff: StaffMember, clock: Clock, row: BoardRow) -> None:
        super().__init__(staff, clock)
        self.row = row

    def compose_body(self) -> ComposeResult:
        yield RadioSet(
            *[RadioButton(label, value=i == 0) for i, label in enumerate(LABELS.values())],
            id="by",
        )
        yield Checkbox("with notice", value=True, id="notice")

    def act(self) -> str:
        by = list(LABELS)[max(self.query_one("#by", RadioSet).pressed_index, 0)]
        notice = self.query_one("#notice", Checkbox).value
        door_actions.cancel(self.staff, self.row.booking_id, by, notice, self.clock)
        return f"Session cancelled {LABELS[by]}, {'with' if notice else 'without'} notice."
