"""Inline errors shared by the co-ordinator's forms (a helper, not a screen).

Each problem names a field; the form's input for it gets the `-field-error` class
(our own: Textual's `-invalid` is cleared when the field loses the focus, and its
focus style hides it) until it is edited, the first such input the focus, and
the message is listed in the form's error box after the field's label
("Pre-visit on: '31/02/2026' is not a date"), so a form with eight dates says
which one. Messages can quote what was typed, so they are shown with markup off.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterable
from typing import Any

from textual.css.query import InvalidQueryFormat, NoMatches
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Input, Label, Select, Static

from kiosk.services.store.forms import Problem

FIELD_ERROR = "-field-error"


def default_id(field: str) -> str:
    """`people.0.first_name` is the input `#people-0-first_name`."""
    return field.replace(".", "-")


def clear_problems(screen: Screen[Any], box: str = "#errors") -> None:
    for widget in screen.query(f".{FIELD_ERROR}"):
        widget.remove_class(FIELD_ERROR)
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
        mark_field(screen, widget)
        bad.append(widget)
        lines.append(named(field_name(widget), problem.message))
    error_box = screen.query_one(box, Static)
    error_box.update("\n".join(lines))
    error_box.display = bool(lines)
    focusable = [w for w in bad if w.focusable]
    if focusable:
        focusable[0].focus()
        focusable[0].scroll_visible(animate=False)


def mark_field(screen: Screen[Any], widget: Widget) -> None:
    """Outline a field an error names, until what it holds is changed."""
    widget.add_class(FIELD_ERROR)
    if isinstance(widget, Input | Select):

        def edited() -> None:
            widget.remove_class(FIELD_ERROR)

        screen.watch(widget, "value", edited, init=False)


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
