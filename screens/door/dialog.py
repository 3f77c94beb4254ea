"""The shape every door console dialog shares: a title, fields, a message, two buttons.

A dialog about a session names it under its title (time, room, case reference
and children, as the board shows them to this volunteer), and sits above or
below the highlighted row rather than over it. Its buttons say what they do:
the act ("Cancel the session") and the way out ("Keep it").

A dialog performs its act through a service when OK is pressed. A refusal
(DoorError, or a StoreFault saying in one line why the database refused the
act) is shown in the dialog, which stays open for another try; success
dismisses it with a line for the board to show.

Closing a dialog (Esc or Cancel) after something was typed into it asks first:
an incident's account, once lost, may not be written again. A card scanned
while a dialog is open is a scan, not text for its fields (DialogKeys, which
the kiosk gives each key before the dialog's fields).
"""

from __future__ import annotations

from typing import ClassVar

from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.types import CSSPathType
from textual.widgets import Button, Input, Label, RadioSet, Static, TextArea

from kiosk.clock import Clock
from kiosk.services.door.actions import Slot
from kiosk.services.door.board import BoardRow
from kiosk.services.staff.auth import StaffMember
from kiosk.services.store.errors import KioskError
from screens.door.board_text import session_label
from screens.door.scanner_keys import DialogKeys
from screens.widgets.confirm import ConfirmScreen

UNSAVED = "Close this? What you typed has not been saved."


class DoorDialog(ModalScreen[str | None]):
    # Typed as Textual types it, so a dialog may add its own sheet to this one.
    CSS_PATH: ClassVar[CSSPathType | None] = "dialog.tcss"
    BINDINGS = [
        Binding("escape", "cancel", "Cancel", id="dialog-cancel", tooltip="Close, doing nothing"),
    ]
    TITLE_TEXT = ""
    OK_LABEL = "Record"
    BACK_LABEL = "Close"

    def __init__(self, staff: StaffMember, clock: Clock) -> None:
        super().__init__()
        self.staff, self.clock = staff, clock
        self.keys = DialogKeys(self)
        self._opened_with: list[str] = []
        # The screen lines (first, last) of the board row the dialog is about: left uncovered.
        self.clear_of: tuple[int, int] | None = None

    def take_camera_code(self, code: str) -> None:
        """A card the kiosk's camera read: the same as a card read by the scanner here."""
        self.keys.scanned(code)

    def take_key_first(self, event: events.Key) -> bool:
        """The app hands each key here before the focused field: True when it was taken."""
        return self.keys.on_key(event)

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Label(self.TITLE_TEXT, id="dialog-title", markup=False)
            yield from self.compose_heading()
            yield from self.compose_body()
            yield Static("", id="dialog-message", markup=False)
            with Horizontal(id="dialog-buttons"):
                yield Button(self.OK_LABEL, variant="primary", id="ok")
                yield Button(self.BACK_LABEL, id="cancel")

    def compose_heading(self) -> ComposeResult:
        yield from ()

    def compose_body(self) -> ComposeResult:
        yield from ()

    def on_mount(self) -> None:
        # What the fields held when the dialog opened: anything else was typed here.
        self._opened_with = self._typed()
        self._keep_row_clear()

    def _keep_row_clear(self) -> None:
        """Sit on the side of the highlighted row with more room, no taller than that room."""
        if self.clear_of is None:
            return
        first, last = self.clear_of
        above, below = first, self.app.size.height - last - 1
        self.styles.align_vertical = "bottom" if below >= above else "top"
        # A dialog taller than the room scrolls (the focused field is kept in view).
        self.query_one("#dialog").styles.max_height = max(above, below)

    def _typed(self) -> list[str]:
        return [
            field.value if isinstance(field, Input) else field.text
            for field in self.query("Input, TextArea").results()
            if isinstance(field, Input | TextArea)
        ]

    def act(self) -> str:
        """Do the act through a service; returns the line the board shows."""
        raise NotImplementedError

    def chosen(self, radio_set: str) -> int:
        """Which button of a RadioSet is pressed: the first when none is."""
        return max(self.query_one(radio_set, RadioSet).pressed_index, 0)

    def show_message(self, text: str) -> None:
        self.query_one("#dialog-message", Static).update(text)

    @on(Button.Pressed, "#ok")
    def action_ok(self) -> None:
        try:
            done = self.act()
        except KioskError as exc:
            self.show_message(str(exc))
            return
        self.dismiss(self.said(done))

    def said(self, done: str) -> str:
        """The line the board shows after the act."""
        return done

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        if self._typed() == self._opened_with:
            self.dismiss(None)
            return

        def answered(discard: bool | None) -> None:
            if discard:
                self.dismiss(None)

        # The safe answer, keep editing, has the focus (ConfirmScreen's "no").
        self.app.push_screen(ConfirmScreen(UNSAVED, "Discard", "Keep editing"), answered)


class RowDialog(DoorDialog):
    """A dialog about one session: the board row highlighted when it was opened."""

    def __init__(self, staff: StaffMember, clock: Clock, row: BoardRow) -> None:
        super().__init__(staff, clock)
        self.row = row

    def compose_heading(self) -> ComposeResult:
        yield Static(session_label(self.row), id="dialog-session", markup=False)

    def said(self, done: str) -> str:
        # Named as a refusal names it: the highlight may not be where the volunteer thought.
        return f"{done.rstrip('.')}, for {session_label(self.row)}."

    def slot(self) -> Slot:
        """When and where the dialog says the session is: the act is refused if it moved."""
        return (self.row.starts_at, self.row.ends_at, self.row.room)
