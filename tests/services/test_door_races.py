"""A door act is decided on the state at the moment it is recorded, never on a stale view."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from kiosk.clock import FixedClock
from kiosk.services.attendance import checkin
from kiosk.services.cards import tokens as cards
from kiosk.services.door import actions as door_actions
from kiosk.services.door import manual as door_manual
from kiosk.services.door.access import DoorError
from kiosk.services.door.actions import CancelledBy, EndedEarly
from kiosk.services.staff.auth import StaffMember
from models import Attendance, Booking, BookingEvent, BookingState, DbConfig, Role
from tests.support.builders import make_booking, make_case, make_volunteer, person, scan_in
from tests.support.other_writer import other_writer

TEN = datetime(2026, 11, 21, 10, 0)


def _day(clock: FixedClock) -> Booking:
    return make_booking(make_case("CASE-R", clock.now(), resident="Rosa", visiting="Victor"), TEN)


def _day_and_volunteer(clock: FixedClock) -> tuple[Booking, StaffMember]:
    """Rosa and Victor's session at 10:00, and the volunteer at the door."""
    return _day(clock), make_volunteer(clock.now())


def test_a_check_in_by_name_is_refused_when_the_person_scanned_in_meanwhile(
    db: DbConfig, clock: FixedClock
) -> None:
    b, staff = _day_and_volunteer(clock)
    rosa = person(b.case, Role.RESIDENT)
    [hit] = door_manual.search(staff, "rosa", clock)
    assert hit.status == "out"  # the volunteer is offered "check in"
    checkin.scan(cards.issue_card(rosa.id, clock.now()), clock)
    clock.advance(seconds=5)
    with pytest.raises(DoorError, match=r"now checked in \(since 09:00\)"):
        door_manual.manual_check(staff, rosa.id, "forgot card", clock, intended="in")
    assert [a.kind for a in Attendance.select()] == ["in"]
    # Asked for what the volunteer now sees, it is recorded.
    clock.advance(minutes=5)
    assert (
        door_manual.manual_check(staff, rosa.id, "forgot card", clock, intended="out").kind == "out"
    )


def test_a_check_out_by_name_is_refused_when_the_person_left_meanwhile(
    db: DbConfig, clock: FixedClock
) -> None:
    b, staff = _day_and_volunteer(clock)
    scan_in(b, Role.RESIDENT, clock.now())
    scan_in(b, Role.RESIDENT, clock.now() + timedelta(minutes=1), "out")
    clock.advance(minutes=2)
    with pytest.raises(DoorError, match=r"now checked out \(since 09:01\)"):
        door_manual.manual_check(
            staff, person(b.case, Role.RESIDENT).id, "forgot card", clock, intended="out"
        )
    assert Attendance.select().count() == 2


def test_the_intended_direction_must_be_in_or_out(db: DbConfig, clock: FixedClock) -> None:
    b = _day(clock)
    with pytest.raises(DoorError):
        door_manual.manual_check(
            make_volunteer(clock.now()), person(b.case, Role.RESIDENT).id, "x", clock, intended="up"
        )


def test_a_check_in_by_name_waits_for_a_scan_being_recorded(
    db: DbConfig, clock: FixedClock
) -> None:
    """The kiosk is writing Rosa's check-in as the volunteer presses Enter."""
    b, staff = _day_and_volunteer(clock)
    rosa = person(b.case, Role.RESIDENT)
    with (
        other_writer(lambda: scan_in(b, Role.RESIDENT, clock.now())),
        pytest.raises(DoorError, match="now checked in"),
    ):
        door_manual.manual_check(staff, rosa.id, "forgot card", clock, intended="in")
    assert Attendance.select().count() == 1


