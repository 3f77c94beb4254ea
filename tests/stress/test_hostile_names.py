"""Hostile names typed by the co-ordinator: control characters refused, markup shown literally.

Generated: 600 case-file names and 300 volunteer names (hypothesis). Then a
set of hostile but printable names through every screen that shows them:
case list, case file, card screen, export screen, volunteer list, and the
parent's welcome. The door console's board is covered by its own tests.
"""

from __future__ import annotations

import itertools
import unicodedata
from dataclasses import replace
from datetime import datetime
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from textual.widgets import DataTable, Input, Static

from kiosk.app import KioskApp
from kiosk.clock import FixedClock
from kiosk.services.cards import tokens as cards
from kiosk.services.cases import case_file as cases
from kiosk.services.cases import importer
from kiosk.services.staff.auth import StaffMember
from kiosk.services.staff.volunteers import VolunteerData, save_volunteer
from kiosk.services.store.forms import BLANKS, FormError
from models import Case, DbConfig, Referral, Role, Volunteer
from screens.coordinator.card import CardScreen
from screens.coordinator.case_file import CaseFileScreen
from screens.coordinator.case_list import CaseListScreen
from screens.coordinator.export_attendance import ExportAttendanceScreen
from screens.coordinator.volunteer_list import VolunteerListScreen
from tests.support.builders import make_booking, make_case, person, sample_file
from tests.support.hostile import MARKUP
from tests.support.pilots import ADMIN_SIZE, HostApp, burst, parent_sees, settle, text_of

SHARED = settings(
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    database=None,
)
# Every control and format character of the Basic Multilingual Plane but the joiners, and the
# letters that print as nothing (Hangul fillers, the braille blank).
CONTROL = [
    chr(c)
    for c in range(0x10000)
    if unicodedata.category(chr(c)) in ("Cc", "Cf", "Zl", "Zp") and c not in (0x200C, 0x200D)
] + sorted(BLANKS)
PRINTABLE = st.characters(
    exclude_categories=["Cc", "Cf", "Cs", "Co", "Zl", "Zp"], exclude_characters=BLANKS
)
NAMES = st.lists(st.sampled_from(MARKUP) | st.text(PRINTABLE, min_size=1, max_size=8), min_size=1)
HOSTILE = [
    "[@click=app.quit]Rosa[/]",
    "[bold red]Rosa",
    "Ro\\[sa] [link=https://example.test]x[/link]",
]
_refs = itertools.count()


def _name(parts: list[str]) -> str:
    name = "".join(parts).strip()
    return name or "A"


@settings(SHARED, max_examples=600)
@given(parts=NAMES, bad=st.sampled_from(CONTROL), at=st.integers(0, 40), printable=st.booleans())
def test_case_file_names_keep_markup_and_refuse_control_characters(
    coordinator: StaffMember,
    clock: FixedClock,
    parts: list[str],
    bad: str,
    at: int,
    printable: bool,
) -> None:
    name = _name(parts)
    if not printable:
        name = name[:at] + bad + name[at:]
    base = sample_file(f"H-{next(_refs)}")
    people = (replace(base.people[0], first_name=name, last_name=name), base.people[1])
    before = Case.select().count()
    if printable:
        saved = cases.save_case(replace(base, people=people), coordinator, clock)
        loaded = cases.load_case(saved.id or 0)
        assert loaded.people[0].first_name in (name, name.strip())
        assert loaded.people[0].last_name in (name, name.strip())
    else:
        with pytest.raises(FormError) as caught:
            cases.save_case(replace(base, people=people), coordinator, clock)
        assert {p.field for p in caught.value.problems} >= {"people.0.first_name"}
        assert Case.select().count() == before


