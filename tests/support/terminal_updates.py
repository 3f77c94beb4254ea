"""The real apps, counting each update they send to the terminal (a quiet screen sends none)."""

from __future__ import annotations

from typing import Any

from rich.console import RenderableType
from textual.screen import Screen

from kiosk.app import KioskApp
from kiosk.door_app import DoorApp


class CountingKiosk(KioskApp):
    updates = 0

    def _display(self, screen: Screen[Any], renderable: RenderableType | None) -> None:
        if renderable is not None:
            self.updates += 1
        super()._display(screen, renderable)


class CountingDoor(DoorApp):
    updates = 0

    def _display(self, screen: Screen[Any], renderable: RenderableType | None) -> None:
        if renderable is not None:
            self.updates += 1
        super()._display(screen, renderable)
