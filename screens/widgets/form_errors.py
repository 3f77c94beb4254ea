"""Inline errors shared by the co-ordinator's forms (a helper, not a screen).

Each problem names a field; the form's input for it gets the `-invalid` class
and the message is listed in the form's error box. Messages can quote what
was typed, so they are shown with markup off.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterable
from typing import Any

from textual.css.query import InvalidQueryFormat, NoMatches
from textual.screen import Screen
from textual.widgets import Static

from kiosk.services.store.forms import Problem


def default_id(field: str) -> str:
    """`people.0.first_name` is the input `#people-0-first_name`."""
    return field.replace(".", "-")


def clear_problems(screen: Screen[Any], box: str = "#errors") -> None:
    for widget in screen.query(".-invalid"):
        widget.remove_class("-invalid")
    error_box = screen.query_one(box, Static)
    error_box.update("")
    error_box.display = False


def show_problems(
    screen: Screen[Any],
    problems: Iterable[Problem],
    widget_id: Callable[[str], str] = default_id,
    box: str = "#errors",
) -> None:
    clear_problems(screen, box)
    lines: list[str] = []
    for problem in problems:
        lines.append(problem.message)
        # A whole-record problem has no input: the message alone says it.
        if not problem.field:
            continue
        with contextlib.suppress(NoMatches, InvalidQueryFormat):
            screen.query_one(f"#{widget_id(problem.field)}").add_class("-invalid")
    error_box = screen.query_one(box, Static)
    error_box.update("\n".join(lines))
    error_box.display = bool(lines)
