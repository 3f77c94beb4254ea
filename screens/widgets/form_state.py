"""What a form holds, to tell whether it has changed since it was opened or saved.

A helper for the co-ordinator's forms: Escape compares the form with what it
held when it was last filled from the database, and asks before throwing typing
away. Fields added or removed (an adult, a consent) change it too.
"""

from __future__ import annotations

from typing import Any

from textual.screen import Screen
from textual.widgets import Checkbox, Input, Select, TextArea

FormState = tuple[tuple[str, object], ...]


def form_state(screen: Screen[Any]) -> FormState:
    """Every field's id and value, in the order the form shows them."""
    held: list[tuple[str, object]] = []
    for widget in screen.query("Input, Select, Checkbox, TextArea"):
        if isinstance(widget, TextArea):
            value: object = widget.text
        elif isinstance(widget, (Input, Select, Checkbox)):
            value = widget.value
        else:
            continue
        held.append((widget.id or "", value))
    return tuple(held)
