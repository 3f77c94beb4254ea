"""A slow printer never freezes a screen: lp runs in a thread worker, and its answer
comes when it comes. The lp here waits until the test lets it go, so the screens are
seen working while it has not answered, whatever the machine's speed."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from textual.widgets import Checkbox, Input

from kiosk.clock import FixedClock
from kiosk.door_app import DoorApp
from kiosk.services.cases import case_file as cases
from kiosk.services.staff.auth import StaffMember
from kiosk.services.store import settings
from models import Role
from screens.coordinator.card import CardScreen
from screens.door.console import DoorConsole
from screens.door.roll_call import RollCallDialog
from tests.support.builders import door_day, sample_file, scan_in
from tests.support.pilots import ADMIN_SIZE, HostApp, click, console_key, signed_in, text_of, until

HELD_LP = '#!/bin/sh\nwhile [ ! -e "{bin}/release" ]; do sleep 0.05; done\n'


def _held_printer(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An lp that answers only once `release` is made; returns that path."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    (bin_dir / "lp").write_text(HELD_LP.format(bin=bin_dir))
    (bin_dir / "lp").chmod(0o755)
    monkeypatch.setenv("PATH", f"{bin_dir}{os.pathsep}{os.environ['PATH']}")
    return bin_dir / "release"


async def test_the_roll_call_is_on_the_console_while_the_printer_has_not_answered(
    volunteer: StaffMember, clock: FixedClock, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    ba, _ = door_day(clock.now())
    scan_in(ba, Role.RESIDENT, clock.now())
    release = _held_printer(tmp_path, monkeypatch)
    app = DoorApp(clock)
    out = tmp_path / "fire.txt"

    def said() -> str:
        return "\n".join(str(n.message) for n in app._notifications)

    async with signed_in(app, volunteer) as pilot:
        await console_key(pilot, "l")
        app.screen.query_one("#path", Input).value = str(out)
        app.screen.query_one("#print", Checkbox).value = True
        await pilot.click("#ok")
        await until(pilot, lambda: isinstance(app.screen, DoorConsole) and "written" in said())
        assert "Rosa" in out.read_text(encoding="utf-8")
        # The console answers its keys while lp has not: the roll call opens again.
        await console_key(pilot, "l")
        assert isinstance(app.screen, RollCallDialog)
        await pilot.press("escape")
        assert "Sent" not in said() and "Not printed" not in said()
        release.touch()
        await until(pilot, lambda: "Sent fire.txt to the printer." in said())


async def test_the_card_screen_works_while_its_print_is_on_the_way(
    coordinator: StaffMember, clock: FixedClock, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    person = cases.save_case(sample_file(), coordinator, clock).person(Role.RESIDENT)
    assert person is not None and person.id is not None
    person_id = person.id
    settings.put("export_dir", str(tmp_path / "exports"))
    release = _held_printer(tmp_path, monkeypatch)
    app = HostApp(lambda: CardScreen(coordinator, clock, person_id, folder=tmp_path / "cards"))
    async with app.run_test(size=ADMIN_SIZE) as pilot:
        await click(pilot, "#issue")
        await click(pilot, "#yes")  # the question before a new card
        await click(pilot, "#print")
        await until(pilot, lambda: "Sending" in text_of(app.screen, "#status"))
        assert app.screen.query_one("#print").disabled  # one job at a time
        await click(pilot, "#todays-sheet")
        await until(pilot, lambda: "Today's 1 card on" in text_of(app.screen, "#status"))
        release.touch()
        await until(pilot, lambda: "to the printer." in text_of(app.screen, "#status"))
        assert not app.screen.query_one("#print").disabled
