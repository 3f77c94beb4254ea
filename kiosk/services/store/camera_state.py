"""Whether the kiosk's camera works, kept in the database for the door console.

The door console may be another process (`kiosk door` on a second terminal), and
it already reads the database every second: the kiosk writes the camera's state
there when it changes, and the board reads it with everything else. The state is
one word and, when the camera does not work, the reason in the camera's own terms
(a device's name): never a picture, never anything about a person.
"""

from __future__ import annotations

from kiosk.services.store import settings
from kiosk.services.store.faults import (
    TIMER_PATIENCE_MS,
    StoreError,
    StoreFault,
    patience,
    writes,
)

KEY = "camera_state"
READY, UNAVAILABLE, OFF = "ready", "unavailable", ""


@writes
def _put(value: str) -> None:
    settings.put(KEY, value)


def record(state: str, why: str = "") -> None:
    """The camera's state as the kiosk now sees it; raises StoreFault (the kiosk retries).

    Written from a timer on the kiosk's UI thread: it waits only briefly for another
    program's lock, and tries again at the next beat.
    """
    # A working camera has a word too, when it read a frame it would not take as a scan.
    value = f"{state}: {why}" if state != OFF and why else state
    with patience(TIMER_PATIENCE_MS):
        _put(value)


def current() -> tuple[str, str]:
    """(state, why): OFF when no kiosk is using a camera."""
    raw = settings.get(KEY)
    state, _, why = raw.partition(": ")
    return state, why


def door_line() -> str:
    """What the door console shows: "" while the camera works or none is in use."""
    state, why = current()
    if state == READY:
        return f"camera: {why}" if why else ""
    if state != UNAVAILABLE:
        return ""
    return f"camera unavailable ({why})" if why else "camera unavailable"


def forget() -> None:
    """A kiosk starting without a camera: no stale word from a kiosk that stopped uncleanly.

    Written only when there is something to clear; a database that refuses is left as it
    is (the kiosk must start, and the door's word is only advice).
    """
    try:
        if current()[0] != OFF:
            record(OFF)
    except (StoreFault, StoreError):
        pass
