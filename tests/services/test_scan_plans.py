"""The scan's and the case search's queries find their rows through indexes, whatever
the history holds.

Every statement a scan runs is caught as SQLite starts it and asked for its query
plan. A refused scan looks for the same alert in the last minutes: walking
every alert with no booking (every unknown card ever scanned) grew the scan's
time with the centre's history.
"""

from __future__ import annotations

from kiosk.clock import FixedClock
from kiosk.services.attendance import checkin
from kiosk.services.cases import search
from kiosk.services.staff.auth import StaffMember
from models import DbConfig
from tests.support.builders import make_case
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
