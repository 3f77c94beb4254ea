"""The parent-facing idle screen: the centre's name, a clock and "scan your card"."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import Static

from kiosk.clock import Clock


class IdleScreen(Screen[None]):
    CSS_PATH = "idle.tcss"

    def __init__(self, centre_name: str, clock: Clock) -> None:
        super().__init__()
        self.centre_name = centre_name
        self.clock = clock

    def compose(self) -> ComposeResult:
        with Vertical(id="idle"):
            # Names come from the database: never parse them as markup.
            yield Static(self.centre_name, id="centre-name", markup=False)
            yield Static(self._time(), id="clock", markup=False)
            yield Static("Please scan your card", id="prompt", markup=False)

    def on_mount(self) -> None:
        self.set_interval(1.0, self._tick)

    def _time(self) -> str:
        return self.clock.now().strftime("%H:%M")

    def _tick(self) -> None:
        self.query_one("#clock", Static).update(self._time())
