"""Snapshots of the incidents and accident book screens, and the door's accident dialog, at
80x24 with the clock frozen on the test day.

Update after a deliberate change with
`pytest tests/screens/test_safeguarding_snapshots.py --snapshot-update` and look at the SVGs
under tests/screens/__snapshots__ before committing them.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

from textual.pilot import Pilot

from kiosk.app import KioskApp
from kiosk.clock import FixedClock
from kiosk.door_app import DoorApp
from kiosk.services.door import logbooks
from kiosk.services.door.logbooks import AccidentReport
from kiosk.services.safeguarding import follow_up, incidents
from kiosk.services.safeguarding.incidents import Action
from kiosk.services.staff.auth import StaffMember
from screens.coordinator.accident_book import AccidentBookScreen
from screens.coordinator.accident_export import AccidentExportScreen
from screens.coordinator.home import CoordinatorHome
from screens.coordinator.incident import IncidentScreen
from screens.coordinator.incidents import IncidentListScreen
from tests.support.builders import door_day, make_volunteer
from tests.support.pilots import PARENT_SIZE, console_key, sign_in, signed_in_then

Compare = Callable[..., bool]
# A fixed folder: the screens show it, and the test's own folder changes every run.
EXPORTS = Path("/home/coordinator/exports")


def _concerns(volunteer: StaffMember, coordinator: StaffMember, clock: FixedClock) -> int:
    """Two concerns from the door: one followed up (under review), one new; one closed."""
    ba, bb = door_day(clock.now())
    first = logbooks.incident(volunteer, ba.id, "Mia said her dad shouted at her", clock)
    clock.advance(minutes=40)
    closed = logbooks.incident(volunteer, bb.id, "Raised voices at handover", clock)
    follow_up.record_action(coordinator, closed, Action.NOTHING_FURTHER, clock.now())
    follow_up.close(coordinator, closed, "Spoke to both parents", clock.now())
    clock.advance(minutes=20)
    logbooks.incident(volunteer, None, "A man waited at the gate for an hour", clock)
    follow_up.add_note(coordinator, first, "Spoke to Mia's mother at collection.", clock.now())
    return first


def _book(volunteer: StaffMember, clock: FixedClock) -> None:
    hall = AccidentReport("Mia", "Tripped in the hall", "the hall", "graze to the knee", "plaster")
    first = logbooks.accident(volunteer, hall, clock)
    clock.advance(minutes=30)
    logbooks.accident(volunteer, AccidentReport("Sam", "Cut a finger on a box", "store"), clock)
    clock.advance(minutes=5)
    fix = AccidentReport("Mia", "Tripped on the hall rug", "the hall", corrects=first)
    logbooks.accident(volunteer, fix, clock)


def test_home_with_new_concerns(
    volunteer: StaffMember, coordinator: StaffMember, clock: FixedClock, snap_compare: Compare
) -> None:
    _concerns(volunteer, coordinator, clock)
    app = KioskApp(clock)
    assert snap_compare(app, terminal_size=PARENT_SIZE, run_before=signed_in_then(coordinator))


def test_incident_list(
    volunteer: StaffMember, coordinator: StaffMember, clock: FixedClock, snap_compare: Compare
) -> None:
    _concerns(volunteer, coordinator, clock)
    run = signed_in_then(coordinator, lambda: IncidentListScreen(coordinator, clock))
    assert snap_compare(KioskApp(clock), terminal_size=PARENT_SIZE, run_before=run)


def test_incident_opened(
    volunteer: StaffMember, coordinator: StaffMember, clock: FixedClock, snap_compare: Compare
) -> None:
    number = _concerns(volunteer, coordinator, clock)
    detail = incidents.open_incident(coordinator, number, clock.now())
    run = signed_in_then(coordinator, lambda: IncidentScreen(coordinator, clock, detail))
    assert snap_compare(KioskApp(clock), terminal_size=PARENT_SIZE, run_before=run)


def test_accident_book(
    volunteer: StaffMember, coordinator: StaffMember, clock: FixedClock, snap_compare: Compare
) -> None:
    _book(volunteer, clock)
    run = signed_in_then(coordinator, lambda: AccidentBookScreen(coordinator, clock, EXPORTS))
    assert snap_compare(KioskApp(clock), terminal_size=PARENT_SIZE, run_before=run)


def test_accident_export(
    volunteer: StaffMember, coordinator: StaffMember, clock: FixedClock, snap_compare: Compare
) -> None:
    _book(volunteer, clock)
    run = signed_in_then(coordinator, lambda: AccidentExportScreen(coordinator, clock, EXPORTS))
    assert snap_compare(KioskApp(clock), terminal_size=PARENT_SIZE, run_before=run)


def test_door_accident_dialog(
    volunteer: StaffMember, clock: FixedClock, snap_compare: Compare
) -> None:
    door_day(clock.now())
    _book(volunteer, clock)

    async def open_dialog(pilot: Pilot[Any]) -> None:
        await sign_in(pilot, volunteer)
        await console_key(pilot, "b")

    assert snap_compare(DoorApp(clock), terminal_size=PARENT_SIZE, run_before=open_dialog)


async def test_the_new_concerns_are_in_sight_at_sign_in_at_80_by_24(
    volunteer: StaffMember, coordinator: StaffMember, clock: FixedClock
) -> None:
    # The home opened scrolled to its menu: the red line about a new concern was above
    # the top of the screen, and no key brought it back.
    _concerns(volunteer, coordinator, clock)
    # And a reminder, as the demo has: a DBS check over three years old.
    make_volunteer(clock.now(), "Jo Fletcher", dbs_issued_on=date(2020, 1, 1))
    app = KioskApp(clock)
    async with app.run_test(size=PARENT_SIZE) as pilot:
        await signed_in_then(coordinator)(pilot)
        screen = app.screen
        assert isinstance(screen, CoordinatorHome)
        for part in ("#who", "#concerns", "#reminders"):
            shown = screen.query_one(part).region
            assert shown.height > 0 and screen.region.contains_region(shown), part
        assert "new safeguarding concern" in str(screen.query_one("#concerns").render())
