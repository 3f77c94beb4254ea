"""Backups, restores, passphrase changes and integrity checks.

A backup never exists in plaintext: the copy is written by SQLite's online
backup API into a new file that is keyed before its first page is written, so
every byte on disk is SQLCipher-encrypted from the start. The backup reads one
consistent snapshot (WAL mode lets the kiosk keep writing meanwhile).
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import shutil
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import sqlcipher3
from peewee import DatabaseError
from playhouse.sqlcipher_ext import SqlCipherDatabase

from kiosk.services import store
from kiosk.services.store import audit, private_files
from kiosk.services.store.errors import KioskError
from kiosk.services.store.faults import writes
from kiosk.services.store.opening import why_not_opened
from models import SCHEMA_VERSION, DbConfig, database
from models.db import BASE_PRAGMAS, WRONG_KEY, not_a_database

# peewee wraps errors from execute(); those met while reading rows arrive unwrapped.
_READ_ERRORS = (DatabaseError, sqlcipher3.DatabaseError)

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


@dataclass(frozen=True)
class RestoreResult:
    # Where the database that was replaced now lives (None when there was none).
    previous: Path | None
    user_version: int


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
            found.append(f"{len(broken)} row(s) refer to records that do not exist")
    except _READ_ERRORS as exc:
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
        except _READ_ERRORS as exc:
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
    fd = os.open(path, os.O_RDWR)
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


def _remove(path: Path) -> None:
    for p in [path, *store.sidecar_files(path)]:
        with contextlib.suppress(FileNotFoundError):
            p.unlink()


def _fsync_file_and_dir(path: Path) -> None:
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


def backup(cfg: DbConfig, target: Path, now: datetime, *, actor_label: str = "") -> FileCheck:
    """Copy the open live database to `target`, encrypted, and check the copy."""
    if target.exists():
        raise BackupError(f"{target} already exists: choose a new file name")
    if not target.parent.is_dir():
        raise BackupError(f"no directory {target.parent}")
    partial = target.with_name(f".{target.name}.partial")
    _remove(partial)
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
        finally:
            copy.close()
        check = check_file(partial, cfg.passphrase, cfg.kdf_iter)
        if not check.ok:
            raise BackupError(f"the copy failed its check: {check.problems[0]}")
        _fsync_file_and_dir(partial)
        with private_files.removed_on_failure() as placed:
            _put_in_place(partial, target, now, check.pages, actor_label, placed)
    except BaseException:
        _remove(partial)
        raise
    return FileCheck(target, check.user_version, check.pages, [])


@writes
def _put_in_place(
    partial: Path, target: Path, now: datetime, pages: int, actor_label: str, placed: list[Path]
) -> None:
    """The copy takes its name only with its audit entry: a copy of every family's records
    that the audit log does not show must not exist (a database fault is a StoreFault)."""
    audit.record("backup", now, detail=f"pages={pages}", actor_label=actor_label)
    os.replace(partial, target)
    placed.append(target)


def restore(source: Path, cfg: DbConfig, now: datetime, *, actor_label: str = "") -> RestoreResult:
    """Replace the live database with a checked backup; the old one is kept beside it.

    Refused while any process has the live database open: the kiosk would keep
    writing to the replaced file and those changes would be lost.
    """
    live = cfg.path
    if live.exists() and source.resolve() == live.resolve():
        raise BackupError("the backup is the live database itself")
    check = check_file(source, cfg.passphrase, cfg.kdf_iter)
    if not check.ok:
        raise BackupError(f"{source} failed its check: {check.problems[0]}")
    refuse_if_in_use(live, "restoring")
    incoming = live.with_name(f".{live.name}.restoring")
    try:
        live.parent.mkdir(parents=True, exist_ok=True)
        _remove(incoming)
        shutil.copyfile(source, incoming)
        os.chmod(incoming, 0o600)
    except OSError as exc:
        _remove(incoming)
        raise BackupError(f"cannot copy {source} into place: {exc.strerror}") from exc
    if not check_file(incoming, cfg.passphrase, cfg.kdf_iter).ok:
        _remove(incoming)
        raise BackupError(f"the copy of {source} failed its check; nothing was changed")
    _fsync_file_and_dir(incoming)
    previous = _set_aside(live)
    os.replace(incoming, live)
    _fsync_file_and_dir(live)
    with store.opened(cfg):
        audit.record(
            "restore",
            now,
            detail=f"schema={check.user_version} pages={check.pages}",
            actor_label=actor_label,
        )
    return RestoreResult(previous, check.user_version)


def _set_aside(live: Path) -> Path | None:
    """Move the live file (with its -wal, which may hold committed data) aside."""
    if not live.exists():
        return None
    previous = live.with_name(live.name + ".before-restore")
    _remove(previous)
    for src, dst in zip(
        [live, *store.sidecar_files(live)], [previous, *store.sidecar_files(previous)], strict=True
    ):
        if src.exists():
            os.replace(src, dst)
            # A copy of the database is as private as the database.
            os.chmod(dst, 0o600)
    return previous


def rekey(new_passphrase: str, now: datetime, *, actor_label: str = "") -> None:
    """Re-encrypt the open live database under a new passphrase.

    The caller checks first that no other process has it open (refuse_if_in_use):
    a running kiosk would go on with the old key.
    """
    if not new_passphrase:
        raise BackupError("refusing an empty passphrase: the database would not be encrypted")
    database.rekey(new_passphrase)
    # Read back through the new key, then drop WAL frames written under the old one.
    database.execute_sql("SELECT count(*) FROM sqlite_master").fetchone()
    database.execute_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    audit.record("rekey", now, actor_label=actor_label)
    database.execute_sql("PRAGMA wal_checkpoint(TRUNCATE)")
