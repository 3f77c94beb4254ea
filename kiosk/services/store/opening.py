"""Why a database file could not be opened or created, in one line for the person.

Only SQLITE_NOTADB means a wrong passphrase (models.db.not_a_database). Anything
else comes from the disk or from another program, and calling it a wrong
passphrase sends a co-ordinator hunting for a passphrase that was right all along.
SQLite names only the class of error: on a full disk it cannot make its
shared-memory file and says "disk I/O error"; in a folder it cannot write it
cannot make its -wal and says "unable to open database file". So the folder is
looked at too: how much room is left on its disk, and whether a file can be made
in it. The words are fixed; SQLite's own text never reaches the person.
"""

from __future__ import annotations

import contextlib
import errno
import os
from pathlib import Path

from kiosk.services.store import faults

# After SQLite failed, less free space than this means the disk is full: SQLite needs
# 32 KiB for its -shm file and room in its -wal for every page a write changes.
LITTLE_ROOM = 1 << 20
# What a file system answers when a file cannot be made or changed there at all.
NOT_WRITABLE = {errno.EACCES, errno.EPERM, errno.EROFS}

BUSY = "the database is busy: another program is holding it; try again when it lets go"
FULL = "the disk is full; free some space on it and try again"


def why_not_opened(exc: BaseException, path: Path) -> str:
    """SQLite could not open the database at path (the key was not the trouble)."""
    return f"cannot open {path}: {_cause(exc, path)}"


def why_not_created(exc: BaseException, path: Path) -> str:
    """A new database at path could not be made (an OSError or a database error)."""
    cause = _os_cause(exc, path) if isinstance(exc, OSError) else _cause(exc, path)
    return f"cannot create {path}: {cause}; nothing was created"


def why_not_written(exc: BaseException, path: Path) -> str:
    """A file at path could not be made, written, or opened for writing (an OSError, or a
    database error when SQLite was writing it)."""
    cause = _os_cause(exc, path) if isinstance(exc, OSError) else _cause(exc, path)
    return f"cannot write {path}: {cause}"


def _os_cause(exc: OSError, path: Path) -> str:
    if exc.errno == errno.ENOSPC:
        return FULL
    if exc.errno in NOT_WRITABLE:
        return (
            "the file is read-only" if path.exists() else f"the folder {path.parent} is read-only"
        )
    return exc.strerror or "the system refused"


def _cause(exc: BaseException, path: Path) -> str:
    kind = faults.fault_kind(exc)
    folder = path.parent
    if kind == faults.LOCKED:
        return BUSY
    if kind == faults.FULL or _little_room(folder):
        return FULL
    if not _can_make_files_in(folder):
        return (
            f"cannot create the database's working files in {folder}; "
            "the folder must be writable by the kiosk's user"
        )
    if kind == faults.READ_ONLY:
        return "its file is read-only"
    name = _error_name(exc)
    if name == "SQLITE_IOERR":
        return "the disk reported an input/output error; it may be failing"
    if name == "SQLITE_CANTOPEN":
        return f"it or its working files ({path.name}-wal, {path.name}-shm) cannot be opened"
    return f"SQLite reported {name or 'an error'}"


def _error_name(exc: BaseException) -> str:
    """SQLite's name for the error class (SQLITE_IOERR...): a fixed word, never data."""
    seen: BaseException | None = exc
    while seen is not None:
        name = getattr(seen, "sqlite_errorname", None)
        if isinstance(name, str):
            return name
        seen = seen.__cause__ or seen.__context__
    return ""


def _little_room(folder: Path) -> bool:
    try:
        stat = os.statvfs(folder)
    except OSError:
        return False
    return stat.f_bavail * stat.f_frsize < LITTLE_ROOM


def _can_make_files_in(folder: Path) -> bool:
    """Whether a new file can be made in folder, found by making one.

    Permission bits do not answer it: root passes every access check, yet not an
    immutable folder's or a read-only mount's.
    """
    probe = folder / f".kiosk-probe-{os.getpid()}"
    try:
        os.close(os.open(probe, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, 0o600))
    except OSError:
        return False
    with contextlib.suppress(OSError):
        probe.unlink()
    return True
