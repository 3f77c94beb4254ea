"""When a session's families pass through the entrance: its arrival and departure windows.

The booking checks refuse a session whose windows meet another family's, and the
week view draws them, so that both read the same times.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

# A window of no length (a gap of 0 minutes) still occupies the entrance briefly.
MIN_WINDOW = timedelta(minutes=1)


@dataclass(frozen=True)
class Window:
    kind: str  # "arrival" or "departure"
    starts: datetime
    ends: datetime

    def meets(self, other: Window) -> bool:
        return self.starts < other.ends and other.starts < self.ends


def _span(start: datetime, end: datetime) -> tuple[datetime, datetime]:
    return start, max(end, start + MIN_WINDOW)


def windows(start: datetime, end: datetime, gap_min: int, hold_min: int) -> tuple[Window, Window]:
    """The first party arrives from `gap` before the start and leaves up to `hold` after the end."""
    arrival = Window("arrival", *_span(start - timedelta(minutes=gap_min), start))
    departure = Window("departure", *_span(end, end + timedelta(minutes=hold_min)))
    return arrival, departure
