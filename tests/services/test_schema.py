"""Schema versions: a version-1 file is moved forward by a real migration step."""

from __future__ import annotations

import pytest

from kiosk.clock import FixedClock
from kiosk.services import store
from models import Alert, Case, DbConfig, OpenError, Person, Referral, database, schema
from tests.support.builders import make_case
from tests.support.old_schema import AlertV2, columns, make_version


def test_version_1_file_is_upgraded_keeping_its_data(db: DbConfig, clock: FixedClock) -> None:
    make_case("OLD-1", clock.now())
    make_version(1)
    assert "no_show_grace_min" not in columns("case")
    store.close()

    store.open_store(db)

    assert schema.user_version() == schema.SCHEMA_VERSION == 4
    assert "no_show_grace_min" in columns("case")
    assert Case.get(Case.ref == "OLD-1").no_show_grace_min == 15


def test_version_2_alerts_learn_to_close_themselves(db: DbConfig, clock: FixedClock) -> None:
    case = make_case("OLD-2", clock.now())
    make_version(2)
    AlertV2.create(case=case, kind="no_show", message="visiting adult", created_at=clock.now())
    assert "closed_at" not in columns("alert")
    store.close()

    store.open_store(db)

    assert schema.user_version() == schema.SCHEMA_VERSION
    assert {"person_id", "until", "closed_at", "closed_reason"} <= columns("alert")
    old = Alert.get()
    assert (old.case_id, old.message, old.person_id, old.closed_at) == (
        case.id,
        "visiting adult",
        None,
        None,
    )
    assert old.closed_reason == ""
    # The new column is a real foreign key: destroying the person takes their alerts.
    someone = Person.get(Person.case == case)
    Alert.create(kind="no_show", created_at=clock.now(), person=someone, case=case)
    Person.delete().where(Person.id == someone.id).execute()
    assert Alert.select().count() == 1


def test_version_3_referrals_learn_the_kind_of_referrer(db: DbConfig, clock: FixedClock) -> None:
    case = make_case("OLD-3", clock.now())
    make_version(3)
    database.execute_sql(
        "INSERT INTO referral (case_id, organisation, contact_name, contact_email, court_order,"
        " risk_notes) VALUES (?, 'Cafcass', '', '', 1, '')",
        (case.id,),
    )
    assert "kind" not in columns("referral")
    store.close()

    store.open_store(db)

    assert schema.user_version() == schema.SCHEMA_VERSION
    old = Referral.get(Referral.case == case.id)
    # Not guessed from the organisation's name: "" until the co-ordinator records it.
    assert (old.organisation, old.kind) == ("Cafcass", "")


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
