"""The roll-call file for the fire marshal: everyone by first name, whoever writes it.

A fire outranks masking, so a family the writer declared they know is named,
which tells the writer which of them are in; where and since when are still
kept from them, so their lines hold first names only, after everyone else's.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path

from kiosk.clock import FixedClock
from kiosk.services.door import roll_call
from kiosk.services.staff.auth import StaffMember
from models import Booking, Role
from tests.support.builders import declare, door_day, scan_in

TEN = datetime(2026, 11, 21, 10, 0)


def _both_families_in(volunteer: StaffMember, clock: FixedClock, *, knows: bool) -> Booking:
    """CASE-A (known to the volunteer if `knows`) all in, CASE-B's resident in; CASE-B's booking."""
    ba, bb = door_day(clock.now())
    if knows:
        declare(volunteer, ba.case, clock.now())
    clock.set(TEN + timedelta(minutes=5))
    scan_in(ba, Role.VISITING, TEN - timedelta(minutes=15))
    scan_in(ba, Role.RESIDENT, TEN)
    scan_in(bb, Role.RESIDENT, TEN)
    return bb


def _lines(volunteer: StaffMember, clock: FixedClock, folder: Path) -> list[str]:
    call = roll_call.roll_call(volunteer, clock)
    path = roll_call.write(volunteer, call, folder, clock)
    return path.read_text(encoding="utf-8").splitlines()


def test_the_roll_call_file_names_everyone_whoever_writes_it(
    volunteer: StaffMember, clock: FixedClock, tmp_path: Path
) -> None:
    # A fire outranks masking: the marshal must be able to call the family the writer knows.
    _both_families_in(volunteer, clock, knows=True)
    text = "\n".join(_lines(volunteer, clock, tmp_path))
    assert "Victor" in text and "Rosa" in text and "Mia" in text and "known to you" not in text
    assert "6 on the premises" in text
    for secret in ("Victorson", "07700", "@example", "ZZ1", "CASE-A"):
        assert secret not in text


def test_a_family_the_writer_knows_is_named_without_role_room_or_time(
    volunteer: StaffMember, clock: FixedClock, tmp_path: Path
) -> None:
    _both_families_in(volunteer, clock, knows=True)
    lines = _lines(volunteer, clock, tmp_path)
    # Masking still hides which parent is in, where and since when: first names alone, last.
    assert lines[-4:] == ["Also on the premises (first names only):", "Mia", "Rosa", "Victor"]
    assert not any("Blue Room" in line for line in lines)
    assert any(line.split()[:3] == ["Sara", "resident", "Green"] for line in lines)


def test_a_writer_who_knows_nobody_gives_every_line_in_full(
    volunteer: StaffMember, clock: FixedClock, tmp_path: Path
) -> None:
    _both_families_in(volunteer, clock, knows=False)
    lines = _lines(volunteer, clock, tmp_path)
    assert "Also on the premises (first names only):" not in lines
    assert any(line.split()[:3] == ["Victor", "visiting", "Blue"] for line in lines)
    assert any(line.split()[:2] == ["Mia", "child"] for line in lines)
