"""Schema version (PRAGMA user_version) and the steps that move a file forward.

A new file gets the current tables at once and the newest version number.
An older file runs each step after its version, inside one transaction, so a
failed step leaves the file as it was.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from peewee import CharField, DateTimeField, ForeignKeyField, IntegerField, Model, TextField
from playhouse.migrate import SqliteMigrator, migrate

from models.base import RoomKind
from models.centre import DEFAULT_WAITING_AREAS, Closure, Room
from models.db import database
from models.family import (
    SEARCH_INDEXES,
    WORD_COLUMNS,
    Case,
    Child,
    Consent,
    Person,
    Referral,
    search_index_sql,
    word_index_sql,
)
from models.records import (
    AccidentEntry,
    AuditEntry,
    Disclosure,
    Incident,
    IncidentNote,
    Policy,
    Setting,
)
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
    Incident,
    IncidentNote,
    Disclosure,
    AccidentEntry,
    AuditEntry,
    Policy,
    Setting,
    Room,
    Closure,
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
# Follow-up notes are never edited; they go only when the purge takes their case.
INCIDENT_NOTE_TRIGGERS = [
    """CREATE TRIGGER IF NOT EXISTS incident_note_no_update
       BEFORE UPDATE ON incident_note
       BEGIN SELECT RAISE(ABORT, 'follow-up notes are append-only'); END""",
]
# The accident book's new columns, added by plain SQL: the migrator's way (add the
# column, UPDATE it to the default, then NOT NULL) would trip the no-update trigger.
ACCIDENT_COLUMNS_V4 = ("person_hurt", "place", "injury")


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


def _step_4_alerts_by_time(migrator: SqliteMigrator) -> None:
    """Version 4: alerts indexed by booking, kind and time (the refused scan's look-back)."""
    migrate(migrator.add_index("alert", ("booking_id", "kind", "created_at"), False))


def _step_5_search_by_index(migrator: SqliteMigrator) -> None:
    """Version 5: references, names and postcodes indexed case-blind for the case search."""
    for table, column in SEARCH_INDEXES:
        database.execute_sql(search_index_sql(table, column))


def _step_6_incident_follow_up(migrator: SqliteMigrator) -> None:
    """Version 6: incidents are followed up (notes, what was done, a close with an outcome),
    a disclosure names the incident it came from, and the accident book has the HSE's fields.
    """
    migrate(
        migrator.add_column("incident", "opened_at", DateTimeField(null=True)),
        migrator.add_column("incident", "action", CharField(default="")),
        migrator.add_column("incident", "closed_at", DateTimeField(null=True)),
        migrator.add_column("incident", "closed_by_name", CharField(default="")),
        migrator.add_column("incident", "outcome", TextField(default="")),
        migrator.add_column(
            "disclosure",
            "incident_id",
            ForeignKeyField(Incident, field=Incident.id, null=True, on_delete="SET NULL"),
        ),
    )
    database.create_tables([IncidentNote])
    for sql in INCIDENT_NOTE_TRIGGERS:
        database.execute_sql(sql)
    for column in ACCIDENT_COLUMNS_V4:
        # Names are our own constants, never input.
        database.execute_sql(
            f"ALTER TABLE accident_entry ADD COLUMN {column} TEXT NOT NULL DEFAULT ''"
        )


def _step_7_rooms_and_closed_days(migrator: SqliteMigrator) -> None:
    """Version 7: a register of rooms, the centre's closed days, and a booking's series.

    Every room the bookings named becomes a contact room, in the first spelling
    used (bookings spelt otherwise are brought to it: "blue room" was always the
    Blue Room to the clash check); the waiting areas in the settings become
    waiting areas, unless sessions were booked in them.
    """
    database.create_tables([Room, Closure])
    migrate(
        migrator.add_column("booking", "series", IntegerField(null=True)),
        migrator.add_index("booking", ("series",), False),
    )
    now = datetime.now().replace(microsecond=0)
    spelling: dict[str, str] = {}
    for (name,) in database.execute_sql(
        "SELECT room FROM booking GROUP BY room ORDER BY min(id)"
    ).fetchall():
        key = str(name).strip().casefold()
        if not key:
            continue
        canonical = spelling.setdefault(key, str(name).strip())
        if name != canonical:
            database.execute_sql("UPDATE booking SET room = ? WHERE room = ?", (canonical, name))
    for name in spelling.values():
        Room.insert(name=name, kind=RoomKind.CONTACT.value, created_at=now).execute()
    stored = dict(database.execute_sql("SELECT key, value FROM setting").fetchall())
    for party, default in DEFAULT_WAITING_AREAS.items():
        area = str(stored.get(f"waiting_area_{party}", default)).strip()
        if area and area.casefold() not in spelling:
            spelling[area.casefold()] = area
            Room.insert(name=area, kind=RoomKind.WAITING.value, created_at=now).execute()


def _step_8_referrer_kind(migrator: SqliteMigrator) -> None:
    """Version 8: a referral records the kind of referrer (court, solicitor, ...), for the figures.

    Referrals made before it have "" (not recorded) until the co-ordinator sets it.
    """
    migrate(migrator.add_column("referral", "kind", CharField(default="")))


def _step_9_search_by_word(migrator: SqliteMigrator) -> None:
    """Version 9: names and postcodes indexed by their second word for the case search."""
    for column in WORD_COLUMNS:
        database.execute_sql(word_index_sql(column))


# Single-column indexes that a longer index begins with. The longer one answers every lookup
# they did, each foreign key's cascade included, and each was one more page written at every
# scan (attendance) and read by every purge.
DUPLICATE_INDEXES = (
    ("alert", "booking_id"),
    ("attendance", "booking_id"),
    ("attendance", "person_id"),
    ("booking", "case_id"),
    ("booking_event", "booking_id"),
    ("person", "case_id"),
)


def _step_10_no_duplicate_indexes(migrator: SqliteMigrator) -> None:
    """Version 10: no index that a longer one begins with (DUPLICATE_INDEXES)."""
    for table, column in DUPLICATE_INDEXES:
        # peewee's name for it; names are our own constants, never input.
        database.execute_sql(f'DROP INDEX IF EXISTS "{table}_{column}"')


# STEPS[n] takes a file from version n + 1 to n + 2; version 1 was the first schema.
STEPS: list[Callable[[SqliteMigrator], None]] = [
    _step_2_no_show_grace,
    _step_3_alerts_close_themselves,
    _step_4_alerts_by_time,
    _step_5_search_by_index,
    _step_6_incident_follow_up,
    _step_7_rooms_and_closed_days,
    _step_8_referrer_kind,
    _step_9_search_by_word,
    _step_10_no_duplicate_indexes,
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
        for sql in ACCIDENT_BOOK_TRIGGERS + INCIDENT_NOTE_TRIGGERS:
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
