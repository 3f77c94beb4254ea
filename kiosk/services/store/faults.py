"""What a database failure means for the people at the door.

A scan that the database refuses (the file read-only, the disk full, a lock
held past the busy timeout) is rolled back whole; staff are told why in their
own words, never with data from the scan.
"""

from __future__ import annotations

import contextlib

from peewee import PeeweeException

from models import database

# Any failure of the database driver, as peewee raises it.
StoreError = PeeweeException


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


def fault_reason(exc: BaseException) -> str:
    """What went wrong, for staff: the SQLite error class, never data."""
    text = _chain_text(exc)
    if read_only(exc):
        return "the database file is read-only: check-ins are not being recorded"
    if "full" in text:
        return "the disk is full: check-ins are not being recorded"
    if "locked" in text or "busy" in text:
        return "the database is locked by another program: check-ins are not being recorded"
    return "the database reported an error: check-ins are not being recorded"


def reset_connection() -> None:
    """Drop the connection; the next statement opens a fresh one.

    One opened while the file was read-only stays read-only after the file is
    made writable again. Closing a broken connection may itself fail.
    """
    with contextlib.suppress(StoreError):
        database.close()
