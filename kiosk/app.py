"""The App shell: locked down, with its dependencies passed in."""

from __future__ import annotations

from textual.app import App

from kiosk.clock import Clock
from kiosk.services import settings
from screens.idle import IdleScreen


class KioskApp(App[None], inherit_bindings=False):
    """The entrance kiosk.

    inherit_bindings=False drops App's own ctrl+q / ctrl+c bindings; with the
    command palette off there is no way to quit, screenshot or open anything
    from the parent screen. Leaving is a co-ordinator's act.
    """

    ENABLE_COMMAND_PALETTE = False
    TITLE = "Contact Centre Kiosk"

    def __init__(self, clock: Clock) -> None:
        super().__init__()
        self.clock = clock

    def on_mount(self) -> None:
        self.push_screen(
            IdleScreen(
                settings.get("centre_name"),
                self.clock,
                idle_return_seconds=_seconds(settings.get("idle_return_seconds")),
            )
        )


def _seconds(raw: str, default: float = 8.0) -> float:
    """A delay setting; a mistyped value must not stop the kiosk from starting."""
    try:
        value = float(raw)
    except ValueError:
        return default
    return value if value > 0 else default
