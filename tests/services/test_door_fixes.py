"""Door console behaviour a tester found wrong: each test pins the corrected behaviour."""

from __future__ import annotations

import html
import re
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from textual.widgets import Input

from kiosk.clock import FixedClock
from kiosk.door_app import DoorApp
from kiosk.services.door import actions as door_actions
from kiosk.services.door import roll_call
from kiosk.services.door.access import DoorError
from kiosk.services.staff import auth
from kiosk.services.staff.auth import StaffMember
from models import Alert, Booking, BookingEvent, BookingState, DbConfig, Role
from screens.door.console import DoorConsole
from tests.support.door_helpers import PIN, scan_in, volunteer
from tests.support.door_pilot import SIZE, screen_text, sign_in
from tests.support.factories import make_booking, make_case

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


def test_handover_after_return_gives_the_reason_that_matches(
    db: DbConfig, clock: FixedClock
) -> None:
    b = _resident_first(clock)
    staff = volunteer(clock.now())
    Booking.update(state=BookingState.BOTH_IN.value).where(Booking.id == b.id).execute()
    door_actions.children_handed_over(staff, b.id, clock)
    door_actions.children_returned(staff, b.id, clock)
    with pytest.raises(DoorError, match="already been returned"):
        door_actions.children_handed_over(staff, b.id, clock)
    Booking.update(state=BookingState.CANCELLED.value).where(Booking.id == b.id).execute()
    BookingEvent.delete().execute()
    with pytest.raises(DoorError, match="already ended"):
        door_actions.children_handed_over(staff, b.id, clock)


def test_no_show_only_after_the_start_plus_grace(db: DbConfig, clock: FixedClock) -> None:
    case = make_case("CASE-N", clock.now())
    b = make_booking(case, datetime(2026, 11, 21, 12, 30))
    staff = volunteer(clock.now())
    scan_in(b, Role.VISITING, datetime(2026, 11, 21, 12, 15))
    clock.set(datetime(2026, 11, 21, 12, 44))  # late, not yet a no-show
    with pytest.raises(DoorError, match="from 12:45"):
        door_actions.no_show(staff, b.id, Role.RESIDENT, clock)
    with pytest.raises(DoorError, match="from 12:45"):
        door_actions.no_show_parties(staff, b.id, clock)
    clock.set(datetime(2026, 11, 21, 14, 34))
    assert door_actions.no_show_parties(staff, b.id, clock) == ["resident"]
    door_actions.no_show(staff, b.id, Role.RESIDENT, clock)
    assert Booking.get_by_id(b.id).state == BookingState.NO_SHOW.value


async def _press_on_board(clock: FixedClock, key: str) -> tuple[bool, str]:
    """Press key on the board: did a dialog open, and what did the board say."""
    app = DoorApp(clock)
    async with app.run_test(size=SIZE) as pilot:
        await sign_in(pilot, "Priya Shah", PIN)
        await pilot.press(key)
        await pilot.pause()
        said = " ".join(str(n.message) for n in app._notifications)
        return not isinstance(app.screen, DoorConsole), said


@pytest.mark.parametrize(
    ("key", "reason"),
    [
        ("c", "Only a session nobody has arrived for can be cancelled."),
        ("n", "A no-show can be recorded from 10:15"),
        ("t", "Only a session under way can be curtailed or terminated."),
    ],
)
async def test_a_refused_act_opens_no_dialog(
    db: DbConfig, clock: FixedClock, key: str, reason: str
) -> None:
    b = make_booking(make_case("CASE-C", clock.now()), TEN)
    volunteer(clock.now())
    clock.set(TEN + timedelta(minutes=5))
    if key == "c":
        scan_in(b, Role.VISITING, TEN - timedelta(minutes=15))
        Booking.update(state=BookingState.FIRST_IN.value).where(Booking.id == b.id).execute()
    opened, said = await _press_on_board(clock, key)
    assert not opened
    assert reason in said


async def test_a_long_alert_is_readable_at_100_columns(db: DbConfig, clock: FixedClock) -> None:
    b = make_booking(make_case("CASE-L", clock.now()), TEN)
    volunteer(clock.now())
    message = (
        "visiting adult of case RCC-2026-001 (first party) is leaving: "
        "hold them at the door until 10:43"
    )
    Alert.create(case=b.case, booking=b, kind="keep_apart", message=message, created_at=TEN)
    clock.set(TEN + timedelta(minutes=28))
    app = DoorApp(clock)
    async with app.run_test(size=SIZE) as pilot:
        await sign_in(pilot, "Priya Shah", PIN)
        await pilot.pause()
        shown = re.sub(r"<[^>]+>", "", html.unescape(screen_text(pilot)).replace("\xa0", " "))
    assert SIZE[0] == 100
    assert "until 10:43" in re.sub(r"\s+", " ", shown)
