"""Files that hold personal data: readable and writable by their owner only.

Every file the product writes about a family (cards, exports, subject-access
copies, the roll call, the demo's card list) goes through here, so none is left
0644 for other accounts on the machine to read. A file a person names is written
by `write_new`: created new, never through a link, never over a database, and an
existing file is replaced only when the person confirmed it.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
from pathlib import Path

from kiosk.services.store.printable import has_unprintable
from models.db import is_database_file
from models.errors import KioskError

FILE_MODE = 0o600
FOLDER_MODE = 0o700
# Files the program reads or keeps that a named file must never replace (the passphrase
# file a command was given, the error log), each with what to call it: see `protect`.
_protected: dict[Path, str] = {}


def protect(path: Path, what: str) -> None:
    """Refuse `path` as a file a person names, even with --force (check_target)."""
    _protected[Path(os.path.abspath(path))] = what


def _protected_as(path: Path) -> str | None:
    for kept, what in _protected.items():
        with contextlib.suppress(OSError):
            if kept.exists() and os.path.samefile(kept, path):
                return what
    return None


def make_folder(folder: Path) -> None:
    """Create folder and any missing parents 0700; an existing folder is left alone."""
    missing = [p for p in [folder, *folder.parents] if not p.exists()]
    for path in reversed(missing):
        path.mkdir(mode=FOLDER_MODE, exist_ok=True)
        # mkdir's mode is filtered by the umask; set it outright.
        os.chmod(path, FOLDER_MODE)


def write_private(path: Path, data: bytes) -> Path:
    """Write data to a path the product owns, 0600 from creation, never through a link."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | os.O_NOFOLLOW, FILE_MODE)
    with os.fdopen(fd, "wb") as handle:
        handle.write(data)
    # O_CREAT's mode does not apply to a file that already existed.
    os.chmod(path, FILE_MODE)
    return path


class FileRefused(KioskError):
    """A file a person named cannot be written there; nothing was written."""


def typed_path(text: str) -> Path:
    """A path as a person typed it, `~` and `~user` expanded.

    `~nobody/x.csv` names a home folder that does not exist: Path.expanduser
    raises RuntimeError, which would end the program; it is a FileRefused.
    """
    refuse_unprintable(text)
    try:
        return Path(text.strip()).expanduser()
    except RuntimeError:
        raise FileRefused(f"{text.strip()}: there is no such user's home folder") from None


def refuse_unprintable(name: str) -> None:
    """A name with a control or format character (a newline, ESC) would go into the audit
    log and onto a terminal as it is: refused, without echoing it."""
    if has_unprintable(name):
        raise FileRefused(
            "the file name holds a control character (a new line, tab or escape): type it again"
        )


class FileExists(FileRefused):
    """The file is there already: a new name, or a confirmed replacement, will do."""

    def __init__(self, path: Path) -> None:
        super().__init__(f"{path} already exists: choose a new name, or confirm replacing it")
        self.path = path


def write_new(path: Path, data: bytes, *, replace: bool = False) -> Path:
    """Write a file a person named: 0600, never through a link, never over a database.

    An existing file is replaced (by a rename, so the old one is never half-written)
    only with replace=True, which the person must have confirmed. OSError as open().
    """
    if not check_target(path, replace=replace):
        return _create(path, data)
    partial = path.with_name(f".{path.name}.part")
    # A leftover from an interrupted write (or a planted link) is removed, never followed.
    partial.unlink(missing_ok=True)
    _create(partial, data)
    os.replace(partial, path)
    return path


def check_target(path: Path, *, replace: bool = False) -> bool:
    """Refuse what write_new would refuse, writing nothing; True when path exists."""
    refuse_unprintable(str(path))
    if path.is_symlink():
        raise FileRefused(f"{path} is a link: choose a plain file name")
    if not path.exists():
        return False
    # Checked before anything opens it: a named pipe or a device would hang the program.
    if not path.is_file():
        raise FileRefused(f"{path} is not a plain file: choose another name")
    if is_database_file(path):
        raise FileRefused(f"{path} is a kiosk database: choose another file")
    if what := _protected_as(path):
        raise FileRefused(f"{path} is {what}: choose another file")
    if not replace:
        raise FileExists(path)
    return True


def _create(path: Path, data: bytes) -> Path:
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, FILE_MODE)
    except FileExistsError:
        # Created by someone else since the check above: never write over it.
        raise FileExists(path) from None
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
    except OSError:
        # A full disk: no half-written file is left behind to be mistaken for a whole one.
        path.unlink(missing_ok=True)
        raise
    return path


@contextlib.contextmanager
def refused_as(error: type[KioskError], what: str) -> Iterator[None]:
    """A refused or failed write, as the caller's own refusal naming `what` it wrote.

    FileExists passes as it is: the screen asks before replacing, the command says --force.
    """
    try:
        yield
    except FileExists:
        raise
    except FileRefused as exc:
        raise error(str(exc)) from exc
    except OSError as exc:
        raise error(f"cannot write {what}: {exc.strerror}") from exc


@contextlib.contextmanager
def removed_on_failure() -> Iterator[list[Path]]:
    """Files appended to the yielded list are removed if the block fails.

    A file written inside a transaction that is then rolled back (the database
    refused the record, or its commit) must not stay: an export the disclosure
    log does not know of, a card that does not check in.
    """
    written: list[Path] = []
    try:
        yield written
    except BaseException:
        for path in written:
            path.unlink(missing_ok=True)
        raise


__all__ = [
    "FILE_MODE",
    "FOLDER_MODE",
    "FileExists",
    "FileRefused",
    "check_target",
    "make_folder",
    "protect",
    "refuse_unprintable",
    "refused_as",
    "removed_on_failure",
    "typed_path",
    "write_new",
    "write_private",
]
