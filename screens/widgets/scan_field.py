"""The field a keyboard-wedge scanner types into.

Not a Textual Input, for three reasons, all measured in bench/scan.py:
- An Input's Enter is a binding, run only after the key has bubbled up to the
  App, by which time the next scan's characters may already be in the field
  (Textual issue #6605). Here Enter is handled in the field's own key handler,
  so the code is taken and cleared before the next key is read.
- Every change to an Input's value asks for a layout of the whole screen and
  posts a Changed message: some forty of each for one scan, and the answer's
  frame then redrew every widget on the screen.
- Its cursor, selection, clipboard and undo are of no use to a scanner.

The scan is handed to the screen's callback right there rather than in a
message: everything a scan changes on screen then reaches the compositor in
one frame. Through a message, the field's clearing was often painted on its
own and the answer waited up to two more frames (p99 55 ms against 25 ms).
"""

from __future__ import annotations

from collections.abc import Callable

from rich.text import Text
from textual import events
from textual.app import RenderResult
from textual.message import Message
from textual.widget import Widget

from kiosk.services.scan.own_view import MAX_SCAN_LENGTH, clean_scan
from screens.widgets.inactivity import Inactivity

POLICY_KEY = "?"
PLACEHOLDER = "Scan your card here"
# Masked: a card's code is a key to somebody's check-in.
MASK = "•"
# A scanner types a whole code in well under a second; characters left this
# long without a key are strays (someone typing and walking away) and would
# spoil the next scan.
CLEAR_AFTER_SECONDS = 5.0


class ScanField(Widget, can_focus=True):
    """Takes scans; keeps focus; backspace is the only editing key.

    Keys it does not use (ctrl+s for the staff sign-in, say) go on to the
    screen and the App as usual.
    """

    DEFAULT_CSS = """
    ScanField {
        width: 100%;
        height: 3;
        padding: 0 2;
    }
    """

    class PolicyRequested(Message):
        """The parent asked to read the confidentiality policy."""

    def __init__(self, on_scan: Callable[[str], None], *, id: str | None = None) -> None:
        """on_scan receives each complete scan: cleaned, never empty."""
        super().__init__(id=id)
        self._on_scan = on_scan
        self._value = ""
        self._quiet: Inactivity | None = None

    @property
    def value(self) -> str:
        """What has been typed since the last scan, before cleaning."""
        return self._value

    def _set(self, value: str) -> None:
        if value != self._value:
            self._value = value
            # The field's size never changes: a repaint of itself, no layout.
            self.refresh()

    def render(self) -> RenderResult:
        if not self._value:
            return Text(PLACEHOLDER, style="dim")
        return Text(MASK * len(self._value))

    def _on_mount(self, event: events.Mount) -> None:
        self._quiet = Inactivity(self, CLEAR_AFTER_SECONDS, self._clear_strays)

    def _clear_strays(self) -> None:
        self._set("")

    async def _on_key(self, event: events.Key) -> None:
        if self._quiet is not None:
            self._quiet.touch()
        if event.key == "enter":
            self._consume(event)
            self._take()
        elif event.key == "backspace":
            self._consume(event)
            self._set(self._value[:-1])
        elif event.character == POLICY_KEY:
            # A code is upper-case letters and digits: "?" is never part of one.
            self._consume(event)
            self.post_message(self.PolicyRequested())
        elif event.is_printable and event.character:
            self._consume(event)
            if len(self._value) < MAX_SCAN_LENGTH:
                self._set(self._value + event.character)

    @staticmethod
    def _consume(event: events.Key) -> None:
        event.stop()
        event.prevent_default()

    def _take(self) -> None:
        code = clean_scan(self._value)
        self._set("")
        if code:
            self._on_scan(code)

    def _on_paste(self, event: events.Paste) -> None:
        event.stop()
        event.prevent_default()
        room = MAX_SCAN_LENGTH - len(self._value)
        self._set(self._value + clean_scan(event.text)[: max(room, 0)])

    def _on_blur(self, event: events.Blur) -> None:
        # Stay focused, so a scanner's Enter can never land anywhere else.
        self.call_after_refresh(self._refocus)

    def _refocus(self) -> None:
        if self.is_attached and self.screen.is_current and not self.has_focus:
            self.focus()
