"""Door console behaviour a tester found wrong: each test pins the corrected behaviour."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from kiosk.clock import FixedClock
from kiosk.services import door_actions, roll_call
from kiosk.services.auth import StaffMember
from models import Booking, BookingState, DbConfig, Role
from tests.door_helpers import scan_in, volunteer
from tests.factories import make_booking, make_case

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
    db: DbConfig, clock: FixedClock, first: Role
) -> None:
    b = _resident_first(clock)
    b.case.first_party = first.value
    b.case.save()
    staff = volunteer(clock.now())
    clock.set(TEN + timedelta(minutes=30))
    scan_in(b, Role.VISITING, TEN - timedelta(minutes=15))
    assert "Mia" in _names(clock, staff)
    scan_in(b, Role.VISITING, TEN + timedelta(minutes=10), "out")
    assert "Mia" not in _names(clock, staff)
    scan_in(b, Role.RESIDENT, TEN + timedelta(minutes=20))
    assert "Mia" in _names(clock, staff)


def test_children_stay_listed_while_handed_over(db: DbConfig, clock: FixedClock) -> None:
    b = _resident_first(clock)
    staff = volunteer(clock.now())
    clock.set(TEN + timedelta(minutes=30))
    scan_in(b, Role.RESIDENT, TEN - timedelta(minutes=15))
    scan_in(b, Role.VISITING, TEN)
    Booking.update(state=BookingState.BOTH_IN.value).where(Booking.id == b.id).execute()
    door_actions.children_handed_over(staff, b.id, clock)
    scan_in(b, Role.RESIDENT, TEN + timedelta(minutes=5), "out")
    assert "Mia" in _names(clock, staff)
