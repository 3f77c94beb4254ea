"""Add to the accident book. It is append-only: a correction is a new entry."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.widgets import Input, Static

from kiosk.clock import Clock
from kiosk.services.door import logbooks
from kiosk.services.door.access import DoorError
from kiosk.services.staff.auth import StaffMember
from screens.door.dialog import DoorDialog


class AccidentDialog(DoorDialog):
    TITLE_TEXT = "Accident book: new entry"

    def __init__(self, staff: StaffMember, clock: Clock) -> None:
        super().__init__(staff, clock)

    def compose_body(self) -> ComposeResult:
        yield Input(placeholder="What happened, to whom, where", id="description")
        yield Input(placeholder="Action taken (first aid, who was told)", id="action")
        recent = logbooks.recent_accidents(limit=3)
        numbers = ", ".join(str(a.id) for a in recent) or "none yet"
        yield Static(
            f"Correcting an entry? Give its number (latest: {numbers}); entries never change.",
            classes="hint",
            markup=False,
        )
        yield Input(placeholder="Corrects entry number (optional)", id="corrects")

    def on_mount(self) -> None:
        self.query_one("#description", Input).focus()

    def act(self) -> str:
        raw = self.query_one("#corrects", Input).value.strip()
        if raw and not raw.isdigit():
            raise DoorError("The entry number is a whole number.")
        number = logbooks.accident(
            self.staff,
            self.query_one("#description", Input).value,
            self.query_one("#action", Input).value,
            self.clock,
            corrects=int(raw) if raw else None,
        )
        return f"Accident book entry {number} recorded."
