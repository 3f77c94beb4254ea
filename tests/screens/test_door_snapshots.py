"""Snapshots of the door console at a fixed terminal size and a frozen clock.

Update after a deliberate change with
`pytest tests/screens/test_door_snapshots.py --snapshot-update` and look at the SVGs under
tests/screens/__snapshots__ before committing them.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import datetime, timedelta
from typing import Any

import pytest
from textual.pilot import Pilot

from kiosk.clock import FixedClock
from kiosk.door_app import DoorApp
from kiosk.services.staff.auth import StaffMember
from models import Alert, Booking, BookingState, Person, Referral, Role
from tests.support.builders import declare, make_booking, make_case, scan_in
from tests.support.pilots import DOOR_SIZE, console_key, sign_in

TEN = datetime(2026, 11, 21, 10, 0)
Compare = Callable[..., bool]


@pytest.fixture(autouse=True)
def _fixed_home(monkeypatch: pytest.MonkeyPatch) -> None:
    # The roll call offers a file in the product's data folder: the same path everywhere.
    monkeypatch.setenv("HOME", "/home/door")
    monkeypatch.setenv("XDG_DATA_HOME", "/home/door/.local/share")


def _day(clock: FixedClock) -> tuple[Booking, Booking, Booking]:
    now = clock.now()
    a = make_case("RCC-2026-001", now, resident="Rosa", visiting="Victor", children=("Mia",))
    b = make_case("RCC-2026-002", now, resident="Sara", visiting="Tom", children=("Ben", "Ada"))
    c = make_case("RCC-2026-003", now, resident="Nadia", visiting="Owen", children=("Lily",))
    Referral.create(case=a, risk_notes="not for the door", court_order=True)
    Referral.create(case=c, court_order=True)
    return (
        make_booking(a, TEN),
        make_booking(b, TEN + timedelta(minutes=30), room="Green Room"),
        make_booking(c, TEN + timedelta(hours=4), room="Playroom"),
    )


def _signed_in(staff: StaffMember) -> Callable[[Pilot[Any]], Awaitable[None]]:
    async def run(pilot: Pilot[Any]) -> None:
        await sign_in(pilot, staff)
        await pilot.pause()

    return run


def test_board_before_anyone_arrives(
    volunteer: StaffMember, clock: FixedClock, snap_compare: Compare
) -> None:
    _day(clock)
    clock.set(TEN - timedelta(minutes=25))
    assert snap_compare(DoorApp(clock), terminal_size=DOOR_SIZE, run_before=_signed_in(volunteer))


def test_board_during_sessions_with_alerts(
    volunteer: StaffMember, clock: FixedClock, snap_compare: Compare
) -> None:
    ba, bb, _ = _day(clock)
    Person.update(emergency_phone="07700 900123").where(Person.role == "resident").execute()
    scan_in(ba, Role.VISITING, TEN - timedelta(minutes=14))
    scan_in(ba, Role.RESIDENT, TEN - timedelta(minutes=1))
    scan_in(ba, Role.RESIDENT, TEN + timedelta(minutes=10), "out")  # stepped out
    scan_in(bb, Role.VISITING, TEN + timedelta(minutes=2))
    Booking.update(state=BookingState.IN_CONTACT.value).where(Booking.id == ba.id).execute()
    Booking.update(state=BookingState.FIRST_IN.value).where(Booking.id == bb.id).execute()
    Alert.create(
        case=bb.case,
        booking=bb,
        kind="early_arrival",
        message="visiting adult of case RCC-2026-002 arrived early; due at 10:15",
        created_at=TEN + timedelta(minutes=2),
    )
    Alert.create(kind="scan_refused", message="unknown card", created_at=TEN + timedelta(minutes=5))
    clock.set(TEN + timedelta(minutes=20))
    assert snap_compare(DoorApp(clock), terminal_size=DOOR_SIZE, run_before=_signed_in(volunteer))


def test_board_with_a_known_case_masked(
    volunteer: StaffMember, clock: FixedClock, snap_compare: Compare
) -> None:
    ba, _, _ = _day(clock)
    declare(volunteer, ba.case, clock.now())
    scan_in(ba, Role.VISITING, TEN - timedelta(minutes=14))
    clock.set(TEN - timedelta(minutes=5))
    assert snap_compare(DoorApp(clock), terminal_size=DOOR_SIZE, run_before=_signed_in(volunteer))


def test_roll_call(volunteer: StaffMember, clock: FixedClock, snap_compare: Compare) -> None:
    ba, bb, _ = _day(clock)
    scan_in(ba, Role.VISITING, TEN - timedelta(minutes=14))
    scan_in(ba, Role.RESIDENT, TEN)
    scan_in(bb, Role.VISITING, TEN + timedelta(minutes=15))
    clock.set(TEN + timedelta(minutes=40))

    async def open_roll_call(pilot: Pilot[Any]) -> None:
        await _signed_in(volunteer)(pilot)
        await console_key(pilot, "l")

    assert snap_compare(DoorApp(clock), terminal_size=DOOR_SIZE, run_before=open_roll_call)


def _during(clock: FixedClock) -> None:
    """RCC-2026-001 in contact at 10:20, RCC-2026-002's visiting parent in, with alerts."""
    ba, bb, _ = _day(clock)
    scan_in(ba, Role.VISITING, TEN - timedelta(minutes=14))
    scan_in(ba, Role.RESIDENT, TEN - timedelta(minutes=1))
    scan_in(bb, Role.VISITING, TEN + timedelta(minutes=2))
    Booking.update(state=BookingState.IN_CONTACT.value).where(Booking.id == ba.id).execute()
    Booking.update(state=BookingState.FIRST_IN.value).where(Booking.id == bb.id).execute()
    for minute in range(9):
        Alert.create(
            kind="scan_refused",
            message=f"card not recognised at the kiosk ({minute + 1} of 9): it was revoked "
            "when a new card was issued, so ask the parent for the new one",
            created_at=TEN + timedelta(minutes=minute),
        )
    clock.set(TEN + timedelta(minutes=20))


@pytest.mark.parametrize("size", [(80, 24), (200, 50)], ids=["80x24", "200x50"])
def test_board_at_its_smallest_and_a_large_screen(
    volunteer: StaffMember, clock: FixedClock, snap_compare: Compare, size: tuple[int, int]
) -> None:
    _during(clock)
    assert snap_compare(DoorApp(clock), terminal_size=size, run_before=_signed_in(volunteer))


# Each door dialog at 80x24: it names its session and sits clear of the highlighted row.
DIALOG_KEYS = [
    ("h", 0),
    ("t", 0),
    ("n", 1),
    ("c", 2),
    ("s", 1),
    ("b", 0),
    ("l", 0),
    ("i", 0),
    ("o", 0),
]


@pytest.mark.parametrize(("key", "row"), DIALOG_KEYS, ids=[k for k, _ in DIALOG_KEYS])
def test_each_door_dialog_at_80_by_24(
    volunteer: StaffMember, clock: FixedClock, snap_compare: Compare, key: str, row: int
) -> None:
    _during(clock)
    clock.set(TEN + timedelta(minutes=50))  # late enough for RCC-2026-002's no-show

    async def open_dialog(pilot: Pilot[Any]) -> None:
        await _signed_in(volunteer)(pilot)
        for _ in range(row):
            await pilot.press("down")
        await console_key(pilot, key)
        assert pilot.app.screen.query("#dialog"), key

    assert snap_compare(DoorApp(clock), terminal_size=(80, 24), run_before=open_dialog)
