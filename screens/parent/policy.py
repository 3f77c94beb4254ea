"""The centre's confidentiality policy, for parents to read at the kiosk."""

from __future__ import annotations

from typing import ClassVar

from textual import events
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Markdown, Static

from kiosk.services.cards import tokens as cards
from kiosk.services.scan.own_view import clean_scan
from screens.widgets.inactivity import Inactivity
from screens.widgets.late_keys import pass_on_if_closed

# No key for this long: the kiosk goes back to the scan screen by itself.
AUTO_CLOSE_SECONDS = 60.0


class PolicyOverlay(ModalScreen[str | None], inherit_bindings=False):
    """Read-only. The policy is Markdown (never Textual markup), and its links
    never open: a kiosk must not launch a browser for whoever is standing there.

    A card scanned while it is open is not lost: the keys of a card code are
    kept back from the bindings, and its Enter closes the policy with the code,
    for the parent screen to act on.
    """

    CSS_PATH = "policy.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,enter,question_mark,q", "close", "Close", show=False),
    ]

    def __init__(self, text: str, reviewed: str) -> None:
        super().__init__()
        self.text = text
        self.reviewed = reviewed
        self._typed = ""
        self._quiet: Inactivity | None = None

    def compose(self) -> ComposeResult:
        with Vertical(id="policy-box"):
            yield Static("Our confidentiality policy", id="policy-title", markup=False)
            with VerticalScroll(id="policy-scroll"):
                yield Markdown(self.text, id="policy-text", open_links=False)
            yield Static(self.reviewed, id="policy-reviewed", markup=False)
            yield Static(
                "Up and down keys scroll.  Press Enter to go back.", id="policy-help", markup=False
            )

    def on_mount(self) -> None:
        self.query_one("#policy-scroll").focus()
        self._quiet = Inactivity(self, AUTO_CLOSE_SECONDS, self.action_close)
        self._quiet.touch()

    def take_camera_code(self, code: str) -> None:
        """A card held to the camera while the policy is open: closed, and the scan acted on."""
        if self.is_current:
            self.dismiss(code)

    def on_key(self, event: events.Key) -> None:
        # Runs before the bindings (they are checked once the key reaches the App).
        if pass_on_if_closed(self, event):
            return  # read after a card closed the policy: the parent screen's ("?" again)
        if self._quiet is not None:
            self._quiet.touch()
        if event.key == "enter":
            code = clean_scan(self._typed)
            self._typed = ""
            if cards.is_well_formed(code):
                event.stop()
                if self.is_current:
                    self.dismiss(code)
            return
        typed = clean_scan(self._typed + (event.character or ""))
        if event.character and cards.could_be_start(typed):
            # Part of a scan: "q" must not close the policy halfway through a code.
            self._typed = typed
            event.stop()
        else:
            self._typed = ""

    def on_mouse_down(self) -> None:
        if self._quiet is not None:
            self._quiet.touch()

    def action_close(self) -> None:
        if self.is_current:
            self.dismiss(None)
