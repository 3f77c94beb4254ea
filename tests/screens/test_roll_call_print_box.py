"""The roll call's "Print it as well" as a volunteer meets it at the door: the box shows
whether it is ticked, Space ticks it, the no-printer line names the file once, and a
second roll call in the same minute is a new file, not a question."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import Checkbox

from kiosk.clock import FixedClock
from kiosk.door_app import DoorApp
from kiosk.services.door import roll_call
from kiosk.services.staff.auth import StaffMember
from models import Role
from screens.door.console import DoorConsole
from screens.door.roll_call import RollCallDialog
from tests.support.builders import door_day, scan_in
from tests.support.pilots import console_key, settle, signed_in, until


def _box(app: DoorApp) -> Checkbox:
    return app.screen.query_one("#print", Checkbox)


async def test_the_print_box_shows_its_tick_and_space_ticks_it(
    volunteer: StaffMember, clock: FixedClock
) -> None:
    door_day(clock.now())
    app = DoorApp(clock)
    async with signed_in(app, volunteer) as pilot:
        await console_key(pilot, "l")
        assert isinstance(app.screen, RollCallDialog)
        await pilot.press("tab")
        assert app.focused is _box(app)
        unticked = _box(app).render()
        await pilot.press("space")
        await until(pilot, lambda: not app.screen.keys.holding)  # type: ignore[attr-defined]
        await settle(pilot)
        assert _box(app).value
        assert "X" in str(_box(app).render()) and "X" not in str(unticked)


async def test_no_printer_names_the_written_file_once(
    volunteer: StaffMember, clock: FixedClock, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    ba, _ = door_day(clock.now())
    scan_in(ba, Role.RESIDENT, clock.now())
    monkeypatch.setenv("PATH", str(tmp_path / "no-printer-here"))
    out = tmp_path / "fire.txt"
    app = DoorApp(clock)
    async with signed_in(app, volunteer) as pilot:
        await console_key(pilot, "l")
        app.screen.query_one("#path").value = str(out)  # type: ignore[attr-defined]
        _box(app).value = True
        await pilot.click("#ok")
        await until(pilot, lambda: isinstance(app.screen, DoorConsole))
        said = lambda: "\n".join(str(n.message) for n in app._notifications)  # noqa: E731
        await until(pilot, lambda: "Not printed" in said())
        shown = said()
    assert "No printer is set up on this computer" in shown and "CUPS" not in shown
    assert shown.count(str(out)) == 1


def test_two_roll_calls_in_the_same_minute_name_two_files(clock: FixedClock) -> None:
    first = roll_call.default_path(clock.now())
    assert roll_call.default_path(clock.advance(seconds=20)) != first
