"""Keys that reach a screen after it has closed: the screen now in front gets them.

The app hands each key to the screen in front when it reads it; a screen that
closes while keys wait in its queue (a card read at the door console signs the
volunteer out; a card read over the policy closes it) would otherwise drop
them: the parent's "?" as the answer shows, or the next card read straight
after.
"""

from __future__ import annotations

from typing import Any

from textual import events
from textual.screen import Screen


def pass_on_if_closed(screen: Screen[Any], event: events.Key) -> bool:
    """True when `screen` is no longer in front and the key went to the one that is."""
    if screen.is_current:
        return False
    event.stop()
    event.prevent_default()
    app = screen.app
    # Forwarded, as the app forwards a key: the new screen's focused field types it.
    (app.focused or app.screen)._forward_event(events.Key(event.key, event.character))
    return True
