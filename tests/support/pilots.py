"""Driving the real apps through App.run_test(), and reading what their screens show.

- `sign_in(pilot, staff)`: ctrl+s on the kiosk or the door console, then the
  staff sign-in form, as a person types it (with the builders' secret unless
  another is given);
- `burst`/`settle`: a keyboard-wedge scanner's keys, all at once, and waiting
  for them to be handled; `console_key`: a person's key at the door console;
  `dialog_typing`: a person typing into a door dialog's field;
- `widget_text`, `screen_text`, `parent_sees`, `table_text`, `text_of`: what
  the current screen shows, as plain text;
- `HostApp`, `fill`, `click`, `until`, `invalid_ids`: one co-ordinator screen
  in a bare host App, as the co-ordinator's menu would push it.
"""

from __future__ import annotations

import html
import re
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from typing import TYPE_CHECKING, Any

from textual import events
from textual.app import App
from textual.keys import _character_to_key
from textual.pilot import Pilot
from textual.screen import Screen
from textual.widgets import DataTable, Input, OptionList, Select, Static

from kiosk.services.staff.auth import StaffMember
from screens.parent.staff_signin import StaffSignInScreen

if TYPE_CHECKING:
    from kiosk.app import KioskApp
    from kiosk.clock import FixedClock

PARENT_SIZE = (80, 24)
DOOR_SIZE = (100, 30)
ADMIN_SIZE = (120, 60)


# Signing in -------------------------------------------------------------------


async def sign_in(pilot: Pilot[Any], staff: StaffMember, secret: str | None = None) -> None:
    """Open staff sign-in with ctrl+s and sign `staff` in (with `secret` when given)."""
    # Imported here: bench/startup.py times the kiosk's start with burst() and settle()
    # from this module, and the builders' imports would count against it.
    from tests.support.builders import secret_of

    await pilot.press("ctrl+s")
    await pilot.pause()
    screen = pilot.app.screen
    assert isinstance(screen, StaffSignInScreen)
    screen.query_one("#name", Input).value = staff.name
    screen.query_one("#secret", Input).value = secret_of(staff) if secret is None else secret
    screen.query_one("#secret", Input).focus()
    await pilot.press("enter")
    await pilot.pause()


@asynccontextmanager
async def signed_in(
    app: App[Any], staff: StaffMember, size: tuple[int, int] = DOOR_SIZE
) -> AsyncIterator[Pilot[Any]]:
    """Run the kiosk or the door console with `staff` signed in."""
    async with app.run_test(size=size) as pilot:
        await sign_in(pilot, staff)
        yield pilot


def signed_in_then(
    staff: StaffMember, make_screen: Callable[[], Screen[Any]] | None = None
) -> Callable[[Pilot[Any]], Awaitable[None]]:
    """For a snapshot's run_before: sign in, then open one screen over the co-ordinator's
    home as its menu entry would."""

    async def run(pilot: Pilot[Any]) -> None:
        from screens.coordinator.home import CoordinatorHome

        await sign_in(pilot, staff)
        assert isinstance(pilot.app.screen, CoordinatorHome)
        if make_screen is not None:
            await pilot.app.push_screen(make_screen())
        await settle(pilot)

    return run


async def choose(pilot: Pilot[Any], entry: str) -> None:
    """Highlight an entry of the co-ordinator's home menu and press Enter, as they would."""
    menu = pilot.app.screen.query_one("#menu", OptionList)
    menu.highlighted = menu.get_option_index(entry)
    await pilot.press("enter")
    await pilot.pause()


# The parent screen ------------------------------------------------------------


def kiosk_at(hour: int, minute: int = 0) -> KioskApp:
    """The entrance kiosk on the test day (builders.DAY) at hour:minute, its clock frozen."""
    from kiosk.app import KioskApp
    from kiosk.clock import FixedClock
    from tests.support.builders import DAY

    return KioskApp(clock=FixedClock(DAY.replace(hour=hour, minute=minute)))


@asynccontextmanager
async def parent_screen(
    app: App[Any], size: tuple[int, int] = PARENT_SIZE
) -> AsyncIterator[Pilot[Any]]:
    """Run the kiosk until its parent screen is up and waiting for a scan."""
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        yield pilot


# Scanning ---------------------------------------------------------------------


def burst(app: App[Any], text: str) -> None:
    """Post every key of text at once, as a keyboard-wedge scanner does ("\\n" is Enter).

    pilot.press waits between keys; a scanner does not, so the keys are posted
    straight to the app's queue with no pause.
    """
    for ch in text:
        if ch == "\n":
            app.post_message(events.Key("enter", "\r"))
        else:
            app.post_message(events.Key(_character_to_key(ch), ch))


