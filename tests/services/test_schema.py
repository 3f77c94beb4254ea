"""Schema versions: a version-1 file is moved forward by a real migration step."""

from __future__ import annotations

import pytest
from playhouse.migrate import SqliteMigrator, migrate

from kiosk.clock import FixedClock
from kiosk.services import store
from models import Case, DbConfig, OpenError, database, schema
from tests.support.builders import make_case


def _columns(table: str) -> set[str]:
    return {c.name for c in database.get_columns(table)}


def test_version_1_file_is_upgraded_keeping_its_data(db: DbConfig, clock: FixedClock) -> None:
    make_case("OLD-1", clock.now())
    # Make this file what version 1 was: no per-case no-show grace.
    migrate(SqliteMigrator(database).drop_column("case", "no_show_grace_min"))
    database.execute_sql("PRAGMA user_version = 1")
    assert "no_show_grace_min" not in _columns("case")
    store.close()

    store.open_store(db)

    assert schema.user_version() == schema.SCHEMA_VERSION == 2
    assert "no_show_grace_min" in _columns("case")
    assert Case.get(Case.ref == "OLD-1").no_show_grace_min == 15


def test_a_newer_file_is_refused(db: DbConfig) -> None:
    database.execute_sql(f"PRAGMA user_version = {schema.SCHEMA_VERSION + 1}")
    store.close()
    with pytest.raises(OpenError, match="schema version"):
        store.open_store(db)


def test_accident_book_is_append_only(db: DbConfig, clock: FixedClock) -> None:
    from peewee import IntegrityError

    from models import AccidentEntry

    entry = AccidentEntry.create(
        at=clock.now(), recorded_at=clock.now(), recorded_by_name="A", description="fell"
    )
    with pytest.raises(IntegrityError, match="append-only"):
        AccidentEntry.update(description="edited").where(AccidentEntry.id == entry.id).execute()
    with pytest.raises(IntegrityError, match="append-only"):
        AccidentEntry.delete().execute()
    fix = AccidentEntry.create(
        at=clock.now(),
        recorded_at=clock.now(),
        recorded_by_name="A",
        description="fell on the step",
        corrects=entry,
    )
    assert AccidentEntry.select().count() == 2
    assert fix.corrects.id == entry.id
