"""The store: opening, creating and closing the kiosk database, with schema upgrades.

The package is what every other domain stands on: `faults` (what a refused write means),
`opening` (why a database could not be opened or created), `settings`, `audit` (writing
the audit log), `private_files`, `card_files` (where card files live and their names, for
issuing and for the purge), `forms` (field problems and dates) and `errors` (the one error
base a command reports). It imports only models.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from pathlib import Path

from kiosk.services.store.faults import StoreError
from kiosk.services.store.opening import why_not_opened
from models import db, schema
from models.db import DbConfig, OpenError

__all__ = ["DbConfig", "OpenError", "close", "create", "open_store", "opened", "sidecar_files"]


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


def create(cfg: DbConfig) -> None:
    """Create a new encrypted database with every table; nothing is left on failure."""
    db.create_new(cfg)
    try:
        schema.create_schema()
    except BaseException:
        db.close()
        for path in [cfg.path, *sidecar_files(cfg.path)]:
            with contextlib.suppress(FileNotFoundError):
                path.unlink()
        raise


def sidecar_files(path: Path) -> list[Path]:
    """The WAL and shared-memory files SQLite keeps beside the database."""
    return [path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")]


def close() -> None:
    db.close()