async def settle(pilot: Pilot[Any]) -> None:
    """Let every posted key and the messages it causes be handled."""
    for _ in range(3):
        await pilot.pause()


async def scan(pilot: Pilot[Any], code: str) -> None:
    """A whole scan (the code, then Enter) at once, and its answer on the screen."""
    burst(pilot.app, code + "\n")
    await settle(pilot)


async def console_key(pilot: Pilot[Any], key: str) -> None:
    """A person's key at the door console, and what it does.

    The console holds each printable key back until it knows the key does not
    start a card read as keys (screens/door/scanner_keys.py): wait until it has
    let the key through, then for what the key opened.
    """
    from screens.door.console import DoorConsole

    console = pilot.app.screen
    assert isinstance(console, DoorConsole)
    await pilot.press(key)
    await until(pilot, lambda: not console.keys.holding)
    await settle(pilot)


async def dialog_typing(pilot: Pilot[Any], text: str) -> None:
    """A person typing text into the focused field of a door dialog, one key at a time.

    The kiosk holds each key back until it knows the key does not start a card
    read (screens/door/scanner_keys.py DialogKeys): wait until it is let through.
    """
    from screens.door.dialog import DoorDialog

    dialog = pilot.app.screen
    assert isinstance(dialog, DoorDialog)
    for ch in text:
        await pilot.press(_character_to_key(ch))
        await until(pilot, lambda: not dialog.keys.holding)
        await settle(pilot)


# Reading the screen -----------------------------------------------------------


def widget_text(app: App[Any]) -> str:
    """The text of every Static on the current screen."""
    return "\n".join(str(w.render()) for w in app.screen.query(Static))


def screen_text(app: App[Any]) -> str:
    """What the terminal shows, taken from a screenshot of the real screen."""
    svg = app.export_screenshot()
    texts = re.findall(r"<text[^>]*>(.*?)</text>", svg, flags=re.S)
    lines = [html.unescape(re.sub(r"<[^>]+>", "", t)).replace("\xa0", " ") for t in texts]
    return "\n".join(lines)


def parent_sees(app: App[Any]) -> str:
    return widget_text(app) + "\n" + screen_text(app)


def table_text(pilot: Pilot[Any], selector: str = "#bookings") -> str:
    """Every cell of a DataTable on the current screen, as plain text."""
    table = pilot.app.screen.query_one(selector, DataTable)
    cells = [str(c) for key in table.rows for c in table.get_row(key)]
    return "\n".join(cells)


def text_of(screen: Screen[Any], selector: str) -> str:
    return str(screen.query_one(selector, Static).render())


def invalid_ids(screen: Screen[Any]) -> set[str]:
    """The fields outlined as named by an error (screens/widgets/form_errors.py)."""
    return {w.id or "" for w in screen.query(".-field-error")}


# One co-ordinator screen in a host App ----------------------------------------


class HostApp(App[None]):
    """A bare App that shows one screen, as the co-ordinator's menu will."""

    def __init__(self, make_screen: Callable[[], Screen[Any]]) -> None:
        super().__init__()
        self.make_screen = make_screen

    def on_mount(self) -> None:
        self.push_screen(self.make_screen())


def fill(screen: Screen[Any], values: dict[str, str]) -> None:
    """Type into each Input, or choose in each Select, by its id."""
    for widget_id, value in values.items():
        widget = screen.query_one(f"#{widget_id}")
        if isinstance(widget, Select):
            widget.value = value
        else:
            screen.query_one(f"#{widget_id}", Input).value = value


async def click(pilot: Pilot[Any], selector: str) -> None:
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


async def until(pilot: Pilot[Any], check: Callable[[], bool], tries: int = 500) -> None:
    """Wait for an async handler (a save that rebuilds the form) to finish its work."""
    for _ in range(tries):
        if check():
            return
        await pilot.pause(0.02)
    screen = pilot.app.screen
    shown = {w.id: str(w.render()) for w in screen.query(Static) if w.id in ("status", "errors")}
    assert check(), f"the screen never reached the expected state; it shows {shown}"


async def idles_out(
    pilot: Pilot[Any], clock: FixedClock, staying: type[Screen[Any]], locked: type[Screen[Any]]
) -> None:
    """Two idle minutes less a second keep `staying` up; the last second brings `locked`."""
    clock.advance(minutes=1, seconds=59)
    pilot.app.check_idle_lock()  # type: ignore[attr-defined]
    assert isinstance(pilot.app.screen, staying)
    clock.advance(seconds=1)
    pilot.app.check_idle_lock()  # type: ignore[attr-defined]
    await pilot.pause()
    assert isinstance(pilot.app.screen, locked)
