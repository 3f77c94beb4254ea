"""The centre's confidentiality policy, for parents and volunteers to read."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Markdown, Static

from kiosk.services.release.policy import PolicyView


class PolicyViewScreen(Screen[None]):
    """Read-only; Escape goes back. Takes the policy, so it never reads the database."""

    CSS_PATH = "policy_view.tcss"
    AUTO_FOCUS = "#policy-scroll"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "close", "Back", id="close", tooltip="Back"),
    ]

    def __init__(self, policy: PolicyView) -> None:
        super().__init__()
        self.policy = policy

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="policy-scroll"):
            # The Markdown widget renders the text as Markdown, not as Textual markup.
            yield Markdown(self.policy.text, id="policy-text")
            yield Static(Content(self._reviewed()), id="reviewed")
        yield Static("Press Escape to go back", id="back", markup=False)

    def _reviewed(self) -> str:
        if self.policy.reviewed_on is None:
            return "The centre's standard policy."
        return f"Last reviewed on {self.policy.reviewed_on:%d %B %Y} by {self.policy.reviewed_by}."

    def action_close(self) -> None:
        self.dismiss()
