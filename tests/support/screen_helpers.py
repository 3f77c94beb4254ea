"""Driving the real KioskApp as a scanner would, and reading what a parent sees."""

from __future__ import annotations

import html
import re

from textual import events
from textual.app import App
from textual.keys import _character_to_key
from textual.pilot import Pilot
from textual.widgets import Static


def burst(app: App[None], text: str) -> None:
    """Post every key of text at once, as a keyboard-wedge scanner does ("\\n" is Enter).

    pilot.press waits between keys; a scanner does not, so the keys are posted
    straight to the app's queue with no pause.
    """
    for ch in text:
        if ch == "\n":
            app.post_message(events.Key("enter", "\r"))
        else:
            app.post_message(events.Key(_character_to_key(ch), ch))


async def settle(pilot: Pilot[None]) -> None:
    """Let every posted key and the messages it causes be handled."""
    for _ in range(3):
        await pilot.pause()


def widget_text(app: App[None]) -> str:
    """The text of every Static on the current screen."""
    return "\n".join(str(w.render()) for w in app.screen.query(Static))


def screen_text(app: App[None]) -> str:
    """What the terminal shows, taken from a screenshot of the real screen."""
    svg = app.export_screenshot()
    texts = re.findall(r"<text[^>]*>(.*?)</text>", svg, flags=re.S)
    lines = [html.unescape(re.sub(r"<[^>]+>", "", t)).replace("\xa0", " ") for t in texts]
    return "\n".join(lines)


def parent_sees(app: App[None]) -> str:
    return widget_text(app) + "\n" + screen_text(app)
