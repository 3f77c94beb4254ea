"""Staff sign-in: a name and a PIN (volunteers) or password (co-ordinator)."""

from __future__ import annotations

import re

from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Static

from kiosk.clock import Clock
from kiosk.services.cards import tokens as cards
from kiosk.services.scan.own_view import clean_scan
from kiosk.services.staff import auth
from screens.widgets.inactivity import Inactivity
from screens.widgets.refusals import refusals_shown

# Left open and walked away from: back to the parent screen by itself.
CANCEL_AFTER_SECONDS = 60.0
CODE_CHARS = re.compile(r"[A-Z2-7]+")
CARD_READ = "That was a card: staff sign in with their name and PIN."


class StaffSignInScreen(ModalScreen[auth.SignIn | None]):
    """Dismisses with the successful SignIn, or None when cancelled."""

    CSS_PATH = "staff_signin.tcss"
    # Where a refusal (a database fault, say) is shown: see screens/widgets/refusals.py.
    STATUS_LINE = "#signin-message"
    BINDINGS = [Binding("escape", "cancel", "Cancel", id="cancel", tooltip="Back to the kiosk")]

    def __init__(self, clock: Clock) -> None:
        super().__init__()
        self.clock = clock
        self._quiet: Inactivity | None = None
        self._card_in_name = False

    def compose(self) -> ComposeResult:
        with Vertical(id="signin"):
            yield Label("Staff sign-in", id="signin-title")
            yield Input(placeholder="Your name", id="name")
            yield Input(placeholder="PIN or password", password=True, id="secret")
            yield Static("", id="signin-message", markup=False)
            with Horizontal(id="signin-buttons"):
                yield Button("Sign in", variant="primary", id="submit")
                yield Button("Cancel", id="cancel-button")

    def on_mount(self) -> None:
        self._quiet = Inactivity(self, CANCEL_AFTER_SECONDS, self.action_cancel)
        self._quiet.touch()

    def on_key(self, event: events.Key) -> None:
        if self._quiet is not None:
            self._quiet.touch()

    def on_mouse_down(self) -> None:
        if self._quiet is not None:
            self._quiet.touch()

    def on_input_changed(self, event: Input.Changed) -> None:
        # An Input keeps the printable keys to itself: typing is activity too.
        if self._quiet is not None:
            self._quiet.touch()
        if event.input.id == "name":
            self._hide_card(event)

    def _hide_card(self, event: Input.Changed) -> None:
        # A card scanned into the name field would stand there in clear text:
        # a card's code is a key to somebody's check-in. Gone as soon as it
        # can be told from a name (no name starts CCK and runs on in capitals),
        # and so is the rest of it, up to the scanner's Enter.
        typed = event.value.strip()
        if self._card_in_name and CODE_CHARS.fullmatch(typed):
            event.input.value = ""
        elif len(typed) >= 6 and cards.could_be_start(typed):
            self._card_in_name = True
            event.input.value = ""
            self.query_one("#signin-message", Static).update(CARD_READ)
        elif typed:
            self._card_in_name = False

    @on(Input.Submitted, "#name")
    def _next_field(self, event: Input.Submitted) -> None:
        was_card, self._card_in_name = self._card_in_name, False
        if was_card or cards.is_well_formed(clean_scan(event.value)):
            event.input.value = ""
            return
        self.query_one("#secret", Input).focus()

    @on(Input.Submitted, "#secret")
    @on(Button.Pressed, "#submit")
    @refusals_shown
    def _submit(self) -> None:
        name = self.query_one("#name", Input).value
        secret_input = self.query_one("#secret", Input)
        try:
            result = auth.sign_in(name, secret_input.value, self.clock)
        finally:
            # Never left in the field, whatever happened: the next person would find it.
            secret_input.value = ""
            secret_input.focus()
        if result.ok:
            self.dismiss(result)
        else:
            self.query_one("#signin-message", Static).update(result.message)

    @on(Button.Pressed, "#cancel-button")
    def action_cancel(self) -> None:
        if self.is_current:
            self.dismiss(None)