def test_a_no_show_waits_for_a_check_in_being_recorded(db: DbConfig, clock: FixedClock) -> None:
    """The resident's card is being recorded as the volunteer records them as a no-show."""
    b, staff = _day_and_volunteer(clock)
    clock.set(TEN + timedelta(minutes=20))
    assert door_actions.no_show_parties(staff, b.id, clock) == ["resident", "visiting"]
    with (
        other_writer(lambda: scan_in(b, Role.RESIDENT, clock.now())),
        pytest.raises(
            DoorError, match=r"changed since you looked\. The resident parent has checked in"
        ),
    ):
        door_actions.no_show(staff, b.id, Role.RESIDENT.value, clock)
    assert Booking.get_by_id(b.id).state == BookingState.BOOKED.value
    assert not BookingEvent.select().exists()


def test_a_cancellation_waits_for_a_check_in_being_recorded(
    db: DbConfig, clock: FixedClock
) -> None:
    b, staff = _day_and_volunteer(clock)
    door_actions.check_cancel(staff, b.id)  # the dialog opens: nobody has arrived

    def arrive() -> None:
        scan_in(b, Role.VISITING, clock.now())
        Booking.update(state=BookingState.FIRST_IN.value).where(Booking.id == b.id).execute()

    with other_writer(arrive), pytest.raises(DoorError, match="changed since you looked"):
        door_actions.cancel(staff, b.id, CancelledBy.CENTRE, True, clock)
    assert Booking.get_by_id(b.id).state == BookingState.FIRST_IN.value


def test_an_early_end_waits_for_the_session_closing(db: DbConfig, clock: FixedClock) -> None:
    b, staff = _day_and_volunteer(clock)
    Booking.update(state=BookingState.SECOND_OUT.value).where(Booking.id == b.id).execute()
    door_actions.check_end_early(staff, b.id)  # the dialog opens: the session is under way

    def close() -> None:
        Booking.update(state=BookingState.CLOSED.value).where(Booking.id == b.id).execute()

    with other_writer(close), pytest.raises(DoorError, match="changed since you looked"):
        door_actions.end_early(staff, b.id, EndedEarly.CURTAILED, "child unwell", clock)
    assert Booking.get_by_id(b.id).state == BookingState.CLOSED.value


def test_a_handover_waits_for_another_console_recording_it(db: DbConfig, clock: FixedClock) -> None:
    b = _day(clock)
    staff, other = make_volunteer(clock.now()), make_volunteer(clock.now(), "Tom Hughes")
    Booking.update(state=BookingState.BOTH_IN.value).where(Booking.id == b.id).execute()
    seen = door_actions.seen_now(staff, b.id)  # both see "both in", nobody handed over
    with (
        other_writer(lambda: door_actions.children_handed_over(other, b.id, clock, seen=seen)),
        pytest.raises(DoorError, match=r"changed since you looked\. The children have been handed"),
    ):
        door_actions.children_handed_over(staff, b.id, clock, seen=seen)
    assert [e.by_id for e in BookingEvent.select()] == [other.id]


def test_a_return_is_refused_when_the_session_moved_since_the_volunteer_looked(
    db: DbConfig, clock: FixedClock
) -> None:
    # Failed before: the return was recorded on whatever the session had become.
    b, staff = _day_and_volunteer(clock)
    Booking.update(state=BookingState.IN_CONTACT.value).where(Booking.id == b.id).execute()
    door_actions.children_handed_over(staff, b.id, clock, seen=door_actions.seen_now(staff, b.id))
    seen = door_actions.seen_now(staff, b.id)  # in contact, handed over: "r" is offered
    door_actions.check_return(staff, b.id, seen)

    def second_party_leaves() -> None:
        Booking.update(state=BookingState.SECOND_OUT.value).where(Booking.id == b.id).execute()

    with (
        other_writer(second_party_leaves),
        pytest.raises(DoorError, match=r"It was in contact; it is now second out\.$"),
    ):
        door_actions.children_returned(staff, b.id, clock, seen=seen)
    assert [e.kind for e in BookingEvent.select()] == ["handed_over"]
    # Asked again on what the volunteer now sees, it is recorded.
    now_seen = door_actions.seen_now(staff, b.id)
    door_actions.children_returned(staff, b.id, clock, seen=now_seen)
    assert [e.kind for e in BookingEvent.select().order_by(BookingEvent.id)] == [
        "handed_over",
        "returned",
    ]
