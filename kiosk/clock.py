"""Clocks. Every rule that depends on the time takes one, so tests can set it."""

from __future__ import annotations

from datetime import datetime, time, timedelta
from typing import Protocol


def day_bounds(now: datetime) -> tuple[datetime, datetime]:
    """The start of now's day and of the next: the day a booking or a scan belongs to."""
    start = datetime.combine(now.date(), time.min)
    return start, start + timedelta(days=1)


class Clock(Protocol):
    def now(self) -> datetime: ...


class SystemClock:
    """Local wall-clock time: the centre works in its own time zone."""

    def now(self) -> datetime:
        return datetime.now()


class FixedClock:
    """A clock that only moves when told to."""

    def __init__(self, at: datetime) -> None:
        self._at = at

    def now(self) -> datetime:
        return self._at

    def set(self, at: datetime) -> None:
        self._at = at

    def advance(self, **delta: float) -> datetime:
        self._at += timedelta(**delta)
        return self._at
