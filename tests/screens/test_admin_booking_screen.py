"""The booking form, driven through the real App: series, refusals, the pre-visit question."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from textual.pilot import Pilot
from textual.widgets import Select

from kiosk.clock import FixedClock
from kiosk.services.cases import case_file as cases
from kiosk.services.staff.auth import StaffMember
from models import Booking, Case
from screens.coordinator.booking_form import BookingFormScreen
from screens.widgets.confirm import ConfirmScreen
from tests.support.builders import make_booking, sample_file
from tests.support.pilots import ADMIN_SIZE, HostApp, click, fill, invalid_ids, text_of

PREVISIT = sample_file().people[0].pre_visit_on
SESSION = {"date": "2026-11-28", "start": "10:00", "end": "12:00", "room": "Blue Room"}


def _app(coordinator: StaffMember, clock: FixedClock, previsit: date | None = PREVISIT) -> HostApp:
    """The booking form for case A, which is on record (its parents' pre-visit as given)."""
    cases.save_case(sample_file("A", previsit=previsit), coordinator, clock)
    return HostApp(lambda: BookingFormScreen(coordinator, clock, "A"))


async def _book_series(pilot: Pilot[Any], repeat: str, until: str) -> None:
    """The sample session repeated until a date, booked with the form's button."""
    fill(pilot.app.screen, {**SESSION, "until": until})
    pilot.app.screen.query_one("#repeat", Select).value = repeat
    await click(pilot, "#book")


async def test_fortnightly_series_from_the_form(
    coordinator: StaffMember, clock: FixedClock
) -> None:
    app = _app(coordinator, clock)
    async with app.run_test(size=ADMIN_SIZE) as pilot:
        screen = app.screen
        await _book_series(pilot, "fortnightly", "2027-01-23")
        assert text_of(screen, "#status") == (
            "Booked 4 sessions. Skipped 1 closed day: "
            "Sat 26 Dec 2026: the centre is closed (Boxing Day)"
        )
    days = [b.starts_at.day for b in Booking.select().order_by(Booking.starts_at)]
    assert days == [28, 12, 9, 23]


async def test_room_clash_is_refused_inline(coordinator: StaffMember, clock: FixedClock) -> None:
    cases.save_case(sample_file("B"), coordinator, clock)
    make_booking(Case.get(Case.ref == "B"), datetime(2026, 12, 12, 11, 0))
    app = _app(coordinator, clock)
    async with app.run_test(size=ADMIN_SIZE) as pilot:
        screen = app.screen
        await _book_series(pilot, "weekly", "2026-12-31")
        errors = text_of(screen, "#errors")
        assert "Sat 12 Dec 2026 10:00: Blue Room is booked 11:00-13:00 (case B)" in errors
        assert text_of(screen, "#status") == ""
    assert Booking.select().count() == 1  # none of the series


async def test_entrance_window_clash_is_refused(
    coordinator: StaffMember, clock: FixedClock
) -> None:
    cases.save_case(sample_file("B"), coordinator, clock)
    make_booking(Case.get(Case.ref == "B"), datetime(2026, 11, 28, 10, 5), room="Green Room")
    app = _app(coordinator, clock)
    async with app.run_test(size=ADMIN_SIZE) as pilot:
        fill(app.screen, SESSION)
        await click(pilot, "#book")
        assert "meets case B's arrival window 09:50-10:05" in text_of(app.screen, "#errors")
    assert Booking.select().count() == 1


async def test_assessment_without_agreement_is_refused(
    coordinator: StaffMember, clock: FixedClock
) -> None:
    app = _app(coordinator, clock)
    async with app.run_test(size=ADMIN_SIZE) as pilot:
        fill(app.screen, SESSION)
        app.screen.query_one("#service", Select).value = "assessment"
        await click(pilot, "#book")
        assert "agreement first" in text_of(app.screen, "#errors")
    assert Booking.select().count() == 0


async def test_bad_times_are_marked(coordinator: StaffMember, clock: FixedClock) -> None:
    app = _app(coordinator, clock)
    async with app.run_test(size=ADMIN_SIZE) as pilot:
        fill(app.screen, {**SESSION, "date": "", "start": "25:00"})
        await click(pilot, "#book")
        assert invalid_ids(app.screen) == {"date", "start"}
    assert Booking.select().count() == 0


async def test_missing_previsit_asks_then_books(
    coordinator: StaffMember, clock: FixedClock
) -> None:
    app = _app(coordinator, clock, previsit=None)
    async with app.run_test(size=ADMIN_SIZE) as pilot:
        fill(app.screen, SESSION)
        await click(pilot, "#book")
        assert isinstance(app.screen, ConfirmScreen)
        assert Booking.select().count() == 0
        await click(pilot, "#no")
        assert text_of(app.screen, "#status") == "Not booked."
        assert Booking.select().count() == 0
        await click(pilot, "#book")
        assert isinstance(app.screen, ConfirmScreen)
        await click(pilot, "#yes")
        assert text_of(app.screen, "#status") == "Booked 1 session."
    assert Booking.select().count() == 1


async def test_a_past_date_asks_before_booking(coordinator: StaffMember, clock: FixedClock) -> None:
    app = _app(coordinator, clock)
    async with app.run_test(size=ADMIN_SIZE) as pilot:
        fill(app.screen, {**SESSION, "date": "04/11/2026"})
        await click(pilot, "#book")
        assert isinstance(app.screen, ConfirmScreen)
        assert "Wed 04 Nov 2026 10:00 is in the past" in text_of(app.screen, "#question")
        await click(pilot, "#no")
        assert Booking.select().count() == 0
        await click(pilot, "#book")
        await click(pilot, "#yes")
        assert text_of(app.screen, "#status") == "Booked 1 session."
    assert Booking.get().starts_at == datetime(2026, 11, 4, 10, 0)
