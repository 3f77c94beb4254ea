"""The card screen's A4 sheets and its Print button; the roll call and the referrer export
sent to the printer."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest
import zxingcpp
from pypdf import PdfReader
from textual.widgets import Checkbox, Input

from kiosk.clock import FixedClock
from kiosk.door_app import DoorApp
from kiosk.services.cases import case_file as cases
from kiosk.services.staff.auth import StaffMember
from kiosk.services.store import settings
from models import Card, Role
from screens.coordinator.card import CardScreen
from screens.coordinator.export_attendance import ExportAttendanceScreen
from screens.door.console import DoorConsole
from screens.door.roll_call import RollCallDialog
from screens.widgets.confirm import ConfirmScreen
from tests.support.builders import door_day, sample_file, scan_in
from tests.support.pilots import (
    ADMIN_SIZE,
    PARENT_SIZE,
    HostApp,
    click,
    console_key,
    fill,
    signed_in,
    text_of,
    until,
)
from tests.support.release_data import REFERRER, family_case

Compare = Callable[..., bool]


def _resident(coordinator: StaffMember, clock: FixedClock) -> int:
    saved = cases.save_case(sample_file(), coordinator, clock)
    person = saved.person(Role.RESIDENT)
    assert person is not None and person.id is not None
    return person.id


def _codes(pdf: Path) -> list[str]:
    return [
        code.text
        for page in PdfReader(pdf).pages
        for image in page.images
        for code in zxingcpp.read_barcodes(image.image)
    ]


async def test_the_whole_case_sheet_asks_first_naming_the_case_then_issues_every_adult(
    coordinator: StaffMember, clock: FixedClock, tmp_path: Path
) -> None:
    person_id = _resident(coordinator, clock)
    settings.put("export_dir", str(tmp_path / "exports"))
    app = HostApp(lambda: CardScreen(coordinator, clock, person_id, folder=tmp_path / "cards"))
    async with app.run_test(size=ADMIN_SIZE) as pilot:
        await click(pilot, "#case-sheet")
        assert isinstance(app.screen, ConfirmScreen)
        assert "every adult of case RCC-2026-001" in text_of(app.screen, "#question")
        await click(pilot, "#no")
        assert Card.select().count() == 0
        await click(pilot, "#case-sheet")
        await click(pilot, "#yes")
        await until(pilot, lambda: "2 new cards" in text_of(app.screen, "#status"))
        assert not app.screen.query_one("#print").disabled
    (made,) = (tmp_path / "exports").glob("card-sheet-*.pdf")
    assert len(_codes(made)) == 2
    assert Card.select().where(Card.revoked_at.is_null()).count() == 2


async def test_todays_sheet_and_print_where_no_printer_is_set_up(
    coordinator: StaffMember, clock: FixedClock, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    person_id = _resident(coordinator, clock)
    settings.put("export_dir", str(tmp_path / "exports"))
    monkeypatch.setenv("PATH", str(tmp_path / "no-printer-here"))
    app = HostApp(lambda: CardScreen(coordinator, clock, person_id, folder=tmp_path / "cards"))
    async with app.run_test(size=ADMIN_SIZE) as pilot:
        assert app.screen.query_one("#print").disabled  # nothing to print yet
        await click(pilot, "#todays-sheet")
        assert "none are waiting to print" in text_of(app.screen, "#errors")
        await click(pilot, "#issue")
        await click(pilot, "#yes")  # the question before a new card
        await click(pilot, "#todays-sheet")
        await until(pilot, lambda: "Today's 1 card on" in text_of(app.screen, "#status"))
        await click(pilot, "#print")
        shown = text_of(app.screen, "#errors")
        assert shown.startswith("No printer is set up on this computer") and "\n" not in shown


async def test_print_sends_the_card_file_to_lp(
    coordinator: StaffMember, clock: FixedClock, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    person_id = _resident(coordinator, clock)
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    (bin_dir / "lp").write_text(f'#!/bin/sh\nprintf "%s\\n" "$@" > "{bin_dir}/asked"\n')
    (bin_dir / "lp").chmod(0o755)
    monkeypatch.setenv("PATH", f"{bin_dir}{os.pathsep}{os.environ['PATH']}")
    app = HostApp(lambda: CardScreen(coordinator, clock, person_id, folder=tmp_path / "cards"))
    async with app.run_test(size=ADMIN_SIZE) as pilot:
        await click(pilot, "#issue")
        await click(pilot, "#yes")  # the question before a new card
        await click(pilot, "#print")
        await until(pilot, lambda: "to the printer" in text_of(app.screen, "#status"))
    card = Card.get(Card.person == person_id)
    asked = (bin_dir / "asked").read_text().splitlines()
    assert f"card-{card.id}" not in "".join(asked)


def test_card_screen_with_its_sheet_buttons_at_80x24(
    coordinator: StaffMember, clock: FixedClock, tmp_path: Path, snap_compare: Compare
) -> None:
    person_id = _resident(coordinator, clock)
    app = HostApp(lambda: CardScreen(coordinator, clock, person_id, folder=tmp_path / "cards"))
    assert snap_compare(app, terminal_size=PARENT_SIZE)


def _said(app: DoorApp) -> str:
    return "\n".join(str(n.message) for n in app._notifications)


@pytest.mark.parametrize("printer", [True, False], ids=["lp", "no-printer"])
async def test_the_roll_call_is_written_then_printed_where_asked(
    volunteer: StaffMember,
    clock: FixedClock,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    printer: bool,
) -> None:
    ba, _ = door_day(clock.now())
    scan_in(ba, Role.RESIDENT, clock.now())
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    if printer:
        (bin_dir / "lp").write_text(f'#!/bin/sh\nprintf "%s\\n" "$@" > "{bin_dir}/asked"\n')
        (bin_dir / "lp").chmod(0o755)
    monkeypatch.setenv("PATH", str(bin_dir))
    app = DoorApp(clock)
    out = tmp_path / "fire.txt"
    async with signed_in(app, volunteer) as pilot:
        await console_key(pilot, "l")
        assert isinstance(app.screen, RollCallDialog)
        app.screen.query_one("#path", Input).value = str(out)
        app.screen.query_one("#print", Checkbox).value = True
        await pilot.click("#ok")
        await until(pilot, lambda: isinstance(app.screen, DoorConsole))
        # lp answers in a thread worker: its line comes after the roll call's own.
        await until(pilot, lambda: "Sent" in _said(app) or "Not printed" in _said(app))
        said = _said(app)
    assert "Rosa" in out.read_text(encoding="utf-8")
    if printer:
        assert str(out) not in (bin_dir / "asked").read_text()
        assert "Sent fire.txt to the printer." in said
    else:
        assert "Not printed: No printer is set up on this computer" in said


async def test_the_referrer_export_can_be_printed_once_written(
    coordinator: StaffMember, clock: FixedClock, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    family_case("C-1", clock.now())
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    (bin_dir / "lp").write_text(f'#!/bin/sh\nprintf "%s\\n" "$@" > "{bin_dir}/asked"\n')
    (bin_dir / "lp").chmod(0o755)
    monkeypatch.setenv("PATH", f"{bin_dir}{os.pathsep}{os.environ['PATH']}")
    folder = tmp_path / "exports"
    folder.mkdir()
    app = HostApp(lambda: ExportAttendanceScreen(coordinator, clock, folder))
    async with app.run_test(size=(100, 50)) as pilot:
        assert app.screen.query_one("#print").disabled  # nothing written yet
        fill(app.screen, {"case": "C-1", "recipient": REFERRER})
        await click(pilot, "#export")
        await until(pilot, lambda: "Saved" in text_of(app.screen, "#status"))
        await click(pilot, "#print")
        await until(pilot, lambda: "to the printer" in text_of(app.screen, "#status"))
    (written,) = folder.glob("attendance-C-1-*.csv")
    assert written.name not in (bin_dir / "asked").read_text()
