"""The base type of the co-ordinator's record screens, named by admin_form.tcss.

Textual applies a screen's sheet to the whole app, so the shared rules in
admin_form.tcss start with AdminFormScreen: they style the screens built on it
and no other (the release forms and the door console use some of the same ids).
"""

from __future__ import annotations

from textual.screen import Screen


class AdminFormScreen(Screen[None]):
    """A co-ordinator screen laid out by admin_form.tcss: titles, sections, rows,
    inline errors, status and buttons. Subclasses list "admin_form.tcss" first in
    their CSS_PATH, then their own sheet.
    """
