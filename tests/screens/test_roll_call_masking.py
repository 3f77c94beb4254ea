"""The roll call for a volunteer who knows a family: counted on screen, named in the file.

On screen the family is one line ("2 adults, 1 child: known to you") with no
name, role, room or time, for masking hides which parent is in, where and
since when. The file for the fire marshal names everyone on the premises by
first name whoever writes it, for a fire outranks masking, and the dialog says
so before it is written.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import DataTable, Input, Static

from kiosk.clock import FixedClock
from kiosk.door_app import DoorApp
from kiosk.services.staff.auth import StaffMember
from models import Role
from screens.door.roll_call import RollCallDialog
from tests.support.builders import declare, door_day, scan_in
from tests.support.pilots import settle, sign_in, signed_in, table_text

TEN = datetime(2026, 11, 21, 10, 0)
Compare = Callable[..., bool]
# Everything the screen must not say about CASE-A: Rosa came in at 10:00 and Victor at
# 09:45, with Mia, to the Blue Room.
KNOWN_FAMILY = ("Rosa", "Victor", "Mia", "Blue Room", "09:45", "10:00")


@pytest.fixture(autouse=True)
def _fixed_home(monkeypatch: pytest.MonkeyPatch) -> None:
    # The roll call offers a file in the product's data folder: the same path everywhere.
    monkeypatch.setenv("HOME", "/home/door")
    monkeypatch.setenv("XDG_DATA_HOME", "/home/door/.local/share")


def _known_family_in(volunteer: StaffMember, clock: FixedClock) -> None:
    ba, bb = door_day(clock.now())
    declare(volunteer, ba.case, clock.now())
    scan_in(ba, Role.VISITING, TEN - timedelta(minutes=15))
    scan_in(ba, Role.RESIDENT, TEN)
    scan_in(bb, Role.RESIDENT, TEN + timedelta(minutes=2))
    clock.set(TEN + timedelta(minutes=20))


async def _open_roll_call(pilot: Pilot[Any]) -> None:
    await pilot.press("l")
    await settle(pilot)
    assert isinstance(pilot.app.screen, RollCallDialog)


async def test_the_roll_call_screen_counts_a_known_family_and_names_none_of_it(
    volunteer: StaffMember, clock: FixedClock, tmp_path: Path
) -> None:
    _known_family_in(volunteer, clock)
    app = DoorApp(clock)
    async with signed_in(app, volunteer) as pilot:
        await _open_roll_call(pilot)
        people = table_text(pilot, "#people")
        table = app.screen.query_one("#people", DataTable)
        rows = [[str(c) for c in table.get_row(key)] for key in table.rows]
        # No role, room or time on the family's line, and no line of its own for anyone in it.
        assert ["2 adults, 1 child: known to you", "", "", ""] in rows
        assert [r[1] for r in rows].count("resident") == 1  # Sara's alone
        assert "Sara" in people and "Green Room" in people  # a family the volunteer does not know
        # The dialog, not the board behind it (which has its own masking).
        shown = "\n".join(str(w.render()) for w in app.screen.query(Static))
        for detail in KNOWN_FAMILY:
            assert detail not in people and detail not in shown, detail
        assert "It names everyone on the premises by first name (the family you know too" in shown
        app.screen.query_one("#path", Input).value = str(tmp_path / "fire.txt")
        await pilot.click("#ok")
        await pilot.pause()
    text = (tmp_path / "fire.txt").read_text(encoding="utf-8")
    for name in ("Rosa", "Victor", "Mia", "Sara", "Ben", "Ada", "Priya"):
        assert name in text, name
    assert "known to you" not in text and "Rosason" not in text and "07700" not in text


def test_roll_call_for_a_volunteer_who_knows_a_family(
    volunteer: StaffMember, clock: FixedClock, snap_compare: Compare
) -> None:
    _known_family_in(volunteer, clock)

    async def open_it(pilot: Pilot[Any]) -> None:
        await sign_in(pilot, volunteer)
        await _open_roll_call(pilot)

    assert snap_compare(DoorApp(clock), terminal_size=(80, 24), run_before=open_it)
