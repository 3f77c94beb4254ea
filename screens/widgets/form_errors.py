"""Inline errors shared by the co-ordinator's forms (a helper, not a screen).

Each problem names a field; the form's input for it gets the `-invalid` class,
the first such input the focus, and the message is listed in the form's error
box after the field's label ("Pre-visit on: '31/02/2026' is not a date"), so a
form with eight dates says which one. Messages can quote what was typed, so
they are shown with markup off.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterable
from typing import Any

from textual.css.query import InvalidQueryFormat, NoMatches
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Label, Static

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
    bad: list[Widget] = []
    for problem in problems:
        widget = None
        # A whole-record problem has no input: the message alone says it.
        if problem.field:
            with contextlib.suppress(NoMatches, InvalidQueryFormat):
                widget = screen.query_one(f"#{widget_id(problem.field)}")
        if widget is None:
            lines.append(problem.message)
            continue
        widget.add_class("-invalid")
        bad.append(widget)
        lines.append(named(field_name(widget), problem.message))
    error_box = screen.query_one(box, Static)
    error_box.update("\n".join(lines))
    error_box.display = bool(lines)
    focusable = [w for w in bad if w.focusable]
    if focusable:
        focusable[0].focus()
        focusable[0].scroll_visible(animate=False)


def named(label: str, message: str) -> str:
    """The message after its field's label, unless it already starts with it."""
    if not label or message.lower().startswith(label.lower()):
        return message
    return f"{label}: {message}"


def field_name(widget: Widget) -> str:
    """What the form calls a field: the label of its row, or the name given to a field
    with no label of its own; inside a section about one person, that section's title
    first ("Visiting parent, Pre-visit on")."""
    own = widget.name or ""
    if not own and widget.parent is not None:
        labels = widget.parent.query_children(Label)
        own = str(labels.first().render()) if labels else ""
    for ancestor in widget.ancestors:
        if isinstance(ancestor, Widget) and ancestor.has_class("person"):
            title = ancestor.border_title
            return f"{title}, {own}" if title and own else own
    return own
