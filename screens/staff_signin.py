"""Staff sign-in: a name and a PIN (volunteers) or password (co-ordinator)."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Static

from kiosk.clock import Clock
from kiosk.services import auth


class StaffSignInScreen(ModalScreen[auth.SignIn | None]):
    """Dismisses with the successful SignIn, or None when cancelled."""

    CSS_PATH = "staff_signin.tcss"
    BINDINGS = [Binding("escape", "cancel", "Cancel", id="cancel", tooltip="Back to the kiosk")]

    def __init__(self, clock: Clock) -> None:
        super().__init__()
        self.clock = clock

    def compose(self) -> ComposeResult:
        with Vertical(id="signin"):
            yield Label("Staff sign-in", id="signin-title")
            yield Input(placeholder="Your name", id="name")
            yield Input(placeholder="PIN or password", password=True, id="secret")
            yield Static("", id="signin-message", markup=False)
            with Horizontal(id="signin-buttons"):
                yield Button("Sign in", variant="primary", id="submit")
                yield Button("Cancel", id="cancel-button")

    @on(Input.Submitted, "#name")
    def _next_field(self) -> None:
        self.query_one("#secret", Input).focus()

    @on(Input.Submitted, "#secret")
    @on(Button.Pressed, "#submit")
    def _submit(self) -> None:
        name = self.query_one("#name", Input).value
        secret_input = self.query_one("#secret", Input)
        result = auth.sign_in(name, secret_input.value, self.clock)
        secret_input.value = ""
        if result.ok:
            self.dismiss(result)
        else:
            self.query_one("#signin-message", Static).update(result.message)
            secret_input.focus()

    @on(Button.Pressed, "#cancel-button")
    def action_cancel(self) -> None:
        self.dismiss(None)
