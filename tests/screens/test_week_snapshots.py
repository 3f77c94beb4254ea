"""Snapshots of the week: a quiet week, a busy one with an entrance clash, a closed day.

In the real KioskApp after the co-ordinator has signed in, at 100x30 with the
clock frozen on the test day (Saturday 21 November 2026, 09:00). Update after a
deliberate change with `--snapshot-update` and look at the SVGs before committing.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import date, datetime
from typing import Any

from textual.pilot import Pilot

from kiosk.app import KioskApp
from kiosk.clock import FixedClock
from kiosk.services.centre import closures
from kiosk.services.staff.auth import StaffMember
from screens.coordinator.home import CoordinatorHome
from screens.coordinator.week import WeekScreen
from tests.support.builders import make_booking, make_case
from tests.support.pilots import settle, sign_in

SIZE = (100, 30)
Compare = Callable[..., bool]


def _week(
    staff: StaffMember, clock: FixedClock, day: date | None = None, keys: tuple[str, ...] = ()
) -> Callable[[Pilot[Any]], Awaitable[None]]:
    async def run(pilot: Pilot[Any]) -> None:
        await sign_in(pilot, staff)
        assert isinstance(pilot.app.screen, CoordinatorHome)
        await pilot.app.push_screen(WeekScreen(staff, clock, day))
        await settle(pilot)
        for key in keys:
            await pilot.press(key)
        await settle(pilot)

    return run


def busy_week(now: datetime) -> None:
    """Friday 27 November, next week: three families in three rooms, two of them meeting in the
    entrance (B arrives 11:55-12:10 while A leaves 12:00-12:15), and one cancelled."""
    a, b, c, d = (make_case(ref, now) for ref in ("RCC-A", "RCC-B", "RCC-C", "RCC-D"))
    friday = datetime(2026, 11, 27)
    make_booking(a, friday.replace(hour=10), room="Blue Room")
    make_booking(b, friday.replace(hour=12, minute=10), room="Green Room")
    make_booking(c, friday.replace(hour=14), room="Playroom", hours=1.5)
    gone = make_booking(d, friday.replace(hour=14), room="Blue Room")
    gone.state, gone.outcome_party, gone.with_notice = "cancelled", "resident", "yes"
    gone.save()
    make_booking(a, datetime(2026, 11, 30, 10), room="Blue Room")


def test_a_quiet_week(coordinator: StaffMember, clock: FixedClock, snap_compare: Compare) -> None:
    make_booking(make_case("RCC-Q", clock.now()), datetime(2026, 11, 18, 15, 30), room="Playroom")
    app = KioskApp(clock)
    assert snap_compare(app, terminal_size=SIZE, run_before=_week(coordinator, clock))


def test_a_busy_week_with_an_entrance_clash(
    coordinator: StaffMember, clock: FixedClock, snap_compare: Compare
) -> None:
    busy_week(clock.now())
    app = KioskApp(clock)
    # Down: from the first session to the one it clashes with, described at the foot.
    run = _week(coordinator, clock, date(2026, 11, 27), keys=("down",))
    assert snap_compare(app, terminal_size=SIZE, run_before=run)


def test_a_week_with_closed_days(
    coordinator: StaffMember, clock: FixedClock, snap_compare: Compare
) -> None:
    closures.add_closure(date(2026, 12, 23), "Staff training", clock.now())
    case = make_case("RCC-X", clock.now())
    make_booking(case, datetime(2026, 12, 22, 10), room="Green Room")
    make_booking(case, datetime(2026, 12, 24, 13), room="Green Room")
    app = KioskApp(clock)
    run = _week(coordinator, clock, day=date(2026, 12, 25))
    assert snap_compare(app, terminal_size=SIZE, run_before=run)
