"""Add to the accident book. It is append-only: a correction is a new entry."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import Input, Label, Static

from kiosk.clock import Clock
from kiosk.services.door import logbooks
from kiosk.services.door.access import DoorError
from kiosk.services.door.logbooks import AccidentReport
from kiosk.services.staff.auth import StaffMember
from screens.door.dialog import DoorDialog
from screens.widgets.form_errors import FIELD_ERROR, mark_field

# The HSE accident book's fields, in the order the book asks for them: (id, label, hint).
FIELDS = (
    ("person", "Person hurt", "their name, as they gave it"),
    ("when", "When", "HH:MM today, or a date and HH:MM; blank: now"),
    ("place", "Where", "e.g. the garden step"),
    ("description", "What happened", "what they were doing, how it happened"),
    ("injury", "Injury", "e.g. graze to the left knee"),
    ("action", "First aid given", "and who was told"),
    ("corrects", "Corrects entry", "only for a correction: the entry's number"),
)


class AccidentDialog(DoorDialog):
    CSS_PATH = ["dialog.tcss", "accident.tcss"]
    TITLE_TEXT = "Accident book: new entry"
    OK_LABEL = "Add the entry"
    BACK_LABEL = "Record nothing"

    def __init__(self, staff: StaffMember, clock: Clock) -> None:
        super().__init__(staff, clock)

    def compose_body(self) -> ComposeResult:
        for field_id, label, hint in FIELDS:
            yield Horizontal(Label(label), Input(placeholder=hint, id=field_id), classes="row")
        recent = logbooks.recent_accidents(limit=3)
        numbers = ", ".join(str(a.id) for a in recent) or "none yet"
        yield Static(
            f"Entries never change: to correct one, write it again with its number "
            f"(latest: {numbers}); blank When keeps its time.",
            classes="hint",
            markup=False,
        )

    def on_mount(self) -> None:
        self.query_one("#person", Input).focus()

    def _value(self, field_id: str) -> str:
        return self.query_one(f"#{field_id}", Input).value

    def _refused(self, field_id: str, error: DoorError) -> DoorError:
        """Outline the field a refusal names; the refusal is shown as every dialog's is."""
        mark_field(self, self.query_one(f"#{field_id}", Input))
        return error

    def act(self) -> str:
        for field in self.query(f".{FIELD_ERROR}"):
            field.remove_class(FIELD_ERROR)
        raw = self._value("corrects").strip()
        if raw and not (raw.isascii() and raw.isdigit()):
            raise self._refused(
                "corrects", DoorError("Corrects entry: the entry number is a whole number.")
            )
        try:
            happened_at = logbooks.happened_when(self._value("when"), self.clock.now())
        except DoorError as exc:
            raise self._refused("when", exc) from None
        report = AccidentReport(
            person_hurt=self._value("person"),
            what_happened=self._value("description"),
            place=self._value("place"),
            injury=self._value("injury"),
            first_aid=self._value("action"),
            happened_at=happened_at,
            corrects=int(raw) if raw else None,
        )
        number = logbooks.accident(self.staff, report, self.clock)
        return f"Accident book entry {number} recorded."
