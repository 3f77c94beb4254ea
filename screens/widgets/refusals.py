"""How every staff screen shows a refusal: its one line, and the screen stays as it was.

A KioskError is something the person can act on: a record that cannot be saved,
a file that is there already, a database that is busy, read-only or full
(kiosk/services/store/faults.py). The handler that met it stops, the screen
shows the error's line on its status line, and the program keeps running; the
service has already rolled everything back. Any other exception is unexpected
and goes to the App's crash report (kiosk/crash_report.py).
"""

from __future__ import annotations

import functools
import inspect
from collections.abc import Awaitable, Callable
from typing import Any, Concatenate, ParamSpec, TypeVar, cast, overload

from textual.content import Content
from textual.css.query import NoMatches
from textual.screen import Screen
from textual.widgets import Static

from kiosk.services.store.errors import KioskError

# Where a screen says what was done or why not, unless its class names another widget.
STATUS_LINE = "#status"

S = TypeVar("S", bound=Screen[Any])
P = ParamSpec("P")


def show_refusal(screen: Screen[Any], exc: KioskError) -> None:
    """exc's line on the screen's status line (its STATUS_LINE), else as a notification."""
    text = str(exc)
    try:
        line = screen.query_one(getattr(screen, "STATUS_LINE", STATUS_LINE), Static)
    except NoMatches:
        screen.notify(text, severity="error", markup=False)
        return
    # The release tools colour an .error status line; the next report clears it.
    line.set_class(True, "error")
    # Content, not markup: a refusal can quote what was typed.
    line.update(Content(text))


@overload
def refusals_shown(
    handler: Callable[Concatenate[S, P], Awaitable[None]],
) -> Callable[Concatenate[S, P], Awaitable[None]]: ...


@overload
def refusals_shown(
    handler: Callable[Concatenate[S, P], None],
) -> Callable[Concatenate[S, P], None]: ...


def refusals_shown(handler: Callable[Concatenate[S, P], Any]) -> Callable[Concatenate[S, P], Any]:
    """A screen's handler whose KioskError is shown by show_refusal instead of stopping the app.

    Textual counts a handler's parameters to decide what to pass it; functools.wraps
    keeps the signature it reads.
    """
    if inspect.iscoroutinefunction(handler):
        coroutine = cast(Callable[Concatenate[S, P], Awaitable[None]], handler)

        @functools.wraps(handler)
        async def run_async(screen: S, /, *args: P.args, **kwargs: P.kwargs) -> None:
            try:
                await coroutine(screen, *args, **kwargs)
            except KioskError as exc:
                show_refusal(screen, exc)

        return run_async

    @functools.wraps(handler)
    def run(screen: S, /, *args: P.args, **kwargs: P.kwargs) -> None:
        try:
            handler(screen, *args, **kwargs)
        except KioskError as exc:
            show_refusal(screen, exc)

    return run
