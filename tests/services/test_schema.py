"""Schema versions: a version-1 file is moved forward by a real migration step."""

from __future__ import annotations

import pytest
from peewee import IntegrityError

from kiosk.clock import FixedClock
from kiosk.services import store
from kiosk.services.cases import search
from kiosk.services.home import reminders
from kiosk.services.store import settings
from models import (
    AccidentEntry,
    Alert,
    Booking,
    Case,
    DbConfig,
    Disclosure,
    Incident,
    IncidentNote,
    OpenError,
    Person,
    Referral,
    Room,
    database,
    schema,
)
from tests.support.builders import make_booking, make_case, make_coordinator
from tests.support.old_schema import (
    AccidentEntryV5,
    AlertV2,
    DisclosureV5,
    IncidentV5,
    columns,
    indexes,
    make_version,
)


def test_version_1_file_is_upgraded_keeping_its_data(db: DbConfig, clock: FixedClock) -> None:
    make_case("OLD-1", clock.now())
    make_version(1)
    assert "no_show_grace_min" not in columns("case")
    store.close()

    store.open_store(db)

    assert schema.user_version() == schema.SCHEMA_VERSION
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


def test_version_3_alerts_are_indexed_by_booking_kind_and_time(
    db: DbConfig, clock: FixedClock
) -> None:
    make_version(3)
    assert "alert_booking_id_kind_created_at" not in indexes("alert")
    store.close()

    store.open_store(db)

    assert schema.user_version() == schema.SCHEMA_VERSION
    assert "alert_booking_id_kind_created_at" in indexes("alert")


def test_version_4_searches_by_case_blind_indexes(db: DbConfig) -> None:
    make_version(4)
    assert "person_first_name_nocase" not in indexes("person")
    store.close()

    store.open_store(db)

    assert schema.user_version() == schema.SCHEMA_VERSION
    assert {"person_first_name_nocase", "person_last_name_nocase", "person_postcode_nocase"} <= (
        indexes("person")
    )
    assert "case_ref_nocase" in indexes("case")


def test_version_5_incidents_gain_follow_up_and_the_book_its_fields(
    db: DbConfig, clock: FixedClock
) -> None:
    case = make_case("OLD-3", clock.now())
    make_version(5)
    now = clock.now()
    old = IncidentV5.create(at=now, case=case, description="raised voices")
    DisclosureV5.create(at=now, kind="safeguarding", recipient="Police", case=case)
    entry = AccidentEntryV5.create(
        at=now, recorded_at=now, recorded_by_name="A", description="fell", action_taken="plaster"
    )
    store.close()

    store.open_store(db)

    assert schema.user_version() == schema.SCHEMA_VERSION
    incident = Incident.get_by_id(old.id)
    assert (incident.description, incident.opened_at) == ("raised voices", None)
    assert incident.action == incident.outcome == ""
    assert Disclosure.get().incident_id is None
    book = AccidentEntry.get_by_id(entry.id)
    assert (book.description, book.person_hurt, book.place, book.injury) == ("fell", "", "", "")
    # Still append-only, and the notes are too; a note goes with its case.
    with pytest.raises(IntegrityError, match="append-only"):
        AccidentEntry.update(place="hall").execute()
    note = IncidentNote.create(incident=incident, at=now, author_name="A", text="spoke to mum")
    with pytest.raises(IntegrityError, match="append-only"):
        IncidentNote.update(text="edited").where(IncidentNote.id == note.id).execute()
    Disclosure.update(incident=incident).execute()
    Case.delete().where(Case.id == case.id).execute()
    assert not IncidentNote.select().exists() and not Incident.select().exists()
    assert AccidentEntry.select().count() == 1


def test_version_6_rooms_go_into_the_register(db: DbConfig, clock: FixedClock) -> None:
    case = make_case("OLD-6", clock.now())
    make_version(6)
    day = clock.now().replace(hour=10)
    make_booking(case, day, room="Blue Room")
    make_booking(case, day.replace(hour=13), room=" blue room")
    make_booking(case, day.replace(hour=15), room="Garden Room")
    settings.put("waiting_area_resident", "Garden Room")
    store.close()

    store.open_store(db)

    assert schema.user_version() == schema.SCHEMA_VERSION
    rooms = {r.name: r.kind for r in Room.select()}
    # Sessions were booked in the Garden Room: it stays a contact room until the
    # co-ordinator chooses a waiting area; the visiting parents' default is a waiting area.
    assert rooms == {"Blue Room": "contact", "Garden Room": "contact", "Front Lounge": "waiting"}
    assert sorted(b.room for b in Booking.select()) == ["Blue Room", "Blue Room", "Garden Room"]
    assert "series" in columns("booking")
    # The co-ordinator is told at sign-in to choose a waiting area for resident parents.
    notes = reminders.coordinator_reminders(clock.now())
    assert any("Resident parents are sent to wait in Garden Room" in n for n in notes)


def test_version_7_referrals_learn_the_kind_of_referrer(db: DbConfig, clock: FixedClock) -> None:
    case = make_case("OLD-7", clock.now())
    make_version(7)
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


def test_version_8_searches_second_words_by_index(db: DbConfig, clock: FixedClock) -> None:
    make_case("OLD-8", clock.now(), resident="Mary Ann")
    make_version(8)
    assert "person_first_name_word_nocase" not in indexes("person")
    store.close()

    store.open_store(db)

    assert schema.user_version() == schema.SCHEMA_VERSION
    words = {f"person_{c}_word_nocase" for c in ("first_name", "last_name", "postcode")}
    assert words <= indexes("person")
    coordinator = make_coordinator(clock.now())
    assert [c.ref for c in search.search_cases(coordinator, "ann").items] == ["OLD-8"]


def test_version_9_drops_indexes_a_longer_one_begins_with(db: DbConfig, clock: FixedClock) -> None:
    case = make_case("OLD-9", clock.now())
    make_booking(case, clock.now())
    make_version(9)
    assert "attendance_booking_id" in indexes("attendance")
    store.close()

    store.open_store(db)

    assert schema.user_version() == schema.SCHEMA_VERSION
    for table, column in schema.DUPLICATE_INDEXES:
        assert f"{table}_{column}" not in indexes(table)
    # A cascade still finds the children through the longer index.
    Case.delete().where(Case.id == case.id).execute()
    assert Booking.select().count() == 0 and Person.select().count() == 0


def test_every_foreign_key_begins_an_index_and_none_is_a_prefix_of_another(
    db: DbConfig,
) -> None:
    # A foreign key with no index of its own makes each parent's delete read the whole
    # child table; an index that a longer one begins with is only one more write a row.
    for model in database.get_tables():
        found = [tuple(i.columns) for i in database.get_indexes(model)]
        for key in database.get_foreign_keys(model):
            assert any(cols[0] == key.column for cols in found), (model, key.column)
        for short in found:
            longer = [c for c in found if len(c) > len(short) and c[: len(short)] == short]
            assert not longer, (model, short, longer)


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
