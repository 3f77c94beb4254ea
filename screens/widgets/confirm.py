"""A yes/no question that must be answered before anything happens."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen, Screen
from textual.widgets import Button, Static


class ConfirmScreen(ModalScreen[bool]):
    # Used by several screens: DEFAULT_CSS loads with the class, and every rule names it.
    DEFAULT_CSS = """
    ConfirmScreen {
        align: center middle;
    }

    ConfirmScreen #confirm {
        width: 64;
        height: auto;
        padding: 1 2;
        border: thick $warning;
        background: $surface;
    }

    ConfirmScreen #question {
        margin-bottom: 1;
    }

    ConfirmScreen #confirm-buttons {
        height: auto;
        align: center middle;
    }

    ConfirmScreen #confirm-buttons Button {
        margin: 0 1;
    }
    """
    BINDINGS = [Binding("escape", "no", "No", id="confirm-no", tooltip="Do nothing")]

    def __init__(self, question: str, yes: str = "Yes", no: str = "No") -> None:
        super().__init__()
        self.question, self.yes, self.no = question, yes, no

    def compose(self) -> ComposeResult:
        with Vertical(id="confirm"):
            yield Static(self.question, id="question", markup=False)
            with Horizontal(id="confirm-buttons"):
                yield Button(self.yes, variant="error", id="yes")
                yield Button(self.no, variant="primary", id="no")

    def on_mount(self) -> None:
        # The safe answer has the focus: a stray Enter changes nothing.
        self.query_one("#no", Button).focus()

    @on(Button.Pressed, "#yes")
    def _yes(self) -> None:
        self.dismiss(True)

    @on(Button.Pressed, "#no")
    def action_no(self) -> None:
        self.dismiss(False)


def confirm_replace(
    screen: Screen[Any], path: Path, replace: Callable[[], None], keep: Callable[[], None]
) -> None:
    """Ask before a file the person named is replaced: `replace` runs on yes, `keep` on no.

    The services never write over a file unless told to (private_files.write_new
    raises FileExists); this is where the person tells them. The database itself
    is refused before anyone is asked.
    """

    def answered(yes: bool | None) -> None:
        (replace if yes else keep)()

    screen.app.push_screen(
        ConfirmScreen(f"{path} is there already. Replace it?", "Replace it", "Keep it"), answered
    )


def leave_unsaved(screen: Screen[Any], unsaved: str) -> None:
    """Escape on a form with unsaved changes: ask first; `unsaved` says what would be lost."""

    def answered(leave: bool | None) -> None:
        if leave:
            screen.dismiss(None)

    screen.app.push_screen(
        ConfirmScreen(f"Leave without saving {unsaved}?", "Leave", "Stay"), answered
    )
