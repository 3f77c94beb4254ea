"""The centre's confidentiality policy, for parents to read at the kiosk."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Markdown, Static

# Nobody reading: the kiosk goes back to the scan screen by itself.
AUTO_CLOSE_SECONDS = 120.0


class PolicyScreen(ModalScreen[None], inherit_bindings=False):
    """Read-only. The policy is Markdown (never Textual markup), and its links
    never open: a kiosk must not launch a browser for whoever is standing there.
    """

    CSS_PATH = "policy.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,enter,question_mark,q", "close", "Close", show=False),
    ]

    def __init__(self, text: str, reviewed: str) -> None:
        super().__init__()
        self.text = text
        self.reviewed = reviewed

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
        self.set_timer(AUTO_CLOSE_SECONDS, self.action_close)

    def action_close(self) -> None:
        if self.is_current:
            self.dismiss(None)
