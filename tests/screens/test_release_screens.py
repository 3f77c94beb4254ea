"""The release screens through the real App: export, disclosure, subject access, audit."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import pytest
from pypdf import PdfReader
from textual.app import App
from textual.content import Content
from textual.widgets import (
    Button,
    Checkbox,
    DataTable,
    Input,
    Markdown,
    RadioButton,
    Select,
    Static,
    TextArea,
)

from kiosk.clock import FixedClock
from kiosk.services.release.policy import PolicyView
from kiosk.services.staff.auth import StaffMember
from kiosk.services.store import audit
from models import Attendance, AuditEntry, Disclosure, Person
from screens.coordinator.audit_log import AuditLogScreen
from screens.coordinator.export_attendance import ExportAttendanceScreen
from screens.coordinator.policy_view import PolicyViewScreen
from screens.coordinator.safeguarding_disclosure import SafeguardingDisclosureScreen
from screens.coordinator.subject_access import SubjectAccessScreen
from tests.support.pilots import HostApp, click, fill, text_of
from tests.support.release_data import (
    REFERRER,
    VISITING,
    checked,
    family_case,
    identifying,
)

SIZE = (100, 50)


def _export_screen(coordinator: StaffMember, clock: FixedClock, folder: Path) -> HostApp:
    """The attendance export screen, with the family of case C-1 on record."""
    family_case("C-1", clock.now())
    return HostApp(lambda: ExportAttendanceScreen(coordinator, clock, folder))


def _status(app: App[None]) -> str:
    return text_of(app.screen, "#status")


async def test_export_screen_needs_confirmation_then_exports(
    coordinator: StaffMember, clock: FixedClock, tmp_path: Path
) -> None:
    app = _export_screen(coordinator, clock, tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        fill(app.screen, {"case": "C-1"})
        await pilot.pause()
        assert REFERRER in str(app.screen.query_one("#referrer", Static).render())
        fill(app.screen, {"recipient": "Somebody Else Ltd"})
        await click(pilot, "#export")
        assert "not the case's referrer" in _status(app)
        assert Disclosure.select().count() == 0
        app.screen.query_one("#other", Checkbox).value = True
        app.screen.query_one("#fmt-pdf", RadioButton).value = True
        await click(pilot, "#export")
        await pilot.pause()
        assert "Saved 8 rows" in _status(app)
    (pdf_file,) = tmp_path.glob("attendance-C-1-*.pdf")
    text = PdfReader(pdf_file).pages[0].extract_text()
    for value in identifying(VISITING):
        assert value not in text
    row = Disclosure.get()
    assert row.recipient == "Somebody Else Ltd" and row.made_by_id == coordinator.id


async def test_export_screen_fills_referrer_and_refuses_bad_dates(
    coordinator: StaffMember, clock: FixedClock, tmp_path: Path
) -> None:
    app = _export_screen(coordinator, clock, tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        app.screen.query_one("#case", Input).focus()
        await pilot.press("C", "-", "1", "enter")
        assert app.screen.query_one("#recipient", Input).value == REFERRER
        fill(app.screen, {"from": "last week"})
        await click(pilot, "#export")
        assert "From: 'last week' is not a date" in _status(app)
        fill(app.screen, {"from": ""})
        await click(pilot, "#export")
        assert "Saved 8 rows" in _status(app)
    assert len(list(tmp_path.glob("*.csv"))) == 1


async def test_disclosure_screen_records(coordinator: StaffMember, clock: FixedClock) -> None:
    case = family_case("C-1", clock.now())
    app = HostApp(lambda: SafeguardingDisclosureScreen(coordinator, clock))
    async with app.run_test(size=SIZE) as pilot:
        fill(app.screen, {"case": "C-1"})
        fill(app.screen, {"recipient": "Police"})
        await click(pilot, "#record")
        assert "choose why" in _status(app)
        app.screen.query_one("#reason-violence_risk", RadioButton).value = True
        app.screen.query_one("#what", TextArea).text = "Dates of the last three sessions"
        await click(pilot, "#record")
        assert "Recorded disclosure" in _status(app)
    row = Disclosure.get()
    assert (row.kind, row.reason, row.recipient, row.case_id) == (
        "safeguarding",
        "violence_risk",
        "Police",
        case.id,
    )
    assert row.what == "Dates of the last three sessions" and row.at == clock.now()


async def test_disclosure_time_takes_the_uk_date_and_names_its_field(
    coordinator: StaffMember, clock: FixedClock
) -> None:
    family_case("C-1", clock.now())
    app = HostApp(lambda: SafeguardingDisclosureScreen(coordinator, clock))
    async with app.run_test(size=SIZE) as pilot:
        fill(app.screen, {"case": "C-1", "recipient": "Police", "when": "20/11/2026 16:30"})
        app.screen.query_one("#reason-violence_risk", RadioButton).value = True
        app.screen.query_one("#what", TextArea).text = "Dates of the last three sessions"
        fill(app.screen, {"when": "31/11/2026 16:30"})
        await click(pilot, "#record")
        assert _status(app).startswith("When: '31/11/2026' is not a date")
        fill(app.screen, {"when": "20/11/2026 16:30"})
        await click(pilot, "#record")
        assert "Recorded disclosure" in _status(app)
    assert Disclosure.get().at == datetime(2026, 11, 20, 16, 30)


async def test_subject_access_screen(
    coordinator: StaffMember, clock: FixedClock, tmp_path: Path
) -> None:
    family_case("C-1", clock.now())
    app = HostApp(lambda: SubjectAccessScreen(coordinator, clock, tmp_path))
    async with app.run_test(size=SIZE) as pilot:
        labels = [str(b.label) for b in app.screen.query(RadioButton)]
        assert labels[:3] == ["The resident parent", "The visiting parent", "The other adult"]
        fill(app.screen, {"case": "C-1"})
        app.screen.query_one("#role-resident", RadioButton).value = True
        await click(pilot, "#make")
        assert not list(tmp_path.glob("*.json")), "made before the redactions were seen"
        await click(pilot, "#preview")
        assert text_of(app.screen, "#summary") == (
            "Would redact: 2 redactions: 1 name, 1 phone number."
        )
        shown = text_of(app.screen, "#redactions")
        assert "your check-ins and check-outs 1: note (name): Card left at home; " in shown
        assert "Victor Hargreave confirmed by phone [redacted]" in shown
        # A word to redact holding a text-direction mark is refused, naming the field.
        fill(app.screen, {"added": "Victor\u202e"})
        await click(pilot, "#preview")
        assert _status(app).startswith("a term to redact contains control characters")
        # Another word to redact: what was previewed is no longer what would be made.
        fill(app.screen, {"added": "Card left"})
        await pilot.pause()
        assert app.screen.query_one("#make", Button).disabled
        await click(pilot, "#preview")
        assert "3 redactions" in text_of(app.screen, "#summary")
        await click(pilot, "#make")
        assert "Logged as disclosure" in _status(app)
        assert "(3 redactions: 1 name, 1 phone number, 1 added term)" in _status(app)
    (json_file,) = tmp_path.glob("*.json")
    released = json_file.read_text(encoding="utf-8")
    for value in identifying(VISITING):
        assert value not in released
    assert "Card left" not in released
    assert Disclosure.get().kind == "subject_access"


async def test_subject_access_shows_everything_released_and_refuses_what_changed_since(
    coordinator: StaffMember, clock: FixedClock, tmp_path: Path
) -> None:
    # Only redactions were listed, and a note added after the preview went out unseen.
    family_case("C-1", clock.now())
    app = HostApp(lambda: SubjectAccessScreen(coordinator, clock, tmp_path))
    async with app.run_test(size=SIZE) as pilot:
        fill(app.screen, {"case": "C-1"})
        app.screen.query_one("#role-resident", RadioButton).value = True
        await click(pilot, "#preview")
        shown = text_of(app.screen, "#released")
        assert "sessions 1: room: Blue Room" in shown
        assert "Card left at home; [redacted] confirmed by phone [redacted]" in shown
        resident = Person.get(Person.role == "resident")
        first = Attendance.get(Attendance.person == resident)
        checked(first.booking, resident, "in", first.at, reason="a note added since")
        await click(pilot, "#make")
        assert _status(app).startswith("the records changed since the preview")
        assert not list(tmp_path.glob("*.json"))
        await click(pilot, "#preview")
        assert "a note added since" in text_of(app.screen, "#released")
        await click(pilot, "#make")
        assert "Logged as disclosure" in _status(app)
    assert "not previewed" not in Disclosure.get().what


async def test_audit_viewer_filters_and_never_parses_markup(
    coordinator: StaffMember, clock: FixedClock
) -> None:
    # A hostile name must show as typed, not as markup.
    audit.record("sign_in", clock.now(), actor_label="[bold red]x[/]")
    audit.record("policy_set", clock.now(), target="policy", actor_label="cli")
    app = HostApp(lambda: AuditLogScreen(coordinator, clock))
    async with app.run_test(size=SIZE) as pilot:
        table = app.screen.query_one("#log", DataTable)
        assert table.row_count == 2
        cells = [str(c) for c in table.get_row_at(1)]
        assert cells[1] == "[bold red]x[/]"
        app.screen.query_one("#action", Select).value = "policy_set"
        await click(pilot, "#apply")
        assert table.row_count == 1
        assert str(table.get_row_at(0)[2]) == "policy_set"
        fill(app.screen, {"since": "nonsense"})
        await click(pilot, "#apply")
        assert "From: 'nonsense' is not a date" in _status(app)
        assert isinstance(app.screen.query_one("#status", Static).render(), Content)
    assert AuditEntry.select().count() == 2


async def test_policy_screen_shows_text_and_review_literally() -> None:
    view = PolicyView(
        "# Our policy\n\nWe never share [bold]anything[/bold] without a reason.\n",
        "[red]Board[/red]",
        date(2026, 1, 10),
    )
    app = HostApp(lambda: PolicyViewScreen(view))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        shown = app.screen.query_one("#policy-text", Markdown)
        paragraphs = [str(block._content) for block in shown.query("MarkdownParagraph")]
        assert any("[bold]anything[/bold]" in p for p in paragraphs), paragraphs
        reviewed = str(app.screen.query_one("#reviewed", Static).render())
        assert reviewed == "Last reviewed on 10 January 2026 by [red]Board[/red]."
        await pilot.press("escape")
        assert not isinstance(app.screen, PolicyViewScreen)


@pytest.mark.parametrize("person", ["-", "²", "99999999999999999999999"])
async def test_a_person_number_that_is_none_is_one_line_on_the_subject_access_screen(
    coordinator: StaffMember, clock: FixedClock, tmp_path: Path, person: str
) -> None:
    # "-" in the person box ended the kiosk (ValueError from int()).
    family_case("C-1", clock.now())
    out = tmp_path / "out"
    app = HostApp(lambda: SubjectAccessScreen(coordinator, clock, out))
    async with app.run_test(size=SIZE) as pilot:
        fill(app.screen, {"case": "C-1", "person": person})
        app.screen.query_one("#role-resident", RadioButton).value = True
        await click(pilot, "#preview")
        assert app.is_running
        assert "not a person's number" in _status(app)
    assert not out.exists() or not list(out.iterdir())
