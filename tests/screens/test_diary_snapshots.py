"""Snapshots of the co-ordinator's new screens at 80x24: rooms, closed days, a session, settings.

In the real KioskApp after the co-ordinator has signed in, with the clock frozen
on the test day (Saturday 21 November 2026, 09:00), at the smallest size a
screen must work at. Update with `--snapshot-update` and look at the SVGs.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import datetime
from typing import Any

from textual.pilot import Pilot
from textual.screen import Screen

from kiosk.app import KioskApp
from kiosk.clock import FixedClock
from kiosk.services.staff.auth import StaffMember
from screens.coordinator.closures import ClosuresScreen
from screens.coordinator.home import CoordinatorHome
from screens.coordinator.rooms import RoomsScreen
from screens.coordinator.session import SessionScreen
from screens.coordinator.settings import SettingsScreen
from tests.support.builders import make_booking, make_case
from tests.support.pilots import settle, sign_in

SIZE = (80, 24)
Compare = Callable[..., bool]


def _opened(
    staff: StaffMember, make_screen: Callable[[], Screen[Any]]
) -> Callable[[Pilot[Any]], Awaitable[None]]:
    async def run(pilot: Pilot[Any]) -> None:
        await sign_in(pilot, staff)
        assert isinstance(pilot.app.screen, CoordinatorHome)
        await pilot.app.push_screen(make_screen())
        await settle(pilot)

    return run


def test_rooms(coordinator: StaffMember, clock: FixedClock, snap_compare: Compare) -> None:
    make_booking(make_case("RCC-1", clock.now()), datetime(2026, 11, 28, 10))
    run = _opened(coordinator, lambda: RoomsScreen(coordinator, clock))
    assert snap_compare(KioskApp(clock), terminal_size=SIZE, run_before=run)


def test_closed_days(coordinator: StaffMember, clock: FixedClock, snap_compare: Compare) -> None:
    run = _opened(coordinator, lambda: ClosuresScreen(coordinator, clock))
    assert snap_compare(KioskApp(clock), terminal_size=SIZE, run_before=run)


def test_a_session(coordinator: StaffMember, clock: FixedClock, snap_compare: Compare) -> None:
    booking = make_booking(make_case("RCC-1", clock.now()), datetime(2026, 11, 28, 10))
    run = _opened(coordinator, lambda: SessionScreen(coordinator, clock, booking.id))
    assert snap_compare(KioskApp(clock), terminal_size=SIZE, run_before=run)


def test_settings(coordinator: StaffMember, clock: FixedClock, snap_compare: Compare) -> None:
    run = _opened(coordinator, lambda: SettingsScreen(coordinator, clock))
    assert snap_compare(KioskApp(clock), terminal_size=SIZE, run_before=run)
