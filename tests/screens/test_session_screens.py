"""A case's sessions in its case file, and a session moved or cancelled from there."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from textual.widgets import DataTable

from kiosk.clock import FixedClock
from kiosk.services.cases import bookings
from kiosk.services.cases import case_file as cases
from kiosk.services.cases.booking_rules import NewBooking
from kiosk.services.cases.bookings import BookingRequest, Repeat
from kiosk.services.staff.auth import StaffMember
from models import Booking, BookingEvent, Service
from screens.coordinator.case_file import CaseFileScreen
from screens.coordinator.session import SessionScreen
from screens.widgets.confirm import ConfirmScreen
from tests.support.builders import make_booking, make_case, sample_file
from tests.support.pilots import ADMIN_SIZE, HostApp, click, fill, table_text, text_of, until

FIRST = datetime(2026, 11, 28, 10, 0)


def _case_with_a_series(coordinator: StaffMember, clock: FixedClock) -> int:
    saved = cases.save_case(sample_file("A"), coordinator, clock)
    first = NewBooking("A", FIRST, FIRST + timedelta(hours=2), "Blue Room", Service.SUPPORTED)
    # 28 Nov, 12 Dec and 9 Jan: Boxing Day (26 Dec) is skipped.
    bookings.book(BookingRequest(first, Repeat.FORTNIGHTLY, date(2027, 1, 9)), clock.now())
    past = make_booking(make_case("X", clock.now()), clock.now() - timedelta(days=7))
    past.case = saved.id
    past.state = "closed"
    past.save()
    assert saved.id is not None
    return saved.id


async def test_the_case_file_lists_its_sessions_and_opens_one(
    coordinator: StaffMember, clock: FixedClock
) -> None:
    case_id = _case_with_a_series(coordinator, clock)
    app = HostApp(lambda: CaseFileScreen(coordinator, clock, case_id))
    async with app.run_test(size=ADMIN_SIZE) as pilot:
        shown = table_text(pilot, "#sessions")
        assert "Sat 14/11/2026" in shown and "closed" in shown  # the past one
        assert shown.count("booked") == 3
        table = app.screen.query_one("#sessions", DataTable)
        # The cursor waits on the first session still to come.
        assert table.cursor_row == 1
        table.focus()
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, SessionScreen)
        assert "Sat 28 Nov 2026 10:00-12:00" in text_of(app.screen, "#title")
        await click(pilot, "#cancel")
        assert isinstance(app.screen, ConfirmScreen)
        assert "Cancel session" in text_of(app.screen, "#question")
        await click(pilot, "#yes")
        assert "cancelled by centre, with notice" in text_of(app.screen, "#status")
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, CaseFileScreen)
        assert "cancelled by centre, with notice" in table_text(pilot, "#sessions")
    assert Booking.select().where(Booking.state == "cancelled").count() == 1


async def test_a_move_is_checked_and_a_series_cancelled_from_the_session(
    coordinator: StaffMember, clock: FixedClock
) -> None:
    _case_with_a_series(coordinator, clock)
    first = Booking.select().where(Booking.starts_at == FIRST).get()
    make_booking(make_case("B", clock.now()), FIRST.replace(hour=14), room="Green Room")
    app = HostApp(lambda: SessionScreen(coordinator, clock, first.id))
    async with app.run_test(size=ADMIN_SIZE) as pilot:
        fill(app.screen, {"start": "14:00", "room": "Green Room"})
        await click(pilot, "#move")
        await click(pilot, "#yes")
        assert "Green Room is booked 14:00-16:00 (case B)" in text_of(app.screen, "#errors")
        fill(app.screen, {"start": "11:00", "room": "Blue Room", "reason": "asked"})
        await click(pilot, "#move")
        await click(pilot, "#yes")
        await until(pilot, lambda: "Moved to" in text_of(app.screen, "#status"))
        assert "11:00-13:00 Blue Room" in text_of(app.screen, "#status")
        await click(pilot, "#cancel-rest")
        assert "every later session of its series" in text_of(app.screen, "#question")
        await click(pilot, "#yes")
        assert "Cancelled 3 sessions" in text_of(app.screen, "#status")
    assert BookingEvent.select().where(BookingEvent.kind == "moved").count() == 1
    assert Booking.select().where(Booking.state == "cancelled").count() == 3


async def test_escape_with_a_move_typed_asks_first(
    coordinator: StaffMember, clock: FixedClock
) -> None:
    _case_with_a_series(coordinator, clock)
    first = Booking.select().where(Booking.starts_at == FIRST).get()
    app = HostApp(lambda: SessionScreen(coordinator, clock, first.id))
    async with app.run_test(size=ADMIN_SIZE) as pilot:
        fill(app.screen, {"date": "2026-12-01"})
        await pilot.press("escape")
        assert isinstance(app.screen, ConfirmScreen)
        assert f"session {first.id}" in text_of(app.screen, "#question")
        await click(pilot, "#yes")
        assert not isinstance(app.screen, SessionScreen)
    assert Booking.get_by_id(first.id).starts_at == FIRST
