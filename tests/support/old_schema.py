"""Turn a new test database into what an older kiosk wrote, to test the upgrade steps.

Each step undoes one schema step the way that version's kiosk had it. SQLite
cannot drop a column that carries a foreign key, so the alert table is rebuilt
in its version-2 shape (a frozen copy of the model as it was), and the incident,
disclosure and accident book tables in their version-5 shapes.
"""

from __future__ import annotations

from peewee import CharField, DateField, DateTimeField, ForeignKeyField, Model, TextField
from playhouse.migrate import SqliteMigrator, migrate

from models import Booking, Case, Closure, Room, Volunteer, database, schema
from models.family import SEARCH_INDEXES, WORD_COLUMNS


class AlertV2(Model):
    """The alert table as schema version 2 had it."""

    case = ForeignKeyField(Case, null=True, on_delete="CASCADE")
    booking = ForeignKeyField(Booking, null=True, on_delete="CASCADE")
    kind = CharField()
    message = TextField(default="")
    created_at = DateTimeField(index=True)
    acknowledged_by = ForeignKeyField(Volunteer, null=True, on_delete="SET NULL")
    acknowledged_at = DateTimeField(null=True)

    class Meta:
        database = database
        table_name = "alert"


class IncidentV5(Model):
    """The incident table as schema version 5 had it: no follow-up."""

    at = DateTimeField()
    case = ForeignKeyField(Case, null=True, on_delete="CASCADE")
    recorded_by = ForeignKeyField(Volunteer, null=True, on_delete="SET NULL")
    description = TextField()

    class Meta:
        database = database
        table_name = "incident"


class DisclosureV5(Model):
    """The disclosure table as schema version 5 had it: no link to an incident."""

    at = DateTimeField()
    made_by = ForeignKeyField(Volunteer, null=True, on_delete="SET NULL")
    made_by_label = CharField(default="")
    kind = CharField()
    recipient = CharField()
    case = ForeignKeyField(Case, null=True, on_delete="CASCADE")
    what = TextField(default="")
    reason = TextField(default="")
    period_from = DateField(null=True)
    period_until = DateField(null=True)

    class Meta:
        database = database
        table_name = "disclosure"


class AccidentEntryV5(Model):
    """The accident book as schema version 5 had it: what happened, and the action taken."""

    at = DateTimeField()
    recorded_at = DateTimeField()
    recorded_by_name = CharField()
    description = TextField()
    action_taken = TextField(default="")
    corrects = ForeignKeyField("self", null=True, on_delete="RESTRICT")

    class Meta:
        database = database
        table_name = "accident_entry"


def _to_version_5() -> None:
    database.execute_sql("DROP TABLE incident_note")
    database.drop_tables([DisclosureV5, IncidentV5, AccidentEntryV5])
    database.create_tables([IncidentV5, DisclosureV5, AccidentEntryV5])
    for sql in schema.ACCIDENT_BOOK_TRIGGERS:
        database.execute_sql(sql)


def _to_version_4() -> None:
    for table, column in SEARCH_INDEXES:
        database.execute_sql(f'DROP INDEX "{table}_{column}_nocase"')


def _to_version_3() -> None:
    database.execute_sql("DROP INDEX alert_booking_id_kind_created_at")


def _to_version_2() -> None:
    database.drop_tables([AlertV2])
    database.create_tables([AlertV2])


def _to_version_1() -> None:
    migrate(SqliteMigrator(database).drop_column("case", "no_show_grace_min"))


def _to_version_6() -> None:
    database.drop_tables([Room, Closure])
    migrator = SqliteMigrator(database)
    migrate(
        migrator.drop_index("booking", "booking_series"), migrator.drop_column("booking", "series")
    )


def _to_version_7() -> None:
    migrate(SqliteMigrator(database).drop_column("referral", "kind"))


def _to_version_8() -> None:
    for column in WORD_COLUMNS:
        database.execute_sql(f'DROP INDEX "person_{column}_word_nocase"')


def make_version(version: int) -> None:
    """Make the open, current database look as that version's kiosk left it."""
    if version <= 9:
        _to_version_9()
    if version <= 8:
        _to_version_8()
    if version <= 7:
        _to_version_7()
    if version <= 6:
        _to_version_6()
    if version <= 5:
        _to_version_5()
    if version <= 4:
        _to_version_4()
    if version <= 3:
        _to_version_3()
    if version <= 2:
        _to_version_2()
    if version <= 1:
        _to_version_1()
    database.execute_sql(f"PRAGMA user_version = {int(version)}")


def indexes(table: str) -> set[str]:
    return {i.name for i in database.get_indexes(table)}


def columns(table: str) -> set[str]:
    return {c.name for c in database.get_columns(table)}


def _to_version_9() -> None:
    for table, column in schema.DUPLICATE_INDEXES:
        database.execute_sql(f'CREATE INDEX "{table}_{column}" ON "{table}" ("{column}")')
