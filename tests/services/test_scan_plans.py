"""The scan's and the case search's queries find their rows through indexes, whatever
the history holds.

Every statement a scan runs is caught as SQLite starts it and asked for its query
plan. A refused scan looks for the same alert in the last minutes: walking
every alert with no booking (every unknown card ever scanned) grew the scan's
time with the centre's history.
"""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from kiosk.clock import FixedClock
from kiosk.services.attendance import checkin
from kiosk.services.cases import search
from kiosk.services.staff.auth import StaffMember
from kiosk.services.store.fixed import Fixed
from models import Alert, Booking, DbConfig, Person
from tests.support.builders import DAY, TwoPartyCase, make_booking, make_case
from tests.support.query_plans import full_scans, plans, statements

UNKNOWN = "CCK" + "A" * 32


def test_an_unknown_card_s_look_back_is_bounded_by_time(db: DbConfig, clock: FixedClock) -> None:
    checkin.scan(UNKNOWN, clock)
    clock.advance(minutes=1)
    with statements() as sql:
        checkin.scan(UNKNOWN, clock)
    looked = plans(sql, "alert")
    assert looked, sql
    for plan in looked:
        assert not full_scans(plan), plan
        assert "created_at>?" in plan, plan


def test_the_case_search_reads_no_person_whole(coordinator: StaffMember, clock: FixedClock) -> None:
    # A search by a name or postcode stays as fast at 4,000 cases as at 400: the people
    # are read through indexes. Only the case table (t1: one short row a case) is read
    # whole, for a part of a reference (docs/DESIGN.md, "Case search").
    make_case("RCC-2025-001", clock.now(), resident="Rosa", visiting="Victor")
    with statements() as sql:
        found = search.search_cases(coordinator, "ros")
    assert [c.ref for c in found.items] == ["RCC-2025-001"]
    looked = plans(sql, "person")
    assert looked, sql
    for plan in looked:
        # t1 is the case table in the search's own statements (its people are t2 on).
        assert full_scans(plan) in ([], ["t1"]), plan


def test_a_day_of_scans_sorts_nothing_and_reads_no_table_whole(
    two_party_case: TwoPartyCase,
) -> None:
    # A sorter or a temporary table (for an ORDER BY no index gives, or an IN list)
    # costs more than the lookup itself under SQLCipher's memory security: the scan's
    # statements sort in Python. Early, both in, a repeat, the hold, both out, an unknown card.
    make_booking(two_party_case.case, DAY.replace(hour=15), room="Green Room")
    day = [
        (two_party_case.resident, 9, 30),
        (two_party_case.visiting, 9, 40),
        (two_party_case.visiting, 9, 40),
        (two_party_case.resident, 11, 50),
        (two_party_case.visiting, 12, 5),
        (two_party_case.resident, 12, 30),
        (UNKNOWN, 12, 31),
        (UNKNOWN, 12, 31),
    ]
    with statements() as sql:
        for code, hour, minute in day:
            checkin.scan(code, FixedClock(DAY.replace(hour=hour, minute=minute)))
    selects = [s for s in sql if s.lstrip().upper().startswith("SELECT")]
    assert len(selects) >= 3 * len(day), sql
    for table in ("card", "booking", "attendance", "alert", "setting"):
        for plan in plans(selects, table):
            assert not full_scans(plan), plan
            assert "TEMP B-TREE" not in plan, plan


def test_a_fixed_statement_refuses_values_in_another_order_than_peewee_binds(
    two_party_case: TwoPartyCase,
) -> None:
    booking = two_party_case.booking
    swapped = Fixed(
        lambda booking_id, room: Booking.select(Booking.id).where(
            Booking.room == room, Booking.id == booking_id
        ),
        (Booking.id,),
    )
    with pytest.raises(ValueError, match="not the 2 given in the same order"):
        swapped.objects(booking.id, booking.room)
    kept = Fixed(
        lambda room, booking_id: Booking.select(Booking.id).where(
            Booking.room == room, Booking.id == booking_id
        ),
        (Booking.id,),
    )
    assert kept.objects(booking.room, booking.id) == [(booking.id,)]
    misread = Fixed(
        lambda booking_id: Booking.select(Booking.room, Booking.id).where(Booking.id == booking_id),
        (Booking.id, Booking.room),
    )
    with pytest.raises(ValueError, match="the shape does not match the select"):
        misread.objects(booking.id)
    # Built once: the second call binds new values to the same text.
    assert kept.objects("Nowhere", booking.id) == []


def test_a_fixed_statement_reads_a_null_and_a_date_as_peewee_does(
    two_party_case: TwoPartyCase,
) -> None:
    at = datetime(2026, 12, 4, 9, 30)
    Alert.create(kind="scan_refused", message="m", created_at=at)
    rows = Fixed(lambda kind: Alert.select(Alert).where(Alert.kind == kind), (Alert,)).objects(
        "scan_refused"
    )
    (alert,) = rows[0]
    assert alert.created_at == at and alert.booking_id is None and alert.closed_reason == ""
    assert not alert.is_dirty()


def test_a_scan_reads_the_booking_s_alerts_not_the_family_s_history(
    two_party_case: TwoPartyCase,
) -> None:
    # Years of alerts about the family: a scan's look-back and its closes go through the
    # booking's alerts of one kind, not through every alert of the case or the person.
    visiting = Person.get(Person.case == two_party_case.case, Person.role == "visiting")
    history = [
        {
            "case": two_party_case.case.id,
            "person": visiting.id,
            "kind": "early_arrival",
            "message": f"old {n}",
            "created_at": DAY - timedelta(days=n + 1),
            "closed_at": DAY - timedelta(days=n + 1),
        }
        for n in range(200)
    ]
    Alert.insert_many(history).execute()
    with statements() as sql:
        # Early (an alert looked for and raised), then the other party after their grace
        # (their no-show alert, if any, closed).
        checkin.scan(two_party_case.visiting, FixedClock(DAY.replace(hour=9, minute=20)))
        checkin.scan(two_party_case.resident, FixedClock(DAY.replace(hour=10, minute=20)))
    looked = plans(sql, "alert", ("SELECT", "UPDATE"))
    assert any(p.startswith("SEARCH") and "UPDATE" not in p for p in looked), sql
    assert any('UPDATE "alert"' in s for s in sql), sql
    for plan in looked:
        assert not full_scans(plan), plan
        assert "alert_case_id" not in plan and "alert_person_id" not in plan, plan
