"""The release screens through the real App: export, disclosure, subject access, audit."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from pypdf import PdfReader
from textual.app import App
from textual.content import Content
from textual.pilot import Pilot
from textual.screen import Screen
from textual.widgets import (
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
from models import AuditEntry, DbConfig, Disclosure
from screens.coordinator.audit_log import AuditLogScreen
from screens.coordinator.export_attendance import ExportAttendanceScreen
from screens.coordinator.policy_view import PolicyViewScreen
from screens.coordinator.safeguarding_disclosure import SafeguardingDisclosureScreen
from screens.coordinator.subject_access import SubjectAccessScreen
from tests.support.release_data import REFERRER, VISITING, coordinator, family_case, identifying

SIZE = (100, 50)


class Host(App[None]):
    """A bare app that shows one screen, as the co-ordinator's menu will."""

    def __init__(self, screen: Screen[None]) -> None:
        super().__init__()
        self._first = screen

    def on_mount(self) -> None:
        self.push_screen(self._first)


def _status(app: App[None]) -> str:
    return str(app.screen.query_one("#status", Static).render())


async def _press(pilot: Pilot[None], selector: str) -> None:
    await pilot.click(selector)
    # A Button ignores clicks during its 0.2 s "active" effect, as it would a double click.
    await pilot.pause(0.25)


def _set(app: App[None], selector: str, value: str) -> None:
    app.screen.query_one(selector, Input).value = value


async def test_export_screen_needs_confirmation_then_exports(
    db: DbConfig, clock: FixedClock, tmp_path: Path
) -> None:
    family_case("C-1", clock.now())
    staff = coordinator(clock.now())
    app = Host(ExportAttendanceScreen(staff, clock, tmp_path))
    async with app.run_test(size=SIZE) as pilot:
        _set(app, "#case", "C-1")
        await pilot.pause()
        assert REFERRER in str(app.screen.query_one("#referrer", Static).render())
        _set(app, "#recipient", "Somebody Else Ltd")
        await _press(pilot, "#export")
        assert "not the case's referrer" in _status(app)
        assert Disclosure.select().count() == 0
        app.screen.query_one("#other", Checkbox).value = True
        app.screen.query_one("#fmt-pdf", RadioButton).value = True
        await _press(pilot, "#export")
        await pilot.pause()
        assert "Saved 8 rows" in _status(app)
    (pdf_file,) = tmp_path.glob("attendance-C-1-*.pdf")
    text = PdfReader(pdf_file).pages[0].extract_text()
    for value in identifying(VISITING):
        assert value not in text
    row = Disclosure.get()
    assert row.recipient == "Somebody Else Ltd" and row.made_by_id == staff.id


async def test_export_screen_fills_referrer_and_refuses_bad_dates(
    db: DbConfig, clock: FixedClock, tmp_path: Path
) -> None:
    family_case("C-1", clock.now())
    app = Host(ExportAttendanceScreen(coordinator(clock.now()), clock, tmp_path))
    async with app.run_test(size=SIZE) as pilot:
        app.screen.query_one("#case", Input).focus()
        await pilot.press("C", "-", "1", "enter")
        assert app.screen.query_one("#recipient", Input).value == REFERRER
        _set(app, "#from", "last week")
        await _press(pilot, "#export")
        assert "From is not a date" in _status(app)
        _set(app, "#from", "")
        await _press(pilot, "#export")
        assert "Saved 8 rows" in _status(app)
    assert len(list(tmp_path.glob("*.csv"))) == 1


async def test_disclosure_screen_records(db: DbConfig, clock: FixedClock) -> None:
    case = family_case("C-1", clock.now())
    staff = coordinator(clock.now())
    app = Host(SafeguardingDisclosureScreen(staff, clock))
    async with app.run_test(size=SIZE) as pilot:
        _set(app, "#case", "C-1")
        _set(app, "#recipient", "Police")
        await _press(pilot, "#record")
        assert "choose why" in _status(app)
        app.screen.query_one("#reason-violence_risk", RadioButton).value = True
        app.screen.query_one("#what", TextArea).text = "Dates of the last three sessions"
        await _press(pilot, "#record")
        assert "Recorded disclosure" in _status(app)
    row = Disclosure.get()
    assert (row.kind, row.reason, row.recipient, row.case_id) == (
        "safeguarding",
        "violence_risk",
        "Police",
        case.id,
    )
    assert row.what == "Dates of the last three sessions" and row.at == clock.now()


async def test_subject_access_screen(db: DbConfig, clock: FixedClock, tmp_path: Path) -> None:
    family_case("C-1", clock.now())
    app = Host(SubjectAccessScreen(coordinator(clock.now()), clock, tmp_path))
    async with app.run_test(size=SIZE) as pilot:
        labels = [str(b.label) for b in app.screen.query(RadioButton)]
        assert labels[:3] == ["The resident parent", "The visiting parent", "The other adult"]
        _set(app, "#case", "C-1")
        app.screen.query_one("#role-resident", RadioButton).value = True
        await _press(pilot, "#make")
        assert "Logged as disclosure" in _status(app)
    (json_file,) = tmp_path.glob("*.json")
    for value in identifying(VISITING):
        assert value not in json_file.read_text(encoding="utf-8")
    assert Disclosure.get().kind == "subject_access"


async def test_audit_viewer_filters_and_never_parses_markup(
    db: DbConfig, clock: FixedClock
) -> None:
    staff: StaffMember = coordinator(clock.now())
    # A hostile name must show as typed, not as markup.
    audit.record("sign_in", clock.now(), actor_label="[bold red]x[/]")
    audit.record("policy_set", clock.now(), target="policy", actor_label="cli")
    app = Host(AuditLogScreen(staff, clock))
    async with app.run_test(size=SIZE) as pilot:
        table = app.screen.query_one("#log", DataTable)
        assert table.row_count == 2
        cells = [str(c) for c in table.get_row_at(1)]
        assert cells[1] == "[bold red]x[/]"
        app.screen.query_one("#action", Select).value = "policy_set"
        await _press(pilot, "#apply")
        assert table.row_count == 1
        assert str(table.get_row_at(0)[2]) == "policy_set"
        _set(app, "#since", "nonsense")
        await _press(pilot, "#apply")
        assert "From is not a date" in _status(app)
        assert isinstance(app.screen.query_one("#status", Static).render(), Content)
    assert AuditEntry.select().count() == 2


async def test_policy_screen_shows_text_and_review_literally() -> None:
    view = PolicyView(
        "# Our policy\n\nWe never share [bold]anything[/bold] without a reason.\n",
        "[red]Board[/red]",
        date(2026, 1, 10),
    )
    app = Host(PolicyViewScreen(view))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        shown = app.screen.query_one("#policy-text", Markdown)
        paragraphs = [str(block._content) for block in shown.query("MarkdownParagraph")]
        assert any("[bold]anything[/bold]" in p for p in paragraphs), paragraphs
        reviewed = str(app.screen.query_one("#reviewed", Static).render())
        assert reviewed == "Last reviewed on 10 January 2026 by [red]Board[/red]."
        await pilot.press("escape")
        assert not isinstance(app.screen, PolicyViewScreen)
