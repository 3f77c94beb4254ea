"""Driving the door console through App.run_test(): sign-in and reading the board."""

from __future__ import annotations

from typing import Any

from textual.pilot import Pilot
from textual.widgets import DataTable, Input

from screens.parent.staff_signin import StaffSignInScreen

SIZE = (100, 30)


async def sign_in(pilot: Pilot[Any], name: str, secret: str) -> None:
    await pilot.press("ctrl+s")
    await pilot.pause()
    screen = pilot.app.screen
    assert isinstance(screen, StaffSignInScreen)
    screen.query_one("#name", Input).value = name
    screen.query_one("#secret", Input).value = secret
    screen.query_one("#secret", Input).focus()
    await pilot.press("enter")
    await pilot.pause()


def table_text(pilot: Pilot[Any], selector: str = "#bookings") -> str:
    """Every cell of a DataTable on the current screen, as plain text."""
    table = pilot.app.screen.query_one(selector, DataTable)
    cells = [str(c) for key in table.rows for c in table.get_row(key)]
    return "\n".join(cells)


def screen_text(pilot: Pilot[Any]) -> str:
    """What the terminal shows now, as plain text (via the SVG export's text)."""
    return pilot.app.export_screenshot()
