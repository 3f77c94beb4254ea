"""The one encrypted database: declared late, opened once, failing closed.

peewee would silently create a *plaintext* file when the passphrase is empty,
and SQLCipher only notices a wrong passphrase at the first read. Both cases are
caught here, before anything is written.
"""

from __future__ import annotations

import contextlib
import os
from dataclasses import dataclass
from pathlib import Path

from peewee import DatabaseError
from playhouse.sqlcipher_ext import SqlCipherDatabase

from models.errors import KioskError

# Databases hold every family's details: readable by their owner only.
FILE_MODE = 0o600

# Declared late: nothing touches a file at import time; open_database() binds it.
database = SqlCipherDatabase(None)

WRONG_KEY = "wrong passphrase, or not a kiosk database"

# Applied on every connection, in this order, straight after the key.
# cipher_log_level first: otherwise SQLCipher writes errors to stderr, which
# would land on the Textual screen.
BASE_PRAGMAS: list[tuple[str, object]] = [
    ("cipher_log_level", "NONE"),
    ("cipher_memory_security", "ON"),
    ("foreign_keys", 1),
    ("secure_delete", "on"),
    ("busy_timeout", 5000),
]


class OpenError(KioskError):
    """The database cannot be opened; the message is safe to show as one line."""


class WrongKey(OpenError):
    """The passphrase does not open the file, or the file is no kiosk database."""

    def __init__(self) -> None:
        super().__init__(WRONG_KEY)


# SQLite's answer when the first page does not decrypt: a wrong key, or no database at all.
SQLITE_NOTADB = 26


def not_a_database(exc: BaseException) -> bool:
    """True for SQLITE_NOTADB only. Any other failure to open (a lock, a full disk, a
    folder SQLite cannot write in) is the disk or another program, never the key."""
    seen: BaseException | None = exc
    while seen is not None:
        if getattr(seen, "sqlite_errorcode", None) == SQLITE_NOTADB:
            return True
        seen = seen.__cause__ or seen.__context__
    return "file is not a database" in str(exc)


@dataclass(frozen=True)
class DbConfig:
    path: Path
    passphrase: str
    # None keeps SQLCipher's default (256,000 PBKDF2-HMAC-SHA512 iterations).
    # Tests and benchmarks lower it; a database must be reopened with the same value.
    kdf_iter: int | None = None


def _pragmas(cfg: DbConfig) -> list[tuple[str, object]]:
    # kdf_iter must come after the key and before the first read.
    head: list[tuple[str, object]] = [("kdf_iter", cfg.kdf_iter)] if cfg.kdf_iter else []
    return head + BASE_PRAGMAS


def bind(cfg: DbConfig) -> None:
    """Point the shared database at cfg without connecting."""
    if not cfg.passphrase:
        raise OpenError("refusing an empty passphrase: the database would not be encrypted")
    if not database.is_closed():
        database.close()
    database.init(str(cfg.path), passphrase=cfg.passphrase, pragmas=_pragmas(cfg))


def open_existing(cfg: DbConfig) -> SqlCipherDatabase:
    """Open a kiosk database that must already exist, and check the key.

    A wrong key is WrongKey; any other database error is raised as it is, for the
    store to say what it was (kiosk/services/store/opening.py).
    """
    if not cfg.path.exists():
        raise OpenError(f"no database at {cfg.path}: run `kiosk init` first")
    bind(cfg)
    try:
        database.connect(reuse_if_open=True)
        # The first read is where a wrong key shows itself.
        version = database.execute_sql("PRAGMA user_version").fetchone()[0]
        tables = database.execute_sql("SELECT count(*) FROM sqlite_master").fetchone()[0]
    except DatabaseError as exc:
        database.close()
        if not_a_database(exc):
            raise WrongKey from exc
        raise
    if version == 0 or tables == 0:
        database.close()
        raise WrongKey
    # Only now that the key has proved it is ours: never touch another file's mode.
    _make_private(cfg.path)
    return database


def database_files(path: Path) -> list[Path]:
    """The database file and the -wal and -shm SQLite keeps beside it."""
    return [path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")]


def _make_private(path: Path) -> None:
    """A database made before files were private is made 0600 when next opened."""
    for each in database_files(path):
        if each.is_file() and not each.is_symlink():
            with contextlib.suppress(OSError):
                os.chmod(each, FILE_MODE)


def _make_folders(folder: Path) -> None:
    """Missing folders on the way to a new database, each 0700 whatever the umask."""
    for each in reversed([p for p in (folder, *folder.parents) if not p.exists()]):
        each.mkdir(mode=0o700)
        os.chmod(each, 0o700)


def create_new(cfg: DbConfig) -> SqlCipherDatabase:
    """Create a new encrypted database file; refuses to touch an existing one."""
    if os.path.lexists(cfg.path):
        raise OpenError(f"{cfg.path} already exists")
    bind(cfg)
    _make_folders(cfg.path.parent)
    # Made 0600 before SQLite writes its first byte; SQLite gives the -wal and -shm it
    # creates the database file's mode, so they are private too.
    os.close(os.open(cfg.path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, FILE_MODE))
    try:
        database.connect(reuse_if_open=True)
        # WAL persists in the file, so it is set once, here.
        database.execute_sql("PRAGMA journal_mode=wal")
    except BaseException:
        # A full disk has no room for the -wal or -shm: no empty file is left to be
        # mistaken for a database.
        remove_files(cfg.path)
        raise
    return database


def remove_files(path: Path) -> None:
    """Close the database and remove the file at path with its -wal and -shm."""
    close()
    for each in database_files(path):
        with contextlib.suppress(FileNotFoundError):
            each.unlink()


def close() -> None:
    if not database.is_closed():
        database.close()


def is_database_file(path: Path) -> bool:
    """True for the open database, its companions, or any file that opens with its key.

    A file a person names must never land on a database: the live one under another
    name or through a link, or a backup keyed like it. Plain SQLite files count too.
    """
    if not path.is_file():
        return False  # a folder, a pipe or a device: opening one could hang
    try:
        with path.open("rb") as handle:
            if handle.read(16) == b"SQLite format 3\x00":
                return True
    except OSError:
        return False
    live = database.database
    if live:
        live_path = Path(live)
        companions = (live_path.with_name(live_path.name + s) for s in ("", "-wal", "-shm"))
        if any(_same(path, c) for c in companions):
            return True
    return _opens_with_our_key(path)


def _same(a: Path, b: Path) -> bool:
    try:
        return os.path.samefile(a, b)
    except OSError:
        return False


def _opens_with_our_key(path: Path) -> bool:
    """Whether path reads as a database with the bound passphrase (one key derivation)."""
    passphrase = database.connect_params.get("passphrase") if database.database else None
    # An empty file would open as a new, empty database: it is no database of ours.
    if not passphrase or path.stat().st_size == 0:
        return False
    probe = SqlCipherDatabase(str(path), passphrase=passphrase, pragmas=list(database._pragmas))
    try:
        probe.connect()
        return bool(probe.execute_sql("SELECT count(*) FROM sqlite_master").fetchone()[0] > 0)
    except DatabaseError:
        return False
    finally:
        probe.close()
