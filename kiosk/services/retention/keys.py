"""Changing the database's passphrase, whole or not at all.

SQLCipher re-encrypts every page in one transaction: on a full disk (no room in
the -wal for the re-encrypted pages) it is rolled back and the old passphrase
still opens the database. The caller checks first that no other process has it
open (backup.refuse_if_in_use): a running kiosk would go on with the old key.
"""

from __future__ import annotations

from datetime import datetime

from kiosk.services.retention.backup import DATABASE_ERRORS, BackupError
from kiosk.services.store import audit
from kiosk.services.store.faults import (
    STAFF_CAUSES,
    StoreFault,
    fault_kind,
    reset_connection,
)
from models import database

KEY_KEPT = "The passphrase was not changed: the old one still opens the database"


class KeyNotRecorded(BackupError):
    """The passphrase was changed, but the audit log could not say so."""

    # Not 2: something was changed, and the person must know the new passphrase is in force.
    exit_status = 1


def rekey(new_passphrase: str, now: datetime, *, actor_label: str = "") -> None:
    """Re-encrypt the open live database under a new passphrase, and record it."""
    if not new_passphrase:
        raise BackupError("refusing an empty passphrase: the database would not be encrypted")
    try:
        database.rekey(new_passphrase)
        # Read back through the new key.
        database.execute_sql("SELECT count(*) FROM sqlite_master").fetchone()
    except DATABASE_ERRORS as exc:
        reset_connection()
        raise StoreFault(fault_kind(exc), KEY_KEPT) from exc
    try:
        # Drop the WAL frames written under the old key, before and after the entry.
        database.execute_sql("PRAGMA wal_checkpoint(TRUNCATE)")
        audit.record("rekey", now, actor_label=actor_label)
        database.execute_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    except DATABASE_ERRORS as exc:
        reset_connection()
        raise KeyNotRecorded(
            "The passphrase was changed: the old one no longer opens the database. "
            f"{STAFF_CAUSES[fault_kind(exc)]}, so the audit log does not record the change"
        ) from exc
