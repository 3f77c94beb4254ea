"""When the door console's timers have work to do: only after a write, or a new minute.

Idle, the console's one-second timer would otherwise read today's board again
(a dozen queries, and a redraw when anything differs) and its ten-second
timer would take the write lock to find no one late. Both ask first whether
anything was committed since (kiosk/services/store/changes.py, answered from
memory) and whether the clock alone changes what they would find.
"""

from __future__ import annotations

from datetime import datetime

from kiosk.services.door.board import Board
from kiosk.services.store.changes import Mark


class Freshness:
    def __init__(self) -> None:
        self._read_at: Mark | None = None
        self._ticked_at: tuple[Mark, datetime] | None = None

    def board_current(self, mark: Mark | None, board: Board | None, now: datetime) -> bool:
        """The board on screen is what a new read would find (no mark: read, and say why)."""
        return (
            mark is not None
            and mark == self._read_at
            and board is not None
            # A clock set back (in tests, or by the operating system) reads afresh too.
            and board.at <= now < board.fresh_until
        )

    def board_read(self, mark: Mark | None) -> None:
        self._read_at = mark

    def tick_due(self, mark: Mark | None, now: datetime) -> bool:
        # The tick's rules move on whole minutes (start times and graces are minutes).
        return mark is None or (mark, _minute(now)) != self._ticked_at

    def ticked(self, mark: Mark | None, now: datetime) -> None:
        """After a tick that succeeded: its own writes are in the mark it leaves."""
        self._ticked_at = None if mark is None else (mark, _minute(now))


def _minute(now: datetime) -> datetime:
    return now.replace(second=0, microsecond=0)
