"""What a volunteer saw of a session, and whether an act chosen on it still holds.

The handover and the return are recorded on the session as the console showed
it when the volunteer chose the act: if it has moved on since (another console
recorded the handover, a parent left, the session was called off), nothing is
recorded and the volunteer is told, in a line, what changed. Pure functions of
the dataclass: `actions` reads the booking and takes the write lock.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from models import MAIN_LINE, BookingState


@dataclass(frozen=True)
class Seen:
    """A session's state and whether its children were handed over and returned."""

    state: str
    handed_over: bool
    returned: bool


# Why an act may not be recorded on a session seen so, or None if it may.
Refusal = Callable[[Seen], "str | None"]


@dataclass(frozen=True)
class Refused:
    text: str
    # The session moved since the volunteer looked (rather than the act never being allowed).
    changed: bool


def handover_refusal(now: Seen) -> str | None:
    # The reason given matches the state: the most specific first.
    if now.returned:
        return "The children have already been returned."
    if now.handed_over:
        return "The children were already handed over."
    if now.state not in MAIN_LINE or now.state == BookingState.CLOSED.value:
        return "This session has already ended."
    if now.state not in (BookingState.BOTH_IN.value, BookingState.IN_CONTACT.value):
        return "Both parties must be checked in before the children are handed over."
    return None


# A session ended early still has its children with the visiting parent until they are
# seen back: their return is recorded after it too, or they stay on the fire roll call.
ENDED_EARLY = frozenset((BookingState.CURTAILED.value, BookingState.TERMINATED.value))


def return_refusal(now: Seen) -> str | None:
    if not now.handed_over:
        return "The children have not been handed over yet."
    if now.returned:
        return "The children were already returned."
    if now.state not in MAIN_LINE and now.state not in ENDED_EARLY:
        return "This session has already ended."
    return None


def still_holds(seen: Seen, now: Seen, refusal: Refusal) -> Refused | None:
    """Why an act chosen on `seen` may not be recorded on the session as it is `now`."""
    if now != seen:
        return Refused(what_changed(seen, now), changed=True)
    why = refusal(now)
    return None if why is None else Refused(why, changed=False)


def what_changed(was: Seen, now: Seen) -> str:
    if now.returned and not was.returned:
        return "The children have been returned."
    if now.handed_over and not was.handed_over:
        return "The children have been handed over."
    return f"It was {_label(was.state)}; it is now {_label(now.state)}."


def _label(state: str) -> str:
    return state.replace("_", " ")