@settings(SHARED, max_examples=300)
@given(parts=NAMES, bad=st.sampled_from(CONTROL), printable=st.booleans())
def test_volunteer_names_refuse_control_characters(
    coordinator: StaffMember, clock: FixedClock, parts: list[str], bad: str, printable: bool
) -> None:
    name = _name(parts) + ("" if printable else bad + "x")
    data = VolunteerData(name=name, dbs_number="", left_on=None)
    before = Volunteer.select().count()
    if printable:
        saved = save_volunteer(data, coordinator, clock, secret="13572468")
        assert saved.name == name.strip()
    else:
        with pytest.raises(FormError):
            save_volunteer(data, coordinator, clock, secret="13572468")
        assert Volunteer.select().count() == before


def test_import_refuses_an_escape_sequence_in_a_name(db: DbConfig, tmp_path: Path) -> None:
    path = tmp_path / "cases.csv"
    path.write_text(
        ",".join(importer.CASE_COLUMNS)
        + "\nIMP-1,resident,Ro\x1b]0;owned\x07sa,Quill,,,,,Mia,,,\n",
        encoding="utf-8",
    )
    with pytest.raises(importer.ImportRejected) as caught:
        importer.import_cases(path, datetime(2026, 11, 21, 9))
    assert "control characters" in str(caught.value.problems[0])
    assert Case.select().count() == 0


def _hostile_case(coordinator: StaffMember, clock: FixedClock, name: str) -> int:
    base = sample_file()
    people = (replace(base.people[0], first_name=name), base.people[1])
    referral = replace(base.referral, organisation=name)
    saved = cases.save_case(replace(base, people=people, referral=referral), coordinator, clock)
    return saved.id or 0


@pytest.mark.parametrize("name", HOSTILE)
async def test_coordinator_screens_show_hostile_names_literally(
    coordinator: StaffMember, clock: FixedClock, tmp_path: Path, name: str
) -> None:
    case_id = _hostile_case(coordinator, clock, name)
    app = HostApp(lambda: CaseListScreen(coordinator, clock))
    async with app.run_test(size=ADMIN_SIZE) as pilot:
        await pilot.pause()
        row = app.screen.query_one("#cases", DataTable).get_row_at(0)
        assert name in str(row[1])
        assert app.is_running
    app = HostApp(lambda: CaseFileScreen(coordinator, clock, case_id))
    async with app.run_test(size=ADMIN_SIZE) as pilot:
        await pilot.pause()
        assert app.screen.query_one("#p1-first_name", Input).value == name
    person_id = cases.load_case(case_id).people[0].id or 0
    app = HostApp(lambda: CardScreen(coordinator, clock, person_id, folder=tmp_path))
    async with app.run_test(size=ADMIN_SIZE) as pilot:
        await pilot.pause()
        assert text_of(app.screen, "#holder").startswith(f"Card for {name} (")
    app = HostApp(lambda: ExportAttendanceScreen(coordinator, clock, tmp_path))
    async with app.run_test(size=ADMIN_SIZE) as pilot:
        app.screen.query_one("#case", Input).value = sample_file().ref
        await pilot.pause()
        assert name in str(app.screen.query_one("#referrer", Static).render())
        assert Referral.get().organisation == name
    save_volunteer(VolunteerData(name=name), coordinator, clock, secret="13572468")
    app = HostApp(lambda: VolunteerListScreen(coordinator, clock))
    async with app.run_test(size=ADMIN_SIZE) as pilot:
        await pilot.pause()
        table = app.screen.query_one("#volunteers", DataTable)
        shown = [str(table.get_row_at(i)[0]) for i in range(table.row_count)]
        assert name in shown
        assert app.is_running


@pytest.mark.parametrize("name", HOSTILE)
async def test_parent_welcome_shows_a_hostile_name_literally(db: DbConfig, name: str) -> None:
    day = datetime(2026, 11, 21)
    case = make_case("WEL-1", day, resident=name)
    make_booking(case, day.replace(hour=10))
    code = cards.issue_card(person(case, Role.RESIDENT).id, day)
    app = KioskApp(clock=FixedClock(day.replace(hour=10)))
    async with app.run_test(size=(100, 24)) as pilot:
        await settle(pilot)
        burst(app, code + "\n")
        await settle(pilot)
        assert f"Welcome, {name}" in parent_sees(app)
        assert app.is_running
