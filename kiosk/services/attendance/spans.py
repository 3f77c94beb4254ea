"""A person's first arrival and last departure of a session: one reading for every view.

The referrer export, subject access and the door board all fold the same check-in and
check-out events (in time order) into a `Span`; a person who stepped out and came back
keeps their first arrival, `latest_in` says when they came back, and `departed` is empty
again until they leave.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable
from dataclasses import dataclass, replace
from datetime import datetime
from typing import TypeVar

from kiosk.services.scan.rules import IN, OUT

K = TypeVar("K", bound=Hashable)


@dataclass(frozen=True)
class Span:
    arrived: datetime | None = None  # the first check-in
    left: datetime | None = None  # the last check-out
    latest_in: datetime | None = None  # the last check-in (after stepping out, the return)
    inside: bool = False  # the last event was a check-in

    @property
    def departed(self) -> datetime | None:
        """When they left, or None while they are inside: never both a departure and inside.

        A person who stepped out and came back has an earlier `left`, but has not left.
        """
        return None if self.inside else self.left

    def then(self, kind: str, at: datetime) -> Span:
        """This span after one more event."""
        if kind == IN:
            return replace(self, arrived=self.arrived or at, latest_in=at, inside=True)
        if kind == OUT:
            return replace(self, left=at, inside=False)
        return self


# No event yet: nobody has arrived or left.
NOT_SEEN = Span()


def span_of(events: Iterable[tuple[str, datetime]]) -> Span:
    """One person's events on one session, in time order."""
    span = Span()
    for kind, at in events:
        span = span.then(kind, at)
    return span


def spans_by(events: Iterable[tuple[K, str, datetime]]) -> dict[K, Span]:
    """Many people's or sessions' events in time order, each keyed as the caller groups them."""
    found: dict[K, Span] = {}
    for key, kind, at in events:
        found[key] = found.get(key, Span()).then(kind, at)
    return found
