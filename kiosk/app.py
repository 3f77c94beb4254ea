"""The App shell: locked down, with its dependencies passed in."""

from __future__ import annotations

import gc

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
        self.call_after_refresh(self._freeze_heap)

    def _freeze_heap(self) -> None:
        # What is loaded by now lives as long as the kiosk. Frozen, it is left
        # out of the collector's full passes, which otherwise stall a scan's
        # confirmation by 25-30 ms now and then (bench/scan.py).
        gc.collect()
        gc.freeze()


def _seconds(raw: str, default: float = 8.0) -> float:
    """A delay setting; a mistyped value must not stop the kiosk from starting."""
    try:
        value = float(raw)
    except ValueError:
        return default
    return value if value > 0 else default
