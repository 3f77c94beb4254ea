"""A timer that fires once nobody has touched something for a while.

One Textual timer per quiet spell, re-armed from the last touch, rather than a
timer per key: a scanner types some forty keys in a burst.
"""

from __future__ import annotations

from collections.abc import Callable
from time import monotonic

from textual.message_pump import MessagePump
from textual.timer import Timer


class Inactivity:
    def __init__(self, owner: MessagePump, seconds: float, on_idle: Callable[[], None]) -> None:
        self.owner = owner
        self.seconds = seconds
        self.on_idle = on_idle
        self._last = monotonic()
        self._timer: Timer | None = None

    def touch(self) -> None:
        """Something happened: the quiet spell starts again from now."""
        self._last = monotonic()
        if self._timer is None:
            self._timer = self.owner.set_timer(self.seconds, self._check)

    def stop(self) -> None:
        if self._timer is not None:
            self._timer.stop()
            self._timer = None

    def _check(self) -> None:
        self._timer = None
        quiet = monotonic() - self._last
        if quiet >= self.seconds:
            self.on_idle()
        else:
            self._timer = self.owner.set_timer(self.seconds - quiet, self._check)
