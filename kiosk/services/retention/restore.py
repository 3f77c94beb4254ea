"""Restoring a backup in place of the live database: all or nothing, and it says which.

The backup is copied beside the live file into a new file, 0600 from its first
byte. The copy is checked, brought up to this kiosk's schema and given its audit
entry while it is still only a copy: on a nearly full disk, that is where room
runs out, and the live database has not been touched. Only then does the copy
take the live file's name, by renames that need no room: the live file (with its
-wal, which may hold committed data) is set aside as `.before-restore`, then the
copy put in its place. If a rename fails, the ones made are undone. Every refusal
says in its one line what state the files are in.
"""

from __future__ import annotations

import contextlib
import os
import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from kiosk.services import store
from kiosk.services.retention.backup import (
    BackupError,
    FileCheck,
    check_file,
    fsync_file_and_dir,
    refuse_if_in_use,
    remove_with_companions,
)
from kiosk.services.store import audit, private_files
from kiosk.services.store.faults import StoreError, StoreFault, writes
from kiosk.services.store.opening import why_not_written
from models import DbConfig, KioskError, database


@dataclass(frozen=True)
class RestoreResult:
    # Where the database that was replaced now lives (None when there was none).
    previous: Path | None
    user_version: int


def restore(source: Path, cfg: DbConfig, now: datetime, *, actor_label: str = "") -> RestoreResult:
    """Replace the live database with a checked backup; the old one is kept beside it.

    Refused while any process has the live database open: the kiosk would keep
    writing to the replaced file and those changes would be lost.
    """
    live = cfg.path
    incoming = live.with_name(f".{live.name}.restoring")
    with said_unchanged(live, incoming):
        check = _checked_copy(source, incoming, cfg, now, actor_label)
    return RestoreResult(_swap(live, incoming), check.user_version)


@contextlib.contextmanager
def said_unchanged(live: Path, incoming: Path | None = None) -> Iterator[None]:
    """A refusal in the block is one line that also says the live database is as it was;
    the copy being made (incoming) is removed."""
    try:
        yield
    except BaseException as exc:
        if incoming is not None:
            remove_with_companions(incoming)
        if isinstance(exc, StoreFault):
            why = exc.cause
        elif isinstance(exc, KioskError):
            why = str(exc)
        elif isinstance(exc, OSError) and incoming is not None:
            why = why_not_written(exc, incoming)
        else:
            raise
        raise BackupError(f"{why.removesuffix(NOTHING)}; {_unchanged(live)}") from exc


# How a refusal from elsewhere (backup.in_use) may already end.
NOTHING = "; nothing was changed"


def _unchanged(live: Path) -> str:
    return f"nothing was changed: {live} is as it was"


def _checked_copy(
    source: Path, incoming: Path, cfg: DbConfig, now: datetime, actor_label: str
) -> FileCheck:
    """The backup checked, then copied to incoming and made ready to take the live name."""
    live = cfg.path
    if live.exists() and source.resolve() == live.resolve():
        raise BackupError("the backup is the live database itself")
    check = check_file(source, cfg.passphrase, cfg.kdf_iter)
    if not check.ok:
        raise BackupError(f"{source} failed its check: {check.problems[0]}")
    refuse_if_in_use(live, "restoring")
    live.parent.mkdir(parents=True, exist_ok=True)
    remove_with_companions(incoming)
    _copy_private(source, incoming)
    _prepare(incoming, cfg, check, now, actor_label)
    return check


def _copy_private(source: Path, target: Path) -> None:
    """A copy of source at target: a new file, 0600 from its first byte, never through a link."""
    fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, 0o600)
    # O_CREAT's mode passes through the umask, which may take the owner's write away.
    os.fchmod(fd, private_files.FILE_MODE)
    with os.fdopen(fd, "wb") as copy, source.open("rb") as original:
        shutil.copyfileobj(original, copy)
        copy.flush()
        os.fsync(copy.fileno())


def _prepare(
    incoming: Path, cfg: DbConfig, check: FileCheck, now: datetime, actor_label: str
) -> None:
    """Check the copy, bring its schema up to date and write its audit entry into it."""
    if not check_file(incoming, cfg.passphrase, cfg.kdf_iter).ok:
        raise BackupError(f"the copy of {check.path} failed its check")
    detail = f"schema={check.user_version} pages={check.pages}"
    with store.opened(DbConfig(incoming, cfg.passphrase, cfg.kdf_iter)):
        _record(now, detail, actor_label)
        # Whole in its own file before it takes the live name; a disk without the
        # room for that refuses here, while nothing has changed.
        try:
            database.execute_sql("PRAGMA wal_checkpoint(TRUNCATE)")
        except StoreError as exc:
            raise StoreFault.from_error(exc) from exc
    fsync_file_and_dir(incoming)


@writes
def _record(now: datetime, detail: str, actor_label: str) -> None:
    audit.record("restore", now, detail=detail, actor_label=actor_label)


def _swap(live: Path, incoming: Path) -> Path | None:
    """Set the live file aside and put the copy in its place; undone if a rename fails."""
    previous = live.with_name(live.name + ".before-restore") if live.exists() else None
    moved: list[tuple[Path, Path]] = []
    try:
        if previous is not None:
            # The copy kept by the restore before this one.
            remove_with_companions(previous)
            _move(live, previous, moved)
        _move(incoming, live, moved)
        fsync_file_and_dir(live)
    except OSError as exc:
        if _undo(moved):
            remove_with_companions(incoming)
            raise BackupError(
                f"cannot put the backup in place: {exc.strerror}; {_unchanged(live)}"
            ) from exc
        raise BackupError(
            f"the restore stopped half-way ({exc.strerror}): the database that was live is "
            f"{previous}; rename it back to {live}"
        ) from exc
    return previous


def _move(src: Path, dst: Path, moved: list[tuple[Path, Path]]) -> None:
    """Rename a database with its -wal (which may hold committed data) and -shm."""
    for a, b in zip(
        [src, *store.sidecar_files(src)], [dst, *store.sidecar_files(dst)], strict=True
    ):
        if a.exists():
            os.replace(a, b)
            moved.append((a, b))
            # A copy of the database is as private as the database.
            os.chmod(b, private_files.FILE_MODE)


def _undo(moved: list[tuple[Path, Path]]) -> bool:
    """Rename back what was renamed, last first; False if that fails too."""
    try:
        for a, b in reversed(moved):
            os.replace(b, a)
    except OSError:
        return False
    return True
