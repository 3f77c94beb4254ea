"""What the co-ordinator's release and log tools share: Escape back, a status line, a form.

The attendance export, the subject access request and the safeguarding
disclosure are one column of fields under a title and an explanation, ending
in a line that says what was done or, in the error colour, why not. The audit
log has its own layout but reports the same way.
"""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Footer, Static

from kiosk.clock import Clock
from kiosk.services.staff.auth import StaffMember


class ToolScreen(Screen[None]):
    """A co-ordinator's tool from the menu: Escape goes back, `report` fills #status."""

    DEFAULT_CSS = """
    ToolScreen #status.error {
        color: $error;
    }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "close", "Back", id="close", tooltip="Back to the menu")
    ]

    def __init__(self, actor: StaffMember, clock: Clock) -> None:
        super().__init__()
        self.actor = actor
        self.clock = clock

    def on_mount(self) -> None:
        # The keys at the foot of every tool (Escape: back), as on the record forms; a tool
        # that places its own (beside its buttons) keeps that one.
        if not self.query(Footer):
            self.mount(Footer())

    def action_close(self) -> None:
        self.dismiss()

    def report(self, text: str, *, error: bool = False) -> None:
        """What was done, or why not. Content, not markup: messages quote what was typed."""
        status = self.query_one("#status", Static)
        status.set_class(error, "error")
        status.update(Content(text))
        # A form taller than the terminal (80x24) keeps its answer in sight.
        status.call_after_refresh(status.scroll_visible, animate=False)


class ReleaseFormScreen(ToolScreen):
    """A title, an explanation, the fields of compose_fields, then the status line."""

    # The layout travels with the class that composes it; each form's sheet adds its fields.
    DEFAULT_CSS = """
    ReleaseFormScreen {
        align: center top;
    }

    ReleaseFormScreen #form {
        width: 90;
        max-width: 100%;
        padding: 1 2;
    }

    ReleaseFormScreen #title {
        text-style: bold;
        margin-bottom: 1;
    }

    ReleaseFormScreen #explain {
        color: $text-muted;
        margin-bottom: 1;
    }

    ReleaseFormScreen #status {
        margin-top: 1;
        height: auto;
    }
    """
    AUTO_FOCUS = "#case"
    TITLE_TEXT = ""
    EXPLANATION = ""

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="form"):
            yield Static(self.TITLE_TEXT, id="title")
            yield Static(self.EXPLANATION, id="explain")
            yield from self.compose_fields()
            yield Static("", id="status", markup=False)

    def compose_fields(self) -> ComposeResult:
        yield from ()
