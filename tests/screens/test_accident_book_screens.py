"""The accident book on the co-ordinator's screens: read with its corrections, exported."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pypdf import PdfReader
from textual.app import App
from textual.widgets import DataTable

from kiosk.clock import FixedClock
from kiosk.services.door import logbooks
from kiosk.services.door.logbooks import AccidentReport
from kiosk.services.staff.auth import StaffMember
from models import Disclosure
from screens.coordinator.accident_book import AccidentBookScreen
from screens.coordinator.accident_export import AccidentExportScreen
from screens.widgets.confirm import ConfirmScreen
from tests.support.pilots import ADMIN_SIZE, HostApp, click, fill, table_text, text_of


def _book(volunteer: StaffMember, clock: FixedClock) -> tuple[int, int, int]:
    first = logbooks.accident(
        volunteer, AccidentReport("Mia", "Tripped in the hall", "the hall", "graze"), clock
    )
    clock.advance(minutes=10)
    second = logbooks.accident(volunteer, AccidentReport("Sam", "Cut a finger"), clock)
    clock.advance(minutes=10)
    fix = logbooks.accident(
        volunteer, AccidentReport("Mia", "Tripped on the hall rug", corrects=first), clock
    )
    return first, second, fix


def _status(app: App[Any]) -> str:
    return text_of(app.screen, "#status")


async def test_the_book_lists_newest_first_with_each_correction_under_its_entry(
    volunteer: StaffMember, coordinator: StaffMember, clock: FixedClock, tmp_path: Path
) -> None:
    first, second, fix = _book(volunteer, clock)
    app = HostApp(lambda: AccidentBookScreen(coordinator, clock, tmp_path))
    async with app.run_test(size=ADMIN_SIZE) as pilot:
        table = app.screen.query_one("#entries", DataTable)
        numbers = [str(table.get_row_at(i)[0]) for i in range(table.row_count)]
        assert numbers == [str(second), str(first), f"  ↳ {fix}"]
        assert "2 accidents, 1 correction." in _status(app)
        await pilot.press("down", "down")
        shown = text_of(app.screen, "#entry")
        assert f"Entry {fix}, correcting entry {first}" in shown
        assert "Tripped on the hall rug" in shown and "Recorded by Priya Shah" in shown


async def test_a_volunteer_is_refused_the_book(
    volunteer: StaffMember, clock: FixedClock, tmp_path: Path
) -> None:
    _book(volunteer, clock)
    app = HostApp(lambda: AccidentBookScreen(volunteer, clock, tmp_path))
    async with app.run_test(size=ADMIN_SIZE) as pilot:
        assert "Only the co-ordinator" in _status(app)
        assert "Mia" not in table_text(pilot, "#entries")


async def test_the_export_asks_before_replacing_and_refuses_an_unknown_ending(
    volunteer: StaffMember, coordinator: StaffMember, clock: FixedClock, tmp_path: Path
) -> None:
    _book(volunteer, clock)
    out = tmp_path / "book.pdf"
    out.write_bytes(b"an earlier export")
    app = HostApp(lambda: AccidentExportScreen(coordinator, clock, tmp_path))
    async with app.run_test(size=ADMIN_SIZE) as pilot:
        default = app.screen.query_one("#output").value  # type: ignore[attr-defined]
        assert default == str(tmp_path / "accident-book-20261121-0920.pdf")
        fill(app.screen, {"recipient": "Harbour Insurance", "output": str(tmp_path / "b.doc")})
        await click(pilot, "#export")
        assert "b.doc: the file's ending chooses the format, .pdf or .csv" in _status(app)
        fill(app.screen, {"output": str(out), "from": "32/11/2026"})
        await click(pilot, "#export")
        assert _status(app).startswith("From: '32/11/2026' is not a date")
        fill(app.screen, {"from": "21/11/2026"})
        await click(pilot, "#export")
        assert isinstance(app.screen, ConfirmScreen)
        assert str(out) in text_of(app.screen, "#question")
        await click(pilot, "#no")
        assert out.read_bytes() == b"an earlier export" and not Disclosure.select().exists()
        await click(pilot, "#export")
        await click(pilot, "#yes")
        assert "Saved 2 accidents (3 entries with corrections)" in _status(app)
    text = "\n".join(p.extract_text() for p in PdfReader(out).pages)
    assert "Harbour Insurance" in text and "Tripped on the hall rug" in text
    logged = Disclosure.get()
    assert (logged.kind, logged.recipient) == ("accident_book", "Harbour Insurance")
