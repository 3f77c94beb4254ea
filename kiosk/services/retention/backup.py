"""Backups and integrity checks, and what restores and key changes share with them.

A backup never exists in plaintext: the copy is written by SQLite's online
backup API into a new file that is keyed before its first page is written, so
every byte on disk is SQLCipher-encrypted from the start. The backup reads one
consistent snapshot (WAL mode lets the kiosk keep writing meanwhile).
"""

from __future__ import annotations

import contextlib
import fcntl
import os
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import sqlcipher3
from peewee import DatabaseError
from playhouse.sqlcipher_ext import SqlCipherDatabase

from kiosk.services import store
from kiosk.services.store import audit, private_files
from kiosk.services.store.errors import KioskError
from kiosk.services.store.faults import (
    FULL,
    READ_ONLY,
    STAFF_CAUSES,
    StoreFault,
    fault_kind,
    writes,
)
from kiosk.services.store.forms import counted
from kiosk.services.store.opening import why_not_opened, why_not_written
from models import SCHEMA_VERSION, AuditEntry, DbConfig, database
from models.db import BASE_PRAGMAS, WRONG_KEY, not_a_database

# peewee wraps errors from execute(); those met while reading rows, or inside SQLCipher's
# own statements (a re-key), arrive unwrapped.
DATABASE_ERRORS = (DatabaseError, sqlcipher3.DatabaseError)

# SQLite's SHARED lock bytes (os_unix.c): every connection that has the file
# open in WAL mode holds a read lock here, for as long as it is open.
_SHARED_FIRST = 0x40000002
_SHARED_SIZE = 510


class BackupError(KioskError):
    """A backup, restore or key change that cannot go ahead; one line for the user."""


@dataclass(frozen=True)
class FileCheck:
    path: Path
    user_version: int
    pages: int
    problems: list[str]

    @property
    def ok(self) -> bool:
        return not self.problems


def _pragmas(kdf_iter: int | None) -> list[tuple[str, object]]:
    head: list[tuple[str, object]] = [("kdf_iter", kdf_iter)] if kdf_iter else []
    return head + BASE_PRAGMAS


def _other_file(path: Path, passphrase: str, kdf_iter: int | None) -> SqlCipherDatabase:
    """A connection to a file other than the live database, keyed like it."""
    if not passphrase:
        raise BackupError("refusing an empty passphrase: the file would not be encrypted")
    return SqlCipherDatabase(str(path), passphrase=passphrase, pragmas=_pragmas(kdf_iter))


def _problems(db: SqlCipherDatabase) -> list[str]:
    """What SQLCipher and SQLite find wrong with an open database; [] when sound."""
    found: list[str] = []
    try:
        # One row per page whose HMAC does not match: tampering or a bad disk.
        found += [str(r[0]) for r in db.execute_sql("PRAGMA cipher_integrity_check")]
        rows = [str(r[0]) for r in db.execute_sql("PRAGMA integrity_check")]
        if rows != ["ok"]:
            found += rows
        broken = db.execute_sql("PRAGMA foreign_key_check").fetchall()
        if broken:
            found.append(
                f"{counted(len(broken), 'row')} "
                f"{'refers' if len(broken) == 1 else 'refer'} to records that do not exist"
            )
    except DATABASE_ERRORS as exc:
        found.append(f"the database cannot be read: {exc}")
    return found


def check_file(path: Path, passphrase: str, kdf_iter: int | None) -> FileCheck:
    """Open a kiosk database file with the passphrase and check every page."""
    if not path.is_file():
        raise BackupError(f"no database file at {path}")
    db = _other_file(path, passphrase, kdf_iter)
    try:
        try:
            version = int(db.execute_sql("PRAGMA user_version").fetchone()[0])
            tables = int(db.execute_sql("SELECT count(*) FROM sqlite_master").fetchone()[0])
        except DATABASE_ERRORS as exc:
            if not_a_database(exc):
                raise BackupError(f"{path}: {WRONG_KEY}") from exc
            raise BackupError(why_not_opened(exc, path)) from exc
        if version == 0 or tables == 0:
            raise BackupError(f"{path}: {WRONG_KEY}")
        problems = _problems(db)
        if version > SCHEMA_VERSION:
            problems.append(f"schema version {version} is newer than this kiosk knows")
        pages = int(db.execute_sql("PRAGMA page_count").fetchone()[0])
        return FileCheck(path, version, pages, problems)
    finally:
        db.close()


def verify_open() -> list[str]:
    """Problems with the open live database; [] when every page is sound."""
    return _problems(database)


