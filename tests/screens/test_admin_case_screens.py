"""The case list and case file, driven through the real App."""

from __future__ import annotations

from datetime import timedelta

from textual.widgets import DataTable, Input

from kiosk.clock import FixedClock
from kiosk.services.cases import case_file as cases
from kiosk.services.staff.auth import StaffMember
from models import AuditEntry, Case, Child, Consent, Person, Referral, Role
from screens.coordinator.card import CardScreen
from screens.coordinator.case_file import CaseFileScreen
from screens.coordinator.case_list import CaseListScreen
from tests.support.builders import make_case, sample_file
from tests.support.pilots import ADMIN_SIZE, HostApp, click, fill, invalid_ids, text_of, until

NEW_CASE = {
    "ref": "RCC-2026-050",
    "children": "Mia, Theo",
    "p1-first_name": "Rosa",
    "p1-last_name": "Quill",
    "p1-phone": "07700 900111",
    "p1-emergency_phone": "07700 900112",
    "p1-postcode": "zz1 1aa",
    "p1-pre_visit_on": "01/11/2026",
    "p2-first_name": "Victor",
    "p2-last_name": "Stone",
    "p2-email": "victor@example.test",
    "referral-organisation": "Harbour & Co",
    "settings-arrival_gap_min": "20",
    "family_agreed_assessment_on": "2026-11-02",
}


async def test_create_a_case_from_the_form(coordinator: StaffMember, clock: FixedClock) -> None:
    app = HostApp(lambda: CaseFileScreen(coordinator, clock, None))
    async with app.run_test(size=ADMIN_SIZE) as pilot:
        screen = app.screen
        fill(screen, NEW_CASE)
        await click(pilot, "#save")
        await until(pilot, lambda: text_of(app.screen, "#status") == "Saved case RCC-2026-050.")
        assert not app.screen.query_one("#book").disabled
    case = Case.get(Case.ref == "RCC-2026-050")
    assert case.arrival_gap_min == 20
    assert str(case.family_agreed_assessment_on) == "2026-11-02"
    resident = Person.get(Person.case == case, Person.role == Role.RESIDENT.value)
    assert (resident.first_name, resident.postcode) == ("Rosa", "ZZ1 1AA")
    assert str(resident.pre_visit_on) == "2026-11-01"
    assert [c.first_name for c in Child.select().where(Child.case == case)] == ["Mia", "Theo"]
    assert Referral.get(Referral.case == case).organisation == "Harbour & Co"
    assert AuditEntry.get(AuditEntry.action == "create_case").target == f"case:{case.id}"


async def test_edit_a_case_add_an_adult_and_a_consent(
    coordinator: StaffMember, clock: FixedClock
) -> None:
    saved = cases.save_case(sample_file(), coordinator, clock)
    clock.advance(days=2)
    app = HostApp(lambda: CaseFileScreen(coordinator, clock, saved.id))
    async with app.run_test(size=ADMIN_SIZE) as pilot:
        screen = app.screen
        fill(screen, {"p2-phone": "07700 900999"})
        await click(pilot, "#p2-add-consent")
        await click(pilot, "#add-adult")
        await pilot.pause()
        fill(screen, {"p2-c0-recipient": "Cafcass", "p2-c0-given_on": "2026-11-20"})
        fill(screen, {"p3-first_name": "Gran", "p3-phone": "07700 900333"})
        await click(pilot, "#save")
        await until(pilot, lambda: text_of(app.screen, "#status").startswith("Saved"))
    visiting = Person.get(Person.case == saved.id, Person.role == Role.VISITING.value)
    assert visiting.phone == "07700 900999"
    assert Consent.get(Consent.person == visiting).recipient == "Cafcass"
    assert Person.get(Person.role == Role.ADULT.value).first_name == "Gran"
    assert Case.get_by_id(saved.id).last_used_at == clock.now()


async def test_problems_show_beside_their_fields_and_nothing_is_saved(
    coordinator: StaffMember, clock: FixedClock
) -> None:
    app = HostApp(lambda: CaseFileScreen(coordinator, clock, None))
    async with app.run_test(size=ADMIN_SIZE) as pilot:
        screen = app.screen
        fill(
            screen, {**NEW_CASE, "p1-pre_visit_on": "31/02/2026", "settings-no_show_grace_min": "x"}
        )
        await click(pilot, "#save")
        await pilot.pause()
        assert invalid_ids(screen) == {"p1-pre_visit_on", "settings-no_show_grace_min"}
        assert "'31/02/2026' is not a date" in text_of(screen, "#errors")
        # Fix those; now the service finds the missing reference and a bad e-mail.
        fill(
            screen,
            {
                "p1-pre_visit_on": "",
                "settings-no_show_grace_min": "15",
                "ref": "",
                "p2-email": "nope",
            },
        )
        await click(pilot, "#save")
        await pilot.pause()
        assert invalid_ids(screen) == {"ref", "p2-email"}
        assert "a case reference is required" in text_of(screen, "#errors")
    assert Case.select().count() == 0
    assert Person.select().count() == 0


