"""Door console behaviour a tester found wrong: each test pins the corrected behaviour."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path

import pytest
from textual.widgets import Input

from kiosk.clock import FixedClock
from kiosk.door_app import DoorApp
from kiosk.services import auth, door_actions, roll_call
from kiosk.services.auth import StaffMember
from models import Booking, BookingState, DbConfig, Role
from screens.door_console import DoorConsole
from tests.door_helpers import PIN, scan_in, volunteer
from tests.door_pilot import SIZE, sign_in
from tests.factories import make_booking, make_case

TEN = datetime(2026, 11, 21, 10, 0)


def _resident_first(clock: FixedClock) -> Booking:
    case = make_case("CASE-R", clock.now(), resident="Rosa", visiting="Victor", children=("Mia",))
    case.first_party = Role.RESIDENT.value
    case.save()
    return make_booking(case, TEN)


def _names(clock: FixedClock, staff: StaffMember) -> set[str]:
    return {p.name for p in roll_call.roll_call(staff, clock).people}


@pytest.mark.parametrize("first", [Role.RESIDENT, Role.VISITING])
def test_children_are_on_the_roll_call_with_either_parent(
    db: DbConfig, clock: FixedClock, first: Role
) -> None:
    b = _resident_first(clock)
    b.case.first_party = first.value
    b.case.save()
    staff = volunteer(clock.now())
    clock.set(TEN + timedelta(minutes=30))
    scan_in(b, Role.VISITING, TEN - timedelta(minutes=15))
    assert "Mia" in _names(clock, staff)
    scan_in(b, Role.VISITING, TEN + timedelta(minutes=10), "out")
    assert "Mia" not in _names(clock, staff)
    scan_in(b, Role.RESIDENT, TEN + timedelta(minutes=20))
    assert "Mia" in _names(clock, staff)


def test_children_stay_listed_while_handed_over(db: DbConfig, clock: FixedClock) -> None:
    b = _resident_first(clock)
    staff = volunteer(clock.now())
    clock.set(TEN + timedelta(minutes=30))
    scan_in(b, Role.RESIDENT, TEN - timedelta(minutes=15))
    scan_in(b, Role.VISITING, TEN)
    Booking.update(state=BookingState.BOTH_IN.value).where(Booking.id == b.id).execute()
    door_actions.children_handed_over(staff, b.id, clock)
    scan_in(b, Role.RESIDENT, TEN + timedelta(minutes=5), "out")
    assert "Mia" in _names(clock, staff)


def test_roll_call_file_has_first_names_only_for_staff(
    db: DbConfig, clock: FixedClock, tmp_path: Path
) -> None:

    staff = volunteer(clock.now())
    assert auth.sign_in("Priya Shah", "246810", clock).ok
    call = roll_call.roll_call(staff, clock)
    assert [(p.name, p.kind) for p in call.people] == [("Priya", "staff")]
    text = roll_call.write(staff, call, tmp_path, clock).read_text(encoding="utf-8")
    assert "Priya" in text and "Shah" not in text


async def test_enter_in_the_path_box_writes_the_roll_call(
    db: DbConfig, clock: FixedClock, tmp_path: Path
) -> None:
    volunteer(clock.now())
    app = DoorApp(clock)
    async with app.run_test(size=SIZE) as pilot:
        await sign_in(pilot, "Priya Shah", PIN)
        await pilot.press("l")
        await pilot.pause()
        box = app.screen.query_one("#path", Input)
        box.value = str(tmp_path / "fire.txt")
        box.focus()
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, DoorConsole)
    assert "Priya" in (tmp_path / "fire.txt").read_text(encoding="utf-8")