def in_use(path: Path) -> bool:
    """True when another process has the database open (the kiosk is running).

    Call it before this process opens the file: closing the probe's descriptor
    would drop this process's own SQLite locks on it (POSIX lock semantics).
    """
    if not path.exists():
        return False
    if not path.is_file():
        raise BackupError(f"{path} is not a database file")
    try:
        fd = os.open(path, os.O_RDWR)
    except OSError as exc:
        # Whether another program holds a file that cannot be opened for writing cannot be
        # learnt, and a read-only file cannot be re-keyed or replaced anyway.
        raise BackupError(f"{why_not_written(exc, path)}; nothing was changed") from exc
    try:
        fcntl.lockf(fd, fcntl.LOCK_EX | fcntl.LOCK_NB, _SHARED_SIZE, _SHARED_FIRST, os.SEEK_SET)
    except OSError:
        return True
    finally:
        os.close(fd)
    return False


def refuse_if_in_use(path: Path, doing: str) -> None:
    if in_use(path):
        raise BackupError(f"{path} is in use (is the kiosk running?): stop it before {doing}")


def remove_with_companions(path: Path) -> None:
    for p in [path, *store.sidecar_files(path)]:
        with contextlib.suppress(FileNotFoundError):
            p.unlink()


def fsync_file_and_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
    dir_fd = os.open(path.parent, os.O_RDONLY)
    try:
        os.fsync(dir_fd)
    finally:
        os.close(dir_fd)


@dataclass(frozen=True)
class BackupWritten:
    path: Path
    user_version: int
    pages: int
    # Empty when the live audit log records the backup; else why it could not, in one line.
    not_recorded: str = ""


def backup(cfg: DbConfig, target: Path, now: datetime, *, actor_label: str = "") -> BackupWritten:
    """Copy the open live database to `target`, encrypted, and check the copy."""
    if target.exists():
        raise BackupError(f"{target} already exists: choose a new file name")
    if not target.parent.is_dir():
        raise BackupError(f"no directory {target.parent}")
    partial = target.with_name(f".{target.name}.partial")
    remove_with_companions(partial)
    # An empty file only readable by us; SQLite writes its first page encrypted.
    try:
        os.close(os.open(partial, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600))
    except OSError as exc:
        raise BackupError(f"cannot write in {target.parent}: {exc.strerror}") from exc
    try:
        copy = _other_file(partial, cfg.passphrase, cfg.kdf_iter)
        try:
            # One step: the whole copy is read inside a single read transaction.
            database.connection().backup(copy.connection())
        except DATABASE_ERRORS as exc:
            # Most often the disk the copy goes to (a memory stick) is full.
            raise BackupError(f"{why_not_written(exc, target)}; no backup was made") from exc
        finally:
            copy.close()
        check = _checked(partial, cfg)
        with private_files.removed_on_failure() as placed:
            not_recorded = _place(partial, target, cfg, now, check.pages, actor_label, placed)
    except BaseException:
        remove_with_companions(partial)
        raise
    return BackupWritten(target, check.user_version, check.pages, not_recorded)


def _checked(partial: Path, cfg: DbConfig) -> FileCheck:
    check = check_file(partial, cfg.passphrase, cfg.kdf_iter)
    if not check.ok:
        raise BackupError(f"the copy failed its check: {check.problems[0]}")
    fsync_file_and_dir(partial)
    return check


# A disk that refuses writes is when a copy is needed most: it is then made all the same.
_DISK_FAULTS = (READ_ONLY, FULL)


def _place(
    partial: Path,
    target: Path,
    cfg: DbConfig,
    now: datetime,
    pages: int,
    actor_label: str,
    placed: list[Path],
) -> str:
    """Give the copy its name with its audit entry: in the live audit log, or, when the
    live database's disk refuses to write (read-only, full), in the copy's own."""
    try:
        _put_in_place(partial, target, now, pages, actor_label, placed)
        return ""
    except StoreFault as fault:
        if fault.kind not in _DISK_FAULTS:
            raise
        kind = fault.kind
    _record_in_copy(partial, cfg, now, f"pages={pages} live={kind}", actor_label)
    _checked(partial, cfg)
    os.replace(partial, target)
    placed.append(target)
    return (
        f"{STAFF_CAUSES[kind]}, so its audit log could not record this backup; "
        "the backup's own audit log records it"
    )


@writes
def _put_in_place(
    partial: Path, target: Path, now: datetime, pages: int, actor_label: str, placed: list[Path]
) -> None:
    """The copy takes its name only with its audit entry: a copy of every family's records
    that no audit log shows must not exist (a database fault is a StoreFault)."""
    audit.record("backup", now, detail=f"pages={pages}", actor_label=actor_label)
    os.replace(partial, target)
    placed.append(target)


def _record_in_copy(
    partial: Path, cfg: DbConfig, now: datetime, detail: str, actor_label: str
) -> None:
    """The backup's audit entry, written into the copy itself."""
    copy = _other_file(partial, cfg.passphrase, cfg.kdf_iter)
    try:
        with copy.bind_ctx([AuditEntry]), copy.atomic():
            audit.record("backup", now, detail=detail, actor_label=actor_label)
        copy.execute_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    except DATABASE_ERRORS as exc:
        raise StoreFault(fault_kind(exc), "No backup was made") from exc
    finally:
        copy.close()
