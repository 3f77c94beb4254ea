"""What a database failure means for the people at the door and in the office.

A scan that the database refuses (the file read-only, the disk full, a lock
held past the busy timeout) is rolled back whole; staff are told why in their
own words, never with data from the scan.

Staff paths (sign-in, the door board's timers, the co-ordinator's forms,
releases, purge, backup) share one rule through `writes` and `reads`: the work
is one transaction that takes the write lock first, a fault rolls it back whole,
and what reaches the screen is a `StoreFault`, a KioskError whose one line says
why in staff's words. The next try after the fault clears starts afresh.
"""

from __future__ import annotations

import contextlib
import functools
from collections.abc import Callable, Iterator
from typing import ParamSpec, TypeVar

from peewee import PeeweeException

from models import database
from models.errors import KioskError

# Any failure of the database driver, as peewee raises it.
StoreError = PeeweeException

P = ParamSpec("P")
R = TypeVar("R")

READ_ONLY, FULL, LOCKED, OTHER = "read-only", "full", "locked", "other"

# The scan path's words, for the door console's alert line.
_SCAN_CAUSES = {
    READ_ONLY: "the database file is read-only",
    FULL: "the disk is full",
    LOCKED: "the database is locked by another program",
    OTHER: "the database reported an error",
}
# The same causes as the first half of a staff path's one line.
STAFF_CAUSES = {
    READ_ONLY: "The database cannot be written: its file is read-only",
    FULL: "The database cannot be written: the disk is full",
    LOCKED: "The database is busy: another program is holding it",
    OTHER: "The database reported an error",
}
NOT_SAVED = "Nothing was saved; try again when it clears"


def _chain_text(exc: BaseException) -> str:
    """The messages of exc and what it arose from.

    After SQLITE_FULL SQLite has already rolled the transaction back, so the
    error that reaches here is peewee's failed ROLLBACK; the cause is in its
    context.
    """
    texts: list[str] = []
    seen: BaseException | None = exc
    while seen is not None and len(texts) < 5:
        texts.append(str(seen).lower())
        seen = seen.__cause__ or seen.__context__
    return " | ".join(texts)


def read_only(exc: BaseException) -> bool:
    text = _chain_text(exc)
    return "readonly" in text or "read-only" in text


def fault_kind(exc: BaseException) -> str:
    """READ_ONLY, FULL, LOCKED or OTHER: the SQLite error class, never data."""
    text = _chain_text(exc)
    if read_only(exc):
        return READ_ONLY
    if "full" in text:
        return FULL
    if "locked" in text or "busy" in text:
        return LOCKED
    return OTHER


def fault_reason(exc: BaseException) -> str:
    """What went wrong with a scan, for staff: the SQLite error class, never data."""
    return f"{_SCAN_CAUSES[fault_kind(exc)]}: check-ins are not being recorded"


class StoreFault(KioskError):
    """The database refused the work (locked past the busy timeout, read-only, full).

    Nothing was changed. The message is one line in staff's words, built only
    from the kind of fault: SQLite's own text can name tables and columns, and
    other exceptions' text can hold what was typed.
    """

    def __init__(self, kind: str, outcome: str = NOT_SAVED) -> None:
        self.kind = kind
        self.cause = STAFF_CAUSES[kind]
        super().__init__(f"{self.cause}. {outcome}.")

    @classmethod
    def from_error(cls, exc: BaseException) -> StoreFault:
        return cls(fault_kind(exc))


def reset_connection() -> None:
    """Drop the connection; the next statement opens a fresh one.

    One opened while the file was read-only stays read-only after the file is
    made writable again. Closing a broken connection may itself fail.
    """
    with contextlib.suppress(StoreError):
        database.close()


def writes(work: Callable[P, R]) -> Callable[P, R]:
    """Run work as one write transaction that takes the write lock first.

    IMMEDIATE: another program's commit between this work's reads and its
    writes would otherwise fail the first write at once (SQLITE_BUSY_SNAPSHOT)
    or, outside a transaction, leave the reads stale. A fault rolls everything
    back and is raised as StoreFault. A connection opened while the file was
    read-only is replaced and the work tried once more, so the first try after
    the file is writable again succeeds. Called inside another `writes`, work
    joins that transaction and the outer one answers for faults.
    """

    @functools.wraps(work)
    def run(*args: P.args, **kwargs: P.kwargs) -> R:
        if database.in_transaction():
            return work(*args, **kwargs)
        for attempt in (1, 2):
            try:
                with database.atomic(lock_type="IMMEDIATE"):
                    return work(*args, **kwargs)
            except StoreError as exc:
                reset_connection()
                if attempt == 1 and read_only(exc):
                    continue
                raise StoreFault.from_error(exc) from exc
        raise AssertionError("unreachable")

    return run


# What a timer's write waits for another program's lock: the next beat catches up,
# and the timer runs on the thread that answers the volunteer's keys.
TIMER_PATIENCE_MS = 100


@contextlib.contextmanager
def patience(milliseconds: int) -> Iterator[None]:
    """Wait at most this long for another program's write lock inside the block.

    The connection's busy timeout (5 s) is for a person's act, which should
    rather wait than fail; work on a timer should rather fail and try again.
    """
    try:
        (before,) = database.execute_sql("PRAGMA busy_timeout").fetchone()
        database.execute_sql(f"PRAGMA busy_timeout = {int(milliseconds)}")
    except StoreError as exc:
        reset_connection()
        raise StoreFault.from_error(exc) from exc
    try:
        yield
    finally:
        # A fault may have replaced the connection: the new one gets the old wait too.
        with contextlib.suppress(StoreError):
            database.execute_sql(f"PRAGMA busy_timeout = {int(before)}")


def reads(work: Callable[P, R]) -> Callable[P, R]:
    """Run work that only reads; a database fault is raised as StoreFault."""

    @functools.wraps(work)
    def run(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return work(*args, **kwargs)
        except StoreError as exc:
            if not database.in_transaction():
                reset_connection()
            raise StoreFault.from_error(exc) from exc

    return run
