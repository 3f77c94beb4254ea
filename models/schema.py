"""Schema version (PRAGMA user_version) and the steps that move a file forward.

A new file gets the current tables at once and the newest version number.
An older file runs each step after its version, inside one transaction, so a
failed step leaves the file as it was.
"""

from __future__ import annotations

from collections.abc import Callable

from peewee import CharField, DateTimeField, ForeignKeyField, IntegerField, Model, TextField
from playhouse.migrate import SqliteMigrator, migrate

from models.db import database
from models.family import Case, Child, Consent, Person, Referral
from models.records import AccidentEntry, AuditEntry, Disclosure, Incident, Policy, Setting
from models.sessions import Alert, Attendance, Booking, BookingEvent, Card
from models.staff import Declaration, Volunteer

ALL_MODELS: list[type[Model]] = [
    Case,
    Person,
    Child,
    Referral,
    Consent,
    Volunteer,
    Declaration,
    Booking,
    Attendance,
    Card,
    Alert,
    BookingEvent,
    Disclosure,
    Incident,
    AccidentEntry,
    AuditEntry,
    Policy,
    Setting,
]

# The accident book is kept for ever and corrected only by new entries.
ACCIDENT_BOOK_TRIGGERS = [
    """CREATE TRIGGER IF NOT EXISTS accident_entry_no_update
       BEFORE UPDATE ON accident_entry
       BEGIN SELECT RAISE(ABORT, 'the accident book is append-only'); END""",
    """CREATE TRIGGER IF NOT EXISTS accident_entry_no_delete
       BEFORE DELETE ON accident_entry
       BEGIN SELECT RAISE(ABORT, 'the accident book is append-only'); END""",
]


def _step_2_no_show_grace(migrator: SqliteMigrator) -> None:
    """Version 2: the no-show grace period became a per-case setting."""
    migrate(migrator.add_column("case", "no_show_grace_min", IntegerField(default=15)))


def _step_3_alerts_close_themselves(migrator: SqliteMigrator) -> None:
    """Version 3: an alert knows who it is about and when it stops holding, and may close."""
    migrate(
        migrator.add_column(
            "alert",
            "person_id",
            ForeignKeyField(Person, field=Person.id, null=True, on_delete="CASCADE"),
        ),
        migrator.add_column("alert", "until", DateTimeField(null=True)),
        migrator.add_column("alert", "closed_at", DateTimeField(null=True)),
        migrator.add_column("alert", "closed_reason", TextField(default="")),
    )


def _step_4_referrer_kind(migrator: SqliteMigrator) -> None:
    """Version 4: a referral records the kind of referrer (court, solicitor, ...), for the figures.

    Referrals made before it have "" (not recorded) until the co-ordinator sets it.
    """
    migrate(migrator.add_column("referral", "kind", CharField(default="")))


# STEPS[n] takes a file from version n + 1 to n + 2; version 1 was the first schema.
STEPS: list[Callable[[SqliteMigrator], None]] = [
    _step_2_no_show_grace,
    _step_3_alerts_close_themselves,
    _step_4_referrer_kind,
]
SCHEMA_VERSION = 1 + len(STEPS)


def user_version() -> int:
    return int(database.execute_sql("PRAGMA user_version").fetchone()[0])


def _set_user_version(version: int) -> None:
    # PRAGMA takes no bound parameters; version is always our own int.
    database.execute_sql(f"PRAGMA user_version = {int(version)}")


def create_schema() -> None:
    """Create every table in a new, empty file at the current version."""
    with database.atomic():
        database.create_tables(ALL_MODELS)
        for sql in ACCIDENT_BOOK_TRIGGERS:
            database.execute_sql(sql)
        _set_user_version(SCHEMA_VERSION)


def upgrade() -> list[int]:
    """Run the steps a file is missing; returns the versions reached."""
    reached: list[int] = []
    current = user_version()
    if current > SCHEMA_VERSION:
        raise RuntimeError(
            f"this database is schema version {current}; this kiosk knows up to {SCHEMA_VERSION}"
        )
    migrator = SqliteMigrator(database)
    for target in range(current + 1, SCHEMA_VERSION + 1):
        with database.atomic():
            STEPS[target - 2](migrator)
            _set_user_version(target)
        reached.append(target)
    return reached
