"""Door services a tester found wrong: each test pins the corrected behaviour.

What the tester found on the console's screen is pinned in tests/screens/test_door_console.py.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path

import pytest

from kiosk.clock import FixedClock
from kiosk.services.door import actions as door_actions
from kiosk.services.door import roll_call
from kiosk.services.door.access import DoorError
from kiosk.services.staff import auth
from kiosk.services.staff.auth import StaffMember
from models import Booking, BookingEvent, BookingState, Role
from tests.support.builders import PIN, make_booking, make_case, scan_in

TEN = datetime(2026, 11, 21, 10, 0)


def _resident_first(clock: FixedClock) -> Booking:
    case = make_case("CASE-R", clock.now(), resident="Rosa", visiting="Victor", children=("Mia",))
    case.first_party = Role.RESIDENT.value
    case.save()
    return make_booking(case, TEN)


def _names(clock: FixedClock, staff: StaffMember) -> set[str]:
    return {p.name for p in roll_call.roll_call(staff, clock).people}


@pytest.mark.parametrize("first", [Role.RESIDENT, Role.VISITING])
def test_children_are_on_the_roll_call_with_either_parent(
    volunteer: StaffMember, clock: FixedClock, first: Role
) -> None:
    b = _resident_first(clock)
    b.case.first_party = first.value
    b.case.save()
    clock.set(TEN + timedelta(minutes=30))
    scan_in(b, Role.VISITING, TEN - timedelta(minutes=15))
    assert "Mia" in _names(clock, volunteer)
    scan_in(b, Role.VISITING, TEN + timedelta(minutes=10), "out")
    assert "Mia" not in _names(clock, volunteer)
    scan_in(b, Role.RESIDENT, TEN + timedelta(minutes=20))
    assert "Mia" in _names(clock, volunteer)


def test_children_stay_listed_while_handed_over(volunteer: StaffMember, clock: FixedClock) -> None:
    b = _resident_first(clock)
    clock.set(TEN + timedelta(minutes=30))
    scan_in(b, Role.RESIDENT, TEN - timedelta(minutes=15))
    scan_in(b, Role.VISITING, TEN)
    Booking.update(state=BookingState.BOTH_IN.value).where(Booking.id == b.id).execute()
    door_actions.children_handed_over(
        volunteer, b.id, clock, seen=door_actions.seen_now(volunteer, b.id)
    )
    scan_in(b, Role.RESIDENT, TEN + timedelta(minutes=5), "out")
    assert "Mia" in _names(clock, volunteer)


def test_roll_call_file_has_first_names_only_for_staff(
    volunteer: StaffMember, clock: FixedClock, tmp_path: Path
) -> None:

    assert auth.sign_in(volunteer.name, PIN, clock).ok
    call = roll_call.roll_call(volunteer, clock)
    assert [(p.name, p.kind) for p in call.people] == [("Priya", "staff")]
    text = roll_call.write(volunteer, call, tmp_path, clock).read_text(encoding="utf-8")
    assert "Priya" in text and "Shah" not in text


def test_handover_after_return_gives_the_reason_that_matches(
    volunteer: StaffMember, clock: FixedClock
) -> None:
    b = _resident_first(clock)
    Booking.update(state=BookingState.BOTH_IN.value).where(Booking.id == b.id).execute()
    door_actions.children_handed_over(
        volunteer, b.id, clock, seen=door_actions.seen_now(volunteer, b.id)
    )
    door_actions.children_returned(
        volunteer, b.id, clock, seen=door_actions.seen_now(volunteer, b.id)
    )
    with pytest.raises(DoorError, match="already been returned"):
        door_actions.children_handed_over(
            volunteer, b.id, clock, seen=door_actions.seen_now(volunteer, b.id)
        )
    Booking.update(state=BookingState.CANCELLED.value).where(Booking.id == b.id).execute()
    BookingEvent.delete().execute()
    with pytest.raises(DoorError, match="already ended"):
        door_actions.children_handed_over(
            volunteer, b.id, clock, seen=door_actions.seen_now(volunteer, b.id)
        )


def test_no_show_only_after_the_start_plus_grace(volunteer: StaffMember, clock: FixedClock) -> None:
    case = make_case("CASE-N", clock.now())
    b = make_booking(case, datetime(2026, 11, 21, 12, 30))
    scan_in(b, Role.VISITING, datetime(2026, 11, 21, 12, 15))
    clock.set(datetime(2026, 11, 21, 12, 44))  # late, not yet a no-show
    with pytest.raises(DoorError, match="from 12:45"):
        door_actions.no_show(volunteer, b.id, Role.RESIDENT, clock)
    with pytest.raises(DoorError, match="from 12:45"):
        door_actions.no_show_parties(volunteer, b.id, clock)
    clock.set(datetime(2026, 11, 21, 14, 34))
    assert door_actions.no_show_parties(volunteer, b.id, clock) == ["resident"]
    door_actions.no_show(volunteer, b.id, Role.RESIDENT, clock)
    assert Booking.get_by_id(b.id).state == BookingState.NO_SHOW.value
