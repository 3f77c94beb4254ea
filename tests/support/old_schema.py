"""Turn a new test database into what an older kiosk wrote, to test the upgrade steps.

Each step undoes one schema step the way that version's kiosk had it. SQLite
cannot drop a column that carries a foreign key, so the alert table is rebuilt
in its version-2 shape (a frozen copy of the model as it was).
"""

from __future__ import annotations

from peewee import CharField, DateTimeField, ForeignKeyField, Model, TextField
from playhouse.migrate import SqliteMigrator, migrate

from models import Booking, Case, Volunteer, database


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


def _to_version_2() -> None:
    database.drop_tables([AlertV2])
    database.create_tables([AlertV2])


def _to_version_1() -> None:
    migrate(SqliteMigrator(database).drop_column("case", "no_show_grace_min"))


def _to_version_3() -> None:
    migrate(SqliteMigrator(database).drop_column("referral", "kind"))


def make_version(version: int) -> None:
    """Make the open, current database look as that version's kiosk left it."""
    if version <= 3:
        _to_version_3()
    if version <= 2:
        _to_version_2()
    if version <= 1:
        _to_version_1()
    database.execute_sql(f"PRAGMA user_version = {int(version)}")


def columns(table: str) -> set[str]:
    return {c.name for c in database.get_columns(table)}
