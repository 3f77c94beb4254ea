"""Children handed over in a session ended early are returned all the same, and leave the roll call.

Ending a session early (curtailed, terminated) does not send the children home: they
are still with the visiting parent until a volunteer sees them back to the parent they
live with. Until the return could be recorded, a child stayed on the fire roll call
after both parents had gone.
"""

from __future__ import annotations

from datetime import timedelta

import pytest

from kiosk.clock import FixedClock
from kiosk.services.door import actions, roll_call
from kiosk.services.door.actions import EndedEarly
from kiosk.services.staff.auth import StaffMember
from models import Booking, BookingState, Role
from tests.support.builders import door_day, scan_in


@pytest.mark.parametrize("how", list(EndedEarly))
def test_children_handed_over_are_returned_after_the_session_ends_early(
    volunteer: StaffMember, clock: FixedClock, how: EndedEarly
) -> None:
    booking, _ = door_day(clock.now())
    clock.set(booking.starts_at + timedelta(minutes=5))
    scan_in(booking, Role.VISITING, booking.starts_at - timedelta(minutes=15))
    scan_in(booking, Role.RESIDENT, booking.starts_at)
    Booking.update(state=BookingState.BOTH_IN.value).where(Booking.id == booking.id).execute()
    actions.children_handed_over(
        volunteer, booking.id, clock, seen=actions.seen_now(volunteer, booking.id)
    )
    actions.end_early(volunteer, booking.id, how, "child unwell", clock)
    clock.advance(minutes=5)
    for role in (Role.VISITING, Role.RESIDENT):
        scan_in(booking, role, clock.now(), kind="out")
    assert "Mia" in [p.name for p in roll_call.everyone(clock.now()).people]

    actions.children_returned(
        volunteer, booking.id, clock, seen=actions.seen_now(volunteer, booking.id)
    )
    assert Booking.get_by_id(booking.id).state == how.value  # ended early it stays
    assert "Mia" not in [p.name for p in roll_call.everyone(clock.now()).people]
