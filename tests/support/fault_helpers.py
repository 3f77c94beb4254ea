"""Real faults for the kiosk's database: a read-only file, a full disk, a held lock, and
another program's write between a piece of work's reads and its writes.

Each is a context manager; the fault clears when the block ends.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import datetime
from typing import Any

import pytest
import sqlcipher3

from models import (
    Alert,
    Attendance,
    AuditEntry,
    Booking,
    Card,
    Case,
    DbConfig,
    Person,
    database,
)
from models.base import BaseModel

# SQLite's own default: the file may then grow as far as the disk allows.
UNLIMITED_PAGES = 1073741823
# Tables a scan may write. A fault must leave every one of them as it was.
SCAN_TABLES: tuple[type[BaseModel], ...] = (Attendance, Alert, Booking, Case, Person, Card)
# A refused scan is meant to alert the door console; everything else stays.
RECORD_TABLES = tuple(t for t in SCAN_TABLES if t is not Alert)


def digest(tables: tuple[type[BaseModel], ...] = SCAN_TABLES) -> str:
    """One fingerprint of every row a scan could have written or changed."""
    h = hashlib.sha256()
    for model in tables:
        table = model._meta.table_name  # type: ignore[attr-defined]
        for row in database.execute_sql(f'SELECT * FROM "{table}" ORDER BY id'):
            h.update(repr(row).encode())
        h.update(b"|")
    return h.hexdigest()


@contextmanager
def read_only_file(cfg: DbConfig) -> Iterator[None]:
    """The database file cannot be written, as after a bad copy or a read-only mount.

    The mode bits are what a kiosk user meets; root ignores them, so under root
    the file is also marked immutable (chattr +i), which stops root as well.
    The kiosk's connection is closed first: SQLite then reopens the file and
    finds it read-only, exactly as when the kiosk starts on such a file.
    """
    database.close()
    os.chmod(cfg.path, 0o444)
    immutable = os.geteuid() == 0
    if immutable:
        if shutil.which("chattr") is None:
            os.chmod(cfg.path, 0o644)
            pytest.skip("running as root without chattr: cannot make a file read-only for root")
        subprocess.run(["chattr", "+i", str(cfg.path)], check=True)
    try:
        yield
    finally:
        if immutable:
            subprocess.run(["chattr", "-i", str(cfg.path)], check=True)
        os.chmod(cfg.path, 0o644)


def _fill(insert_one: object) -> int:
    """Insert rows until SQLite answers SQLITE_FULL; how many went in."""
    assert callable(insert_one)
    n = 0
    while True:
        try:
            with database.atomic():
                insert_one(n)
        except Exception as exc:
            # SQLite rolls back on SQLITE_FULL itself, so peewee's own
            # ROLLBACK fails next; the cause is the exception's context.
            chain: list[str] = []
            seen: BaseException | None = exc
            while seen is not None:
                chain.append(str(seen).lower())
                seen = seen.__context__
            assert any("full" in text for text in chain), chain
            database.close()
            return n
        n += 1


@contextmanager
def full_disk(filler_booking: Booking, filler_person: Person, at: datetime) -> Iterator[None]:
    """The database can grow no more, and its last pages are full.

    `PRAGMA max_page_count` caps the file at its present size: when a write
    needs one more page SQLite answers SQLITE_FULL ("database or disk is
    full"), the very code and path a disk with no space left gives (the pager
    reports both as SQLITE_FULL and rolls the statement back). RLIMIT_FSIZE
    would not be faithful: SQLite reports EFBIG as an I/O error, not as full.
    The cap is made permanent, so it holds on every new connection until the
    block ends. The tables a scan writes are first filled to their last page
    with rows of an old, unrelated booking, as a disk fills over time, and so
    is the audit log, which every staff action writes.
    """
    pages = database.execute_sql("PRAGMA page_count").fetchone()[0]
    database.pragma("max_page_count", pages, permanent=True)
    _fill(
        lambda n: Attendance.create(
            booking=filler_booking, person=filler_person, kind="in", at=at, method="hand"
        )
    )
    _fill(
        lambda n: Alert.create(
            kind="scan_refused", message=f"filler {n}", created_at=at, case=None, booking=None
        )
    )
    _fill(lambda n: AuditEntry.create(at=at, actor_label="system", action="filler"))
    try:
        yield
    finally:
        database.pragma("max_page_count", UNLIMITED_PAGES, permanent=True)


@contextmanager
def lock_held(cfg: DbConfig, busy_timeout_ms: int = 200) -> Iterator[None]:
    """Another program holds the write lock for longer than the kiosk will wait.

    A second connection (another process would do the same through the file's
    locks) opens a write transaction and keeps it open. The kiosk's busy
    timeout is shortened for the block: what is proven is the behaviour after
    the timeout, not its length (5 s in production).
    """
    database.pragma("busy_timeout", busy_timeout_ms, permanent=True)
    other = other_connection(cfg)
    other.execute("BEGIN IMMEDIATE")
    try:
        yield
    finally:
        other.execute("ROLLBACK")
        other.close()
        database.pragma("busy_timeout", 5000, permanent=True)


@contextmanager
def lock_held_for(cfg: DbConfig, seconds: float) -> Iterator[None]:
    """Another program holds the write lock for `seconds`, or until the block ends.

    The kiosk keeps its production busy timeout (5 s): work that waits its full
    patience outlasts this lock and succeeds; work that gives way at once is
    refused while the lock is held.
    """
    other = other_connection(cfg)
    other.execute("BEGIN IMMEDIATE")
    released = threading.Lock()

    def release() -> None:
        with released:
            if other.in_transaction:
                other.execute("ROLLBACK")

    timer = threading.Timer(seconds, release)
    timer.start()
    try:
        yield
    finally:
        timer.cancel()
        release()
        other.close()


def other_connection(cfg: DbConfig) -> sqlcipher3.Connection:
    other = sqlcipher3.connect(str(cfg.path), isolation_level=None, check_same_thread=False)
    other.execute(f"PRAGMA key = '{cfg.passphrase}'")
    if cfg.kdf_iter:
        other.execute(f"PRAGMA kdf_iter = {cfg.kdf_iter}")
    return other


WRITES = ("INSERT", "UPDATE", "DELETE", "REPLACE")


@contextmanager
def writer_between(cfg: DbConfig) -> Iterator[list[str]]:
    """Another program commits a write between the kiosk's reads and its first write.

    SQLite calls a connection's trace hook as each statement starts. When the
    kiosk's first writing statement starts, another connection tries to commit
    a setting. If the kiosk's transaction already holds the write lock (BEGIN
    IMMEDIATE) the other waits 50 ms and gives up: the yielded list reads
    "waited". If not, it commits ("committed"), and a transaction that has
    already read meets SQLITE_BUSY_SNAPSHOT at its write. The hook goes on
    every connection the kiosk opens in the block (the purge's thread opens
    its own); it acts once.
    """
    other = other_connection(cfg)
    other.execute("PRAGMA busy_timeout = 50")
    outcome: list[str] = []

    def hook(sql: str) -> None:
        if outcome or not sql.lstrip().upper().startswith(WRITES):
            return
        try:
            other.execute(
                "INSERT OR REPLACE INTO setting (key, value) VALUES ('other_program', 'wrote')"
            )
            outcome.append("committed")
        except sqlcipher3.OperationalError:
            outcome.append("waited")

    def on_connect(conn: Any) -> None:
        conn.set_trace_callback(hook)

    hooked: Callable[[Any], None] = on_connect
    if not database.is_closed():
        database.connection().set_trace_callback(hook)
    # peewee calls _initialize_connection on each new connection: the purge's thread's too.
    setattr(database, "_initialize_connection", hooked)  # noqa: B010
    try:
        yield outcome
    finally:
        delattr(database, "_initialize_connection")
        if not database.is_closed():
            database.connection().set_trace_callback(None)
        other.close()
