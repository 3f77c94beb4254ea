"""The field a keyboard-wedge scanner types into.

A plain Input merges back-to-back scans (Textual issue #6605): its Enter is a
binding, run only after the key has bubbled up to the App, by which time the
next scan's characters may already be in the field. Here Enter is handled in
the field's own key handler, so the value is taken and cleared before the
next key is read.

The scan is handed to the screen's callback right there rather than in a
message: everything a scan changes on screen then reaches the compositor in
one frame. Through a message, the field's clearing was often painted on its
own and the answer waited up to two more frames (bench/scan.py: p99 55 ms
against 25 ms).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import ClassVar

from textual import events
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.widgets import Input

from kiosk.services.checkin import MAX_SCAN_LENGTH, clean_scan
from screens.inactivity import Inactivity

POLICY_KEY = "?"
# A scanner types a whole code in well under a second; characters left this
# long without a key are strays (someone typing and walking away) and would
# spoil the next scan.
CLEAR_AFTER_SECONDS = 5.0


class ScanField(Input, inherit_bindings=False):
    """Takes scans; keeps focus; offers no clipboard, undo or cursor keys.

    inherit_bindings=False drops Input's own bindings (ctrl+c copies, ctrl+v
    pastes, enter submits late); only backspace is kept, for a person typing.
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("backspace", "delete_left", "Delete character left", show=False),
    ]

    class PolicyRequested(Message):
        """The parent asked to read the confidentiality policy."""

    def __init__(self, on_scan: Callable[[str], None], *, id: str | None = None) -> None:
        """on_scan receives each complete scan: cleaned, never empty."""
        # Masked: a card's code is a key to somebody's check-in.
        self._on_scan = on_scan
        self._quiet: Inactivity | None = None
        super().__init__(
            placeholder="Scan your card here",
            password=True,
            max_length=MAX_SCAN_LENGTH,
            id=id,
        )

    def _on_mount(self, event: events.Mount) -> None:
        self._quiet = Inactivity(self, CLEAR_AFTER_SECONDS, self._clear_strays)

    def _clear_strays(self) -> None:
        self.value = ""

    async def _on_key(self, event: events.Key) -> None:
        if self._quiet is not None:
            self._quiet.touch()
        if event.key == "enter":
            event.stop()
            event.prevent_default()
            self._take()
            return
        if event.character == POLICY_KEY:
            # A code is upper-case letters and digits: "?" is never part of one.
            event.stop()
            event.prevent_default()
            self.post_message(self.PolicyRequested())
        # Anything else falls through to Input's own handler: Textual calls
        # each class's _on_key in turn unless prevent_default() was called.

    def _take(self) -> None:
        code = clean_scan(self.value)
        self.value = ""
        if code:
            self._on_scan(code)

    def _on_paste(self, event: events.Paste) -> None:
        event.stop()
        event.prevent_default()
        room = MAX_SCAN_LENGTH - len(self.value)
        self.insert_text_at_cursor(clean_scan(event.text)[: max(room, 0)])

    def _on_blur(self, event: events.Blur) -> None:
        # Stay focused, so a scanner's Enter can never land anywhere else.
        self.call_after_refresh(self._refocus)

    def _refocus(self) -> None:
        if self.is_attached and self.screen.is_current and not self.has_focus:
            self.focus()
