"""Snapshots that do not depend on how fast the machine is.

A text box's cursor blinks every half second, so a snapshot taken just after a
key showed the cursor and the same snapshot on a loaded machine (two test
workers on two cores) sometimes did not. Every snapshot here is taken with the
blinking stopped, through the widgets' own `cursor_blink` setting: what is on
screen is then decided by the test's steps, not by the clock.
"""

from __future__ import annotations

import inspect
from collections.abc import Awaitable, Callable
from typing import Any

import pytest
from textual.pilot import Pilot

RunBefore = Callable[[Pilot[Any]], Awaitable[None] | None]


async def still_cursors(pilot: Pilot[Any]) -> None:
    """Stop every text cursor blinking, on every screen in the stack."""
    for screen in pilot.app.screen_stack:
        for widget in screen.query("*"):
            if hasattr(widget, "cursor_blink"):
                widget.cursor_blink = False
    await pilot.pause()


@pytest.fixture
def snap_compare(snap_compare: Callable[..., bool]) -> Callable[..., bool]:
    """The plugin's `snap_compare`, with the test's steps followed by `still_cursors`."""

    def compare(*args: Any, run_before: RunBefore | None = None, **kwargs: Any) -> bool:
        async def steps(pilot: Pilot[Any]) -> None:
            if run_before is not None:
                result = run_before(pilot)
                if inspect.isawaitable(result):
                    await result
            await still_cursors(pilot)

        return snap_compare(*args, run_before=steps, **kwargs)

    return compare
