"""The store: opening, creating and closing the kiosk database, with schema upgrades.

The package is what every other domain stands on: `faults` (what a refused write means),
`opening` (why a database could not be opened or created), `settings`, `changes` (whether
another program has committed since a screen last read), `audit` (writing
the audit log), `private_files`, `card_files` (where card files live and their names, for
issuing and for the purge), `forms` (field problems, dates and counts in words), `printable`
(control characters refused in file names and escaped when printed), `fixed` (statements
whose SQL peewee builds once, for the scan) and `errors` (the one
error base a command reports). It imports only models.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from pathlib import Path

from kiosk.services.store.faults import StoreError, StoreFault
from kiosk.services.store.opening import why_not_created, why_not_opened
from models import db, schema
from models.db import DbConfig, OpenError, remove_files

__all__ = [
    "DbConfig",
    "OpenError",
    "close",
    "create",
    "creating",
    "open_store",
    "opened",
    "remove_files",
    "sidecar_files",
]


def open_store(cfg: DbConfig) -> None:
    """Open an existing database and bring its schema up to date.

    Every failure is an OpenError of one line: a wrong key says so, anything else
    (a lock, a full disk, a folder SQLite cannot write in) says what it is.
    """
    try:
        db.open_existing(cfg)
        schema.upgrade()
    except RuntimeError as exc:
        db.close()
        raise OpenError(str(exc)) from exc
    except StoreError as exc:
        db.close()
        raise OpenError(why_not_opened(exc, cfg.path)) from exc


@contextlib.contextmanager
def opened(cfg: DbConfig) -> Iterator[None]:
    """The database open for a block of work and closed after it, whatever happens."""
    open_store(cfg)
    try:
        yield
    finally:
        close()


@contextlib.contextmanager
def creating(cfg: DbConfig) -> Iterator[None]:
    """A new encrypted database with every table, open for the block to fill.

    All or nothing: if anything fails, in here or in the block, the file and its
    -wal and -shm are removed, and a fault of the disk (read-only folder, full
    disk) is one line naming it.
    """
    try:
        db.create_new(cfg)
    except (OSError, StoreError) as exc:
        raise OpenError(why_not_created(exc, cfg.path)) from exc
    try:
        schema.create_schema()
        yield
    except BaseException as exc:
        remove_files(cfg.path)
        if isinstance(exc, (OSError, StoreError, StoreFault)):
            raise OpenError(why_not_created(exc, cfg.path)) from exc
        raise


def create(cfg: DbConfig) -> None:
    """Create a new encrypted database with every table; nothing is left on failure."""
    with creating(cfg):
        pass


def sidecar_files(path: Path) -> list[Path]:
    """The WAL and shared-memory files SQLite keeps beside the database."""
    return db.database_files(path)[1:]


def close() -> None:
    db.close()
