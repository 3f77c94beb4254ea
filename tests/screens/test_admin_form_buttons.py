"""The Back and Close buttons every co-ordinator record screen shares (AdminFormScreen)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from textual.screen import Screen

from kiosk.clock import FixedClock
from kiosk.services.staff.auth import StaffMember
from screens.coordinator.booking_form import BookingFormScreen
from screens.coordinator.case_file import CaseFileScreen
from screens.coordinator.case_list import CaseListScreen
from screens.coordinator.volunteer_form import VolunteerFormScreen
from screens.coordinator.volunteer_list import VolunteerListScreen
from tests.support.pilots import ADMIN_SIZE, HostApp, click

Make = Callable[[StaffMember, FixedClock], Screen[Any]]
SCREENS: list[tuple[Make, str]] = [
    (lambda who, clock: CaseListScreen(who, clock), "#back"),
    (lambda who, clock: VolunteerListScreen(who, clock), "#back"),
    (lambda who, clock: CaseFileScreen(who, clock, None), "#close"),
    (lambda who, clock: BookingFormScreen(who, clock), "#close"),
    (lambda who, clock: VolunteerFormScreen(who, clock, None), "#close"),
]


@pytest.mark.parametrize(("make", "button"), SCREENS)
async def test_the_button_closes_the_screen(
    coordinator: StaffMember, clock: FixedClock, make: Make, button: str
) -> None:
    app = HostApp(lambda: make(coordinator, clock))
    async with app.run_test(size=ADMIN_SIZE) as pilot:
        shown = app.screen
        await click(pilot, button)
        assert app.screen is not shown
        assert shown not in app.screen_stack
