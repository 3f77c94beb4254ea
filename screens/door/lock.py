"""The door console when nobody is signed in: it shows nothing about anyone."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import Static

from kiosk.clock import Clock


class DoorLockScreen(Screen[None]):
    CSS_PATH = "lock.tcss"

    def __init__(self, centre_name: str, clock: Clock) -> None:
        super().__init__()
        self.centre_name, self.clock = centre_name, clock

    def compose(self) -> ComposeResult:
        with Vertical(id="door-lock"):
            yield Static(self.centre_name, id="lock-centre", markup=False)
            yield Static("Door console: locked", id="lock-title", markup=False)
            yield Static("Press ctrl+s to sign in", id="lock-prompt", markup=False)
