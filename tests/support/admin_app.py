"""A small host App that shows one co-ordinator screen, as the real menu will."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from textual.app import App
from textual.pilot import Pilot
from textual.screen import Screen
from textual.widgets import Input, Static

SIZE = (120, 60)


class HostApp(App[None]):
    def __init__(self, make_screen: Callable[[], Screen[Any]]) -> None:
        super().__init__()
        self.make_screen = make_screen

    def on_mount(self) -> None:
        self.push_screen(self.make_screen())


def fill(screen: Screen[Any], values: dict[str, str]) -> None:
    for widget_id, value in values.items():
        screen.query_one(f"#{widget_id}", Input).value = value


def text_of(screen: Screen[Any], selector: str) -> str:
    return str(screen.query_one(selector, Static).render())


def invalid_ids(screen: Screen[Any]) -> set[str]:
    return {w.id or "" for w in screen.query(".-invalid")}


async def click(pilot: Pilot[None], selector: str) -> None:
    """Scroll a widget into view, then click it as a person would."""
    for _ in range(20):
        widget = pilot.app.screen.query_one(selector)
        widget.scroll_visible(animate=False, immediate=True)
        await pilot.pause()
        if widget.has_class("-active"):
            # A button ignores a second click while it still shows the first (0.2 s).
            await pilot.pause(0.05)
            continue
        # click() says whether the event landed on the widget; layout may still be settling.
        if await pilot.click(selector):
            await pilot.pause()
            return
        await pilot.pause(0.05)
    raise AssertionError(f"could not click {selector}")


async def until(pilot: Pilot[None], check: Callable[[], bool], tries: int = 500) -> None:
    """Wait for an async handler (a save that rebuilds the form) to finish its work."""
    for _ in range(tries):
        if check():
            return
        await pilot.pause(0.02)
    screen = pilot.app.screen
    shown = {w.id: str(w.render()) for w in screen.query(Static) if w.id in ("status", "errors")}
    assert check(), f"the screen never reached the expected state; it shows {shown}"
