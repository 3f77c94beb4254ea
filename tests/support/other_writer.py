"""Another connection to the same file, holding the write lock while the test acts.

The door console and the kiosk are separate connections (often processes) on
one file. `other_writer` opens a second real connection on a thread, takes the
write lock, writes, and commits a moment later: whatever the test does inside
the block starts while that write is in flight, as a door act can when the
kiosk records a scan at the same moment.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from models import database

# Bounds, not timings under test: a broken test fails instead of hanging.
GIVE_UP_AFTER = 20.0
HOLD_SECONDS = 0.5


@contextmanager
def other_writer(write: Callable[[], object], hold: float = HOLD_SECONDS) -> Iterator[None]:
    """Run write() on another connection, committing `hold` seconds after the block starts."""
    locked = threading.Event()
    failed: list[BaseException] = []

    def run() -> None:
        try:
            # peewee keeps one connection per thread: this is a second, real one.
            with database.atomic(lock_type="IMMEDIATE"):
                write()
                locked.set()
                time.sleep(hold)
        except BaseException as exc:  # reported to the test below
            failed.append(exc)
        finally:
            locked.set()
            database.close()

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    assert locked.wait(GIVE_UP_AFTER), "the other connection never took the write lock"
    try:
        yield
    finally:
        thread.join(GIVE_UP_AFTER)
    assert not thread.is_alive(), "the other connection never finished"
    assert not failed, failed
