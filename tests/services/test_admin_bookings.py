"""Booking rules as plain service calls: series, clashes, entrance windows, pre-visits."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, timedelta

from kiosk.clock import FixedClock
from kiosk.services.cases import bookings
from kiosk.services.cases import case_file as cases
from kiosk.services.cases.bookings import BookingRequest, NewBooking, Repeat
from kiosk.services.staff.auth import StaffMember
from models import AuditEntry, Booking, BookingState, Case, Service
from tests.support.builders import sample_file

START = datetime(2026, 11, 28, 10, 0)


def _new(ref: str, start: datetime = START, room: str = "Blue Room", hours: int = 2) -> NewBooking:
    return NewBooking(ref, start, start + timedelta(hours=hours), room, Service.SUPPORTED.value)


def _case(coordinator: StaffMember, clock: FixedClock, ref: str, **kw: object) -> None:
    cases.save_case(sample_file(ref, **kw), coordinator, clock)  # type: ignore[arg-type]


def test_fortnightly_series_until_a_date(coordinator: StaffMember, clock: FixedClock) -> None:
    _case(coordinator, clock, "A")
    request = BookingRequest(_new("A"), Repeat.FORTNIGHTLY, date(2027, 1, 23))
    outcome = bookings.book(request, clock.now(), actor=coordinator)
    assert outcome.booked and not outcome.refusals
    starts = [b.starts_at for b in Booking.select().order_by(Booking.starts_at)]
    # The third Saturday is Boxing Day, when the centre is closed: skipped, and said.
    assert starts == [START + timedelta(weeks=2 * i) for i in (0, 1, 3, 4)]
    assert outcome.skipped == ("Sat 26 Dec 2026: the centre is closed (Boxing Day)",)
    entry = AuditEntry.get(AuditEntry.action == "book")
    assert entry.target == f"case:{Case.get(Case.ref == 'A').id}"


def test_weekly_series_is_all_or_nothing(coordinator: StaffMember, clock: FixedClock) -> None:
    _case(coordinator, clock, "A")
    _case(coordinator, clock, "B")
    # B has the Blue Room on the third Saturday only.
    bookings.book(BookingRequest(_new("B", START + timedelta(weeks=2))), clock.now())
    request = BookingRequest(_new("A"), Repeat.WEEKLY, date(2026, 12, 31))
    outcome = bookings.book(request, clock.now())
    assert not outcome.booked
    assert len(outcome.refusals) >= 1
    assert "Blue Room is booked" in outcome.refusals[0]
    assert "Sat 12 Dec 2026" in outcome.refusals[0]
    assert Booking.select().count() == 1


def test_repeat_needs_an_end_date_after_the_start(
    coordinator: StaffMember, clock: FixedClock
) -> None:
    _case(coordinator, clock, "A")
    no_end = bookings.book(BookingRequest(_new("A"), Repeat.WEEKLY), clock.now())
    assert no_end.refusals == ("a repeating booking needs an end date",)
    before = bookings.book(BookingRequest(_new("A"), Repeat.WEEKLY, date(2026, 1, 1)), clock.now())
    assert "before the first session" in before.refusals[0]
    endless = bookings.book(BookingRequest(_new("A"), Repeat.WEEKLY, date(2036, 1, 1)), clock.now())
    assert "at most" in endless.refusals[0]
    assert Booking.select().count() == 0


def test_room_clash_with_another_booking(coordinator: StaffMember, clock: FixedClock) -> None:
    _case(coordinator, clock, "A")
    _case(coordinator, clock, "B")
    assert bookings.book(BookingRequest(_new("B")), clock.now()).booked
    # Later the same day, in the same room, overlapping by an hour (and far enough apart
    # in the entrance that only the room rule applies).
    clash = bookings.book(BookingRequest(_new("A", START + timedelta(hours=1))), clock.now())
    assert any("Blue Room is booked 10:00-12:00 (case B)" in r for r in clash.refusals)
    assert Booking.select().count() == 1


def test_cancelled_booking_frees_the_room(coordinator: StaffMember, clock: FixedClock) -> None:
    _case(coordinator, clock, "A")
    _case(coordinator, clock, "B")
    bookings.book(BookingRequest(_new("B")), clock.now())
    Booking.update(state=BookingState.CANCELLED.value).execute()
    assert bookings.book(BookingRequest(_new("A")), clock.now()).booked


def test_entrance_windows_of_two_cases_may_not_overlap(
    coordinator: StaffMember, clock: FixedClock
) -> None:
    _case(coordinator, clock, "A")
    _case(coordinator, clock, "B")
    bookings.book(BookingRequest(_new("B", room="Green Room")), clock.now())
    # B: arrivals 09:45-10:00, departures 12:00-12:15. A in another room at 10:10:
    # A's arrivals 09:55-10:10 meet B's.
    refused = bookings.book(BookingRequest(_new("A", START + timedelta(minutes=10))), clock.now())
    assert len(refused.refusals) == 2
    assert (
        "arrival window 09:55-10:10 meets case B's arrival window 09:45-10:00"
        in (refused.refusals[0])
    )
    assert (
        "departure window 12:10-12:25 meets case B's departure window 12:00-12:15"
        in (refused.refusals[1])
    )
    # A ending at 11:50 leaves 11:50-12:05, meeting B's departures from 12:00.
    late = bookings.book(
        BookingRequest(_new("A", datetime(2026, 11, 28, 8, 50), hours=3)), clock.now()
    )
    assert any("departure window 11:50-12:05" in r for r in late.refusals)
    # Arriving 10:15 (window 10:00-10:15) only touches B's: allowed.
    fine = bookings.book(BookingRequest(_new("A", START + timedelta(minutes=15))), clock.now())
    assert fine.booked


def test_windows_follow_each_cases_settings(coordinator: StaffMember, clock: FixedClock) -> None:
    _case(coordinator, clock, "A")
    _case(coordinator, clock, "B")
    b = Case.get(Case.ref == "B")
    b.departure_hold_min = 40
    b.save()
    bookings.book(BookingRequest(_new("B", room="Green Room")), clock.now())
    # A arrives 12:20-12:35 : inside B's longer departure hold (12:00-12:40).
    refused = bookings.book(BookingRequest(_new("A", datetime(2026, 11, 28, 12, 35))), clock.now())
    assert any("departure window 12:00-12:40" in r for r in refused.refusals)


def test_assessment_needs_both_agreements(coordinator: StaffMember, clock: FixedClock) -> None:
    _case(coordinator, clock, "A")
    assessment = replace(_new("A"), service=Service.ASSESSMENT.value)
    refused = bookings.book(BookingRequest(assessment), clock.now())
    assert any("agreement" in r for r in refused.refusals)
    saved = cases.load_case(Case.get(Case.ref == "A").id)
    both = replace(
        saved,
        family_agreed_assessment_on=date(2026, 11, 1),
        coordinator_agreed_assessment_on=date(2026, 11, 2),
    )
    cases.save_case(both, coordinator, clock)
    assert bookings.book(BookingRequest(assessment), clock.now()).booked


def test_missing_previsit_needs_confirmation(coordinator: StaffMember, clock: FixedClock) -> None:
    _case(coordinator, clock, "A", previsit=None)
    first = bookings.book(BookingRequest(_new("A")), clock.now())
    assert first.needs_confirmation and not first.booked
    assert first.warnings == (
        "the resident parent has not had a pre-visit",
        "the visiting parent has not had a pre-visit",
    )
    assert Booking.select().count() == 0
    confirmed = bookings.book(BookingRequest(_new("A")), clock.now(), confirm=True)
    assert confirmed.booked
    assert "confirmed" in AuditEntry.get(AuditEntry.action == "book").detail


def test_booking_touches_the_case(coordinator: StaffMember, clock: FixedClock) -> None:
    _case(coordinator, clock, "A")
    clock.advance(days=3)
    bookings.book(BookingRequest(_new("A")), clock.now())
    assert Case.get(Case.ref == "A").last_used_at == clock.now()
