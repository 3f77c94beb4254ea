"""Case files as plain service calls: create, edit, check, search, audit."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, timedelta

import pytest

from kiosk.clock import FixedClock
from kiosk.services.cases import case_file as cases
from kiosk.services.cases import search as case_search
from kiosk.services.cases.records import ConsentData, PersonData, SeparationSettings
from kiosk.services.staff.auth import StaffMember
from kiosk.services.staff.permissions import NotAllowed
from kiosk.services.store.forms import FormError
from models import Attendance, AuditEntry, Case, Child, Consent, Person, Role, database
from tests.support.builders import make_booking, make_case, sample_file


def test_create_then_open_round_trips_every_section(
    coordinator: StaffMember, clock: FixedClock
) -> None:
    saved = cases.save_case(sample_file(), coordinator, clock)
    opened = cases.open_case(saved.id or 0, coordinator, clock)
    assert opened == saved
    resident = opened.person(Role.RESIDENT)
    assert resident is not None and resident.postcode == "ZZ1 1AA"
    assert resident.consents[0].recipient == "Cafcass"
    assert opened.children == ("Mia", "Theo")
    assert opened.referral.court_order is True
    assert opened.settings == SeparationSettings()


def test_edit_changes_settings_people_and_touches_last_used(
    coordinator: StaffMember, clock: FixedClock
) -> None:
    saved = cases.save_case(sample_file(), coordinator, clock)
    clock.advance(days=30)
    adult = PersonData(Role.ADULT, "Gran", "Quill")
    edited = replace(
        saved,
        people=(*saved.people, adult),
        children=("Mia",),
        settings=SeparationSettings(Role.RESIDENT, 20, 25, 10),
        family_agreed_assessment_on=date(2026, 12, 1),
    )
    again = cases.save_case(edited, coordinator, clock)
    assert again.settings == SeparationSettings(Role.RESIDENT, 20, 25, 10)
    assert [p.first_name for p in again.people] == ["Rosa", "Victor", "Gran"]
    assert Child.select().where(Child.case == saved.id).count() == 1
    assert again.last_used_at == clock.now()
    assert Person.get(Person.first_name == "Rosa").last_used_at == clock.now()


def test_invalid_file_names_each_field_and_writes_nothing(
    coordinator: StaffMember, clock: FixedClock
) -> None:
    cases.save_case(sample_file(), coordinator, clock)
    bad = sample_file()  # same reference again
    bad = replace(
        bad,
        people=(
            replace(bad.people[0], first_name=" ", consents=(ConsentData("", None),)),
            replace(bad.people[1], email="not-an-email"),
        ),
        settings=SeparationSettings(Role.VISITING, 500, 15, 15),
    )
    with pytest.raises(FormError) as caught:
        cases.save_case(bad, coordinator, clock)
    fields = {p.field for p in caught.value.problems}
    assert fields == {
        "ref",
        "people.0.first_name",
        "people.0.consents.0.recipient",
        "people.0.consents.0.given_on",
        "people.1.email",
        "settings.arrival_gap_min",
    }
    assert Case.select().count() == 1


def test_a_case_needs_one_resident_parent(coordinator: StaffMember, clock: FixedClock) -> None:
    file = sample_file()
    with pytest.raises(FormError, match="exactly one resident"):
        cases.save_case(replace(file, people=file.people[1:]), coordinator, clock)


def test_removing_a_person_who_attended_is_refused(
    coordinator: StaffMember, clock: FixedClock
) -> None:
    saved = cases.save_case(sample_file(), coordinator, clock)
    booking = make_booking(Case.get_by_id(saved.id), clock.now())
    visiting = saved.person(Role.VISITING)
    assert visiting is not None and visiting.id is not None
    Attendance.create(booking=booking, person=visiting.id, kind="in", at=clock.now(), method="scan")
    without = replace(saved, people=saved.people[:1])
    with pytest.raises(FormError, match="attendance records"):
        cases.save_case(without, coordinator, clock)
    assert Person.select().where(Person.case == saved.id).count() == 2


def test_removing_a_consent_deletes_it(coordinator: StaffMember, clock: FixedClock) -> None:
    saved = cases.save_case(sample_file(), coordinator, clock)
    resident = replace(saved.people[0], consents=())
    cases.save_case(replace(saved, people=(resident, saved.people[1])), coordinator, clock)
    assert Consent.select().count() == 0


def test_opening_a_case_is_audited_without_personal_data(
    coordinator: StaffMember, clock: FixedClock
) -> None:
    saved = cases.save_case(sample_file(), coordinator, clock)
    cases.open_case(saved.id or 0, coordinator, clock)
    entry = AuditEntry.get(AuditEntry.action == "view_case")
    assert entry.target == f"case:{saved.id}"
    assert entry.actor_id == coordinator.id  # type: ignore[attr-defined]
    text = " ".join(str(v) for v in entry.__data__.values())
    for secret in ("Rosa", "Victor", "Quill", "07700", "Lark", "ZZ1", "example.test"):
        assert secret not in text


def test_a_volunteer_may_not_open_a_case(
    coordinator: StaffMember, volunteer: StaffMember, clock: FixedClock
) -> None:
    saved = cases.save_case(sample_file(), coordinator, clock)
    with pytest.raises(NotAllowed):
        cases.open_case(saved.id or 0, volunteer, clock)
    assert not AuditEntry.select().where(AuditEntry.action == "view_case").exists()


def test_search_over_a_thousand_cases(coordinator: StaffMember, clock: FixedClock) -> None:
    base = clock.now()
    with database.atomic():  # one transaction: quick to build
        for i in range(1000):
            make_case(
                f"RCC-{i:04d}",
                base - timedelta(minutes=i),
                resident=f"Res{i:04d}",
                visiting=f"Vis{i:04d}",
            )
        make_case("OTH-0001", base - timedelta(days=9), resident="Zelda", visiting="Yannick")
    first = case_search.search_cases(coordinator, "", page=0)
    assert first.total == 1001 and len(first.items) == case_search.PAGE_SIZE
    assert first.items[0].ref == "RCC-0000"  # most recently used first
    assert first.pages == 51
    last = case_search.search_cases(coordinator, "", page=50)
    assert [i.ref for i in last.items] == ["OTH-0001"]
    by_name = case_search.search_cases(coordinator, "zel")
    assert [(i.ref, i.resident, i.visiting) for i in by_name.items] == [
        ("OTH-0001", "Zelda Zeldason", "Yannick Yannickson")
    ]
    by_ref = case_search.search_cases(coordinator, "rcc-099")
    assert by_ref.total == 10
    both_terms = case_search.search_cases(coordinator, "Res0123 Vis0123")
    assert [i.ref for i in both_terms.items] == ["RCC-0123"]
    assert case_search.search_cases(coordinator, "nobody").total == 0
    # LIKE wildcards typed by the user are literal.
    assert case_search.search_cases(coordinator, "%").total == 0
    beyond = case_search.search_cases(coordinator, "", page=999)
    assert beyond.page == 50


def test_search_orders_by_last_use(coordinator: StaffMember, clock: FixedClock) -> None:
    make_case("A", datetime(2026, 1, 1))
    make_case("B", datetime(2026, 6, 1))
    assert [i.ref for i in case_search.search_cases(coordinator).items] == ["B", "A"]


def test_the_kind_of_referrer_is_kept_and_an_unknown_one_is_named(
    coordinator: StaffMember, clock: FixedClock
) -> None:
    saved = cases.save_case(sample_file(), coordinator, clock)
    assert saved.referral.kind == ""
    court = replace(saved, referral=replace(saved.referral, kind="court"))
    assert cases.save_case(court, coordinator, clock).referral.kind == "court"
    odd = replace(saved, referral=replace(saved.referral, kind="neighbour"))
    with pytest.raises(FormError) as err:
        cases.save_case(odd, coordinator, clock)
    assert [p.field for p in err.value.problems] == ["referral.kind"]
    assert cases.load_case(saved.id or 0).referral.kind == "court"
