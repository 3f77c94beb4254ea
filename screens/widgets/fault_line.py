"""One line naming what a timer's work could not do; hidden while everything works.

A timer (the door board's refresh and tick) must outlive a database fault: the
work is tried again at the next beat, and until it succeeds the volunteer reads
why in one line, in the fault's own words (kiosk/services/store/faults.py).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from textual.widgets import Static

from kiosk.services.store.faults import StoreFault

T = TypeVar("T")


class FaultLine(Static):
    DEFAULT_CSS = """
    FaultLine {
        height: 1;
        background: $error;
        color: $text;
        padding: 0 1;
    }
    """

    def __init__(self, *, id: str) -> None:
        super().__init__("", id=id, markup=False)
        # What failed at its last try, by name; each is cleared by its own next success.
        self.faults: dict[str, StoreFault] = {}
        self._shown = ""
        self.display = False

    def run(self, what: str, work: Callable[[], T]) -> T | None:
        """work's result, or None when the database refused it (the line says why)."""
        try:
            done = work()
        except StoreFault as exc:
            self.faults[what] = exc
            done = None
        else:
            self.faults.pop(what, None)
        fault = next(iter(self.faults.values()), None)
        text = f"{fault.cause}. The board retries by itself." if fault else ""
        # Called every second by the board's timer: an update, even to the same text,
        # lays the whole screen out again and redraws it.
        if text != self._shown:
            self._shown = text
            self.display = fault is not None
            self.update(text)
        return done
