"""The case search finds a case by any part of its reference and by the start of any word
of a name or postcode, and still reads no person row it does not need."""

from __future__ import annotations

from kiosk.clock import FixedClock
from kiosk.services.cases import search
from kiosk.services.staff.auth import StaffMember
from models import Person
from tests.support.builders import make_case
from tests.support.query_plans import full_scans, plans, statements


def _refs(coordinator: StaffMember, text: str) -> list[str]:
    return [c.ref for c in search.search_cases(coordinator, text).items]


def test_any_part_of_a_reference_finds_the_case(
    coordinator: StaffMember, clock: FixedClock
) -> None:
    make_case("RCC-2025-001", clock.now())
    make_case("RCC-2026-014", clock.now())
    assert _refs(coordinator, "001") == ["RCC-2025-001"]
    assert _refs(coordinator, "2025-001") == ["RCC-2025-001"]
    assert _refs(coordinator, "rcc-2026") == ["RCC-2026-014"]
    # LIKE's wildcards are taken as typed.
    assert _refs(coordinator, "%") == [] and _refs(coordinator, "_") == []


def test_the_start_of_any_word_of_a_name_or_postcode_finds_the_case(
    coordinator: StaffMember, clock: FixedClock
) -> None:
    make_case("A", clock.now(), resident="Mary Ann")
    Person.update(postcode="ZZ9 1AB").where(Person.first_name == "Victor").execute()
    make_case("B", clock.now(), resident="Annabel")
    assert sorted(_refs(coordinator, "ann")) == ["A", "B"]
    assert _refs(coordinator, "1ab") == ["A"]
    assert _refs(coordinator, "zz9") == ["A"]
    # Inside a word is not the start of one.
    assert _refs(coordinator, "ary") == []
    assert _refs(coordinator, "nabel") == []


def test_a_word_search_reads_the_people_through_indexes(
    coordinator: StaffMember, clock: FixedClock
) -> None:
    # The people (three or more per case) are never read whole: only the case table,
    # one reference per case, is, for a part of a reference.
    make_case("RCC-2025-001", clock.now(), resident="Mary Ann")
    with statements() as sql:
        found = search.search_cases(coordinator, "ann")
    assert [c.ref for c in found.items] == ["RCC-2025-001"]
    looked = plans(sql, "person")
    assert looked, sql
    for plan in looked:
        # t1 is the case table of the outer query; the people's SELECTs are t2 onwards.
        assert [t for t in full_scans(plan) if t != "t1"] == [], plan
        assert "person_postcode_word_nocase" in plan or "person_case_id" in plan, plan
