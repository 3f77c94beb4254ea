"""Two processes, one database file: the door console sees the kiosk's writes and back."""

from __future__ import annotations

import asyncio
import sys
from pathlib import Path

import pytest

from kiosk.clock import FixedClock
from kiosk.door_app import DoorApp
from kiosk.services.cards import tokens as cards
from kiosk.services.door import manual as door_manual
from kiosk.services.staff.auth import StaffMember
from models import DbConfig, Role
from tests.support.builders import make_booking, make_case, person
from tests.support.pilots import signed_in, table_text

ROOT = Path(__file__).resolve().parents[2]
# Generous: the board re-reads every second; this only stops a broken test hanging.
GIVE_UP_AFTER = 10.0


async def _other_process(cfg: DbConfig, clock: FixedClock, *args: str) -> str:
    proc = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "tests.support.door_writer",
        str(cfg.path),
        cfg.passphrase,
        str(cfg.kdf_iter),
        clock.now().isoformat(),
        *args,
        cwd=ROOT,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
    )
    out, err = await proc.communicate()
    assert proc.returncode == 0, err.decode()
    return out.decode().strip()


async def test_a_check_in_elsewhere_appears_on_the_board(
    db: DbConfig, volunteer: StaffMember, clock: FixedClock
) -> None:
    case = make_case("CASE-A", clock.now(), resident="Rosa", visiting="Victor")
    make_booking(case, clock.now().replace(hour=10))
    rosa, victor = person(case, Role.RESIDENT), person(case, Role.VISITING)
    code = cards.issue_card(rosa.id, clock.now())
    app = DoorApp(clock)
    async with signed_in(app, volunteer) as pilot:
        assert "in 09:00" not in table_text(pilot)
        # The entrance kiosk, in another process, reads Rosa's card.
        assert await _other_process(db, clock, "scan", code) == "early"
        loop = asyncio.get_running_loop()
        deadline = loop.time() + GIVE_UP_AFTER
        while "in 09:00" not in table_text(pilot) and loop.time() < deadline:
            await pilot.pause(0.1)
        assert "Rosa" in table_text(pilot) and "in 09:00" in table_text(pilot)
        # The kiosk's alert for the door arrives with it.
        assert "arrived early" in table_text(pilot, "#alerts")
        # And the other way: the console's own write is seen by the other process.
        door_manual.manual_check(volunteer, victor.id, "forgot card", clock, intended="in")
        assert await _other_process(db, clock, "count") == "2"


def test_kiosk_door_without_a_database_is_one_line_and_exit_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from kiosk.cli import main

    monkeypatch.setenv("KIOSK_PASSPHRASE", "anything")
    assert main(["door", "--db", str(tmp_path / "missing.db")]) == 2
    err = capsys.readouterr().err
    assert err.startswith("kiosk: no database at") and err.count("\n") == 1
