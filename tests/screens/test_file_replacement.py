"""A file the person named is there already: they are asked first, then it is replaced.

The referrer export, subject access and the door's roll call each write a file
the person names. When it exists a ConfirmScreen names it; "Keep it" writes
nothing and logs nothing, "Replace it" replaces it. The database is refused
outright, whatever is confirmed.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from textual.app import App
from textual.pilot import Pilot
from textual.widgets import Input, RadioButton

from kiosk.clock import FixedClock
from kiosk.door_app import DoorApp
from kiosk.services.staff.auth import StaffMember
from models import AuditEntry, DbConfig, Disclosure
from screens.coordinator.export_attendance import ExportAttendanceScreen
from screens.coordinator.subject_access import SubjectAccessScreen
from screens.door.console import DoorConsole
from screens.door.roll_call import RollCallDialog
from screens.widgets.confirm import ConfirmScreen
from tests.support.builders import door_day
from tests.support.pilots import HostApp, click, console_key, fill, signed_in, text_of
from tests.support.release_data import REFERRER, family_case

SIZE = (100, 50)
OLD = "an earlier file the person keeps\n"


def _question(app: App[Any]) -> str:
    assert isinstance(app.screen, ConfirmScreen), f"no question was asked: {app.screen}"
    return text_of(app.screen, "#question")


async def _answer(pilot: Pilot[Any], button: str) -> None:
    await pilot.click(button)
    await pilot.pause()


async def _asked_and_kept(pilot: Pilot[Any], button: str, kept: Path, logged: int) -> None:
    """Press button; the question names the file; keep it: it is as it was, nothing logged."""
    await click(pilot, button)
    assert kept.name in _question(pilot.app)
    await _answer(pilot, "#no")
    assert kept.read_text(encoding="utf-8") == OLD
    assert Disclosure.select().count() == logged


async def _asked_and_replaced(pilot: Pilot[Any], button: str) -> None:
    await click(pilot, button)
    await _answer(pilot, "#yes")


@pytest.fixture
def export_app(coordinator: StaffMember, clock: FixedClock, tmp_path: Path) -> HostApp:
    """The referrer export screen, for case C-1 (Rosalind and Victor's)."""
    family_case("C-1", clock.now())
    return HostApp(lambda: ExportAttendanceScreen(coordinator, clock, tmp_path))


@pytest.fixture
def sar_app(coordinator: StaffMember, clock: FixedClock, tmp_path: Path) -> HostApp:
    """The subject access screen, for case C-1, writing into tmp_path."""
    family_case("C-1", clock.now())
    return HostApp(lambda: SubjectAccessScreen(coordinator, clock, tmp_path))


async def test_the_export_asks_before_replacing_a_file(export_app: HostApp, tmp_path: Path) -> None:
    out = tmp_path / "for-the-court.csv"
    out.write_text(OLD, encoding="utf-8")
    app = export_app
    async with app.run_test(size=SIZE) as pilot:
        fill(app.screen, {"case": "C-1", "recipient": REFERRER, "output": str(out)})
        await _asked_and_kept(pilot, "#export", out, logged=0)
        assert "Not exported" in text_of(app.screen, "#status")
        await _asked_and_replaced(pilot, "#export")
        assert "Saved 8 rows" in text_of(app.screen, "#status")
    assert out.read_text(encoding="utf-8-sig").startswith("case reference,")
    assert Disclosure.select().count() == 1


async def test_the_export_never_asks_to_replace_the_database(
    export_app: HostApp, db: DbConfig
) -> None:
    before = db.path.read_bytes()
    app = export_app
    async with app.run_test(size=SIZE) as pilot:
        fill(app.screen, {"case": "C-1", "recipient": REFERRER, "output": str(db.path)})
        await click(pilot, "#export")
        assert not isinstance(app.screen, ConfirmScreen)
        assert "kiosk database" in text_of(app.screen, "#status")
    assert db.path.read_bytes()[:16] == before[:16]
    assert Disclosure.select().count() == 0


async def test_subject_access_asks_before_replacing_its_files(
    sar_app: HostApp, tmp_path: Path
) -> None:
    app = sar_app
    async with app.run_test(size=SIZE) as pilot:
        fill(app.screen, {"case": "C-1"})
        app.screen.query_one("#role-resident", RadioButton).value = True
        await click(pilot, "#preview")
        await click(pilot, "#make")
        assert "Logged as disclosure" in text_of(app.screen, "#status")
        (json_file,) = tmp_path.glob("*.json")
        json_file.write_text(OLD, encoding="utf-8")
        await _asked_and_kept(pilot, "#make", json_file, logged=1)
        await _asked_and_replaced(pilot, "#make")
        assert "Logged as disclosure" in text_of(app.screen, "#status")
    assert json_file.read_text(encoding="utf-8").startswith("{")
    assert Disclosure.select().count() == 2


async def _roll_call_to(pilot: Pilot[Any], path: Path) -> None:
    await console_key(pilot, "l")
    assert isinstance(pilot.app.screen, RollCallDialog)
    pilot.app.screen.query_one("#path", Input).value = str(path)
    await pilot.click("#ok")
    await pilot.pause()


def _roll_calls_written() -> int:
    return AuditEntry.select().where(AuditEntry.action == "roll_call_written").count()


async def test_the_roll_call_asks_before_replacing_a_file(
    volunteer: StaffMember, clock: FixedClock, tmp_path: Path
) -> None:
    door_day(clock.now())
    fire = tmp_path / "fire.txt"
    fire.write_text(OLD, encoding="utf-8")
    app = DoorApp(clock)
    async with signed_in(app, volunteer) as pilot:
        await _roll_call_to(pilot, fire)
        assert str(fire) in _question(app)
        await _answer(pilot, "#no")
        assert isinstance(app.screen, RollCallDialog)
        assert "Not written" in text_of(app.screen, "#dialog-message")
        assert fire.read_text(encoding="utf-8") == OLD
        await pilot.click("#ok")
        await pilot.pause()
        await _answer(pilot, "#yes")
        assert isinstance(app.screen, DoorConsole)
    assert fire.read_text(encoding="utf-8").startswith("Fire roll call")
    assert _roll_calls_written() == 1


async def test_the_roll_call_never_asks_to_replace_the_database(
    volunteer: StaffMember, clock: FixedClock, db: DbConfig
) -> None:
    door_day(clock.now())
    app = DoorApp(clock)
    async with signed_in(app, volunteer) as pilot:
        await _roll_call_to(pilot, db.path)
        assert isinstance(app.screen, RollCallDialog)
        assert "kiosk database" in text_of(app.screen, "#dialog-message")
    assert _roll_calls_written() == 0
