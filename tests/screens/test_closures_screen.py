"""Closing a day from the co-ordinator's screen: bank holidays shown, booked sessions cancelled."""

from __future__ import annotations

from datetime import datetime

from kiosk.clock import FixedClock
from kiosk.services.staff.auth import StaffMember
from models import Booking, Closure
from screens.coordinator.closures import ClosuresScreen
from screens.widgets.confirm import ConfirmScreen
from tests.support.builders import make_booking, make_case
from tests.support.pilots import ADMIN_SIZE, HostApp, click, fill, table_text, text_of


async def test_a_closure_over_booked_sessions_cancels_them_with_one_confirmation(
    coordinator: StaffMember, clock: FixedClock
) -> None:
    booked = make_booking(make_case("A", clock.now()), datetime(2026, 12, 3, 10, 0))
    app = HostApp(lambda: ClosuresScreen(coordinator, clock))
    async with app.run_test(size=ADMIN_SIZE) as pilot:
        assert "Christmas Day" in table_text(pilot, "#closed")
        fill(app.screen, {"day": "03/12/2026", "reason": "Boiler broken"})
        await click(pilot, "#add")
        assert isinstance(app.screen, ConfirmScreen)
        question = text_of(app.screen, "#question")
        assert "1 session booked on Thu 03 Dec 2026" in question
        assert "10:00-12:00 Blue Room, case A" in question
        await click(pilot, "#yes")
        assert "cancelled 1 session." in text_of(app.screen, "#status")
        assert "Boiler broken" in table_text(pilot, "#closed")
    assert Booking.get_by_id(booked.id).state == "cancelled"
    assert Closure.get().reason == "Boiler broken"


async def test_a_bad_date_is_marked_and_nothing_closes(
    coordinator: StaffMember, clock: FixedClock
) -> None:
    app = HostApp(lambda: ClosuresScreen(coordinator, clock))
    async with app.run_test(size=ADMIN_SIZE) as pilot:
        fill(app.screen, {"day": "31/02/2026"})
        await click(pilot, "#add")
        assert "not a date" in text_of(app.screen, "#errors")
        assert "-field-error" in app.screen.query_one("#day").classes
    assert Closure.select().count() == 0
