"""Record a no-show for the resident or the visiting parent of the chosen booking."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.content import Content
from textual.widgets import RadioSet

from kiosk.clock import Clock
from kiosk.services.door import actions as door_actions
from kiosk.services.door.board import BoardRow
from kiosk.services.staff.auth import StaffMember
from screens.door.dialog import RowDialog
from screens.widgets.marked_toggle import MarkedRadioButton


class NoShowDialog(RowDialog):
    TITLE_TEXT = "Record a no-show: who did not come?"
    OK_LABEL = "Record the no-show"
    BACK_LABEL = "Record nothing"

    def __init__(self, staff: StaffMember, clock: Clock, row: BoardRow, allowed: list[str]) -> None:
        super().__init__(staff, clock, row)
        # Only the parents a no-show may be recorded for now (the service said which).
        self.parties = [p for p in row.parties if p.role in allowed]

    def compose_body(self) -> ComposeResult:
        yield RadioSet(
            *[
                MarkedRadioButton(Content(f"{p.first_name} ({p.role})"), value=i == 0)
                for i, p in enumerate(self.parties)
            ],
            id="party",
            compact=True,
        )

    def act(self) -> str:
        party = self.parties[self.chosen("#party")].role if self.parties else ""
        door_actions.no_show(self.staff, self.row.booking_id, party, self.clock, slot=self.slot())
        return f"No-show recorded ({party} parent)."