async def test_opening_a_case_file_writes_the_audit_entry(
    coordinator: StaffMember, clock: FixedClock
) -> None:
    saved = cases.save_case(sample_file(), coordinator, clock)
    app = HostApp(lambda: CaseListScreen(coordinator, clock))
    async with app.run_test(size=ADMIN_SIZE) as pilot:
        table = app.screen.query_one("#cases", DataTable)
        table.focus()
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, CaseFileScreen)
        assert app.screen.query_one("#p1-first_name").value == "Rosa"  # type: ignore[attr-defined]
    views = list(AuditEntry.select().where(AuditEntry.action == "view_case"))
    assert [(v.target, v.actor_label) for v in views] == [
        (f"case:{saved.id}", f"volunteer:{coordinator.id}")
    ]


async def test_case_list_search_and_pages(coordinator: StaffMember, clock: FixedClock) -> None:
    for i in range(45):
        make_case(f"RCC-{i:03d}", clock.now() - timedelta(hours=i), resident=f"Res{i:03d}")
    make_case("ZZZ-1", clock.now() - timedelta(days=5), resident="[bold]Zoe[/bold]")
    app = HostApp(lambda: CaseListScreen(coordinator, clock))
    async with app.run_test(size=ADMIN_SIZE) as pilot:
        screen = app.screen
        table = screen.query_one("#cases", DataTable)
        assert table.row_count == 20
        assert text_of(screen, "#page-info") == "46 cases - page 1 of 3"
        await click(pilot, "#next")
        assert text_of(screen, "#page-info") == "46 cases - page 2 of 3"
        await click(pilot, "#search")
        await pilot.press(*"zzz")
        await pilot.pause()
        assert table.row_count == 1
        # The name is shown literally, not read as markup.
        assert str(table.get_row_at(0)[1]) == "[bold]Zoe[/bold] [bold]Zoe[/bold]son"


async def test_card_button_on_a_person_opens_their_card(
    coordinator: StaffMember, clock: FixedClock, tmp_path: object
) -> None:
    saved = cases.save_case(sample_file(), coordinator, clock)
    app = HostApp(lambda: CaseFileScreen(coordinator, clock, saved.id))
    async with app.run_test(size=ADMIN_SIZE) as pilot:
        await click(pilot, "#p1-card")
        await pilot.pause()
        assert isinstance(app.screen, CardScreen)
        assert "Card for Rosa (resident parent" in text_of(app.screen, "#holder")


async def test_new_forms_take_typing_straight_away(
    coordinator: StaffMember, clock: FixedClock
) -> None:
    from textual.widgets import Input

    from screens.coordinator.booking_form import BookingFormScreen

    for make, field, typed in [
        (lambda: CaseFileScreen(coordinator, clock, None), "ref", "RCC-9"),
        (lambda: BookingFormScreen(coordinator, clock), "case_ref", "RCC-9"),
        (lambda: BookingFormScreen(coordinator, clock, case_ref="RCC-9"), "date", "2026-12-01"),
    ]:
        app = HostApp(make)
        async with app.run_test(size=ADMIN_SIZE) as pilot:
            await pilot.pause()
            await pilot.press(*typed)
            assert app.screen.query_one(f"#{field}", Input).value.endswith(typed), field


async def test_enter_in_the_search_opens_the_only_match(
    coordinator: StaffMember, clock: FixedClock
) -> None:
    make_case("RCC-2025-001", clock.now(), resident="Mary Ann")
    make_case("RCC-2025-002", clock.now(), resident="Zoe")
    app = HostApp(lambda: CaseListScreen(coordinator, clock))
    async with app.run_test(size=ADMIN_SIZE) as pilot:
        await click(pilot, "#search")
        await pilot.press(*"2025", "enter")
        await pilot.pause()
        # Two match: the list takes the keys, to choose one.
        assert isinstance(app.screen, CaseListScreen)
        assert app.focused is app.screen.query_one("#cases", DataTable)
        box = app.screen.query_one("#search", Input)
        box.value = ""
        box.focus()
        await pilot.press(*"001", "enter")
        await pilot.pause()
        assert isinstance(app.screen, CaseFileScreen)
        assert app.screen.query_one("#ref").value == "RCC-2025-001"  # type: ignore[attr-defined]
