"""The board's countdowns, and when the clock alone next changes what the board says.

The console asks the database for a new board only when something was
written or when `fresh_until` has passed: between the two, a board read again
would read the same.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime, timedelta

from models import Booking, Case

MINUTE = timedelta(minutes=1)


def expected_at(b: Booking, case: Case, role: str) -> datetime:
    """When a party is due: the first party the arrival gap before the start."""
    if role == case.first_party:
        return b.starts_at - timedelta(minutes=case.arrival_gap_min)
    return b.starts_at


def minutes(delta: timedelta) -> str:
    total = int(delta.total_seconds() // 60)
    return f"{total // 60}h{total % 60:02d}m" if total >= 60 else f"{total}m"


def fresh_until(holds_end: Iterable[datetime], now: datetime) -> datetime:
    """The next moment any text on the board changes with the clock alone.

    The header's clock and the arrival countdowns move on the minute (bookings
    start on whole minutes); a departure hold's countdown moves a whole number
    of minutes before the hold ends, and the hold began at a check-out's second.
    """
    soon = now.replace(second=0, microsecond=0) + MINUTE
    for end in holds_end:
        if now < end:
            left = (end - now) % MINUTE
            soon = min(soon, now + (left or MINUTE))
    return soon
