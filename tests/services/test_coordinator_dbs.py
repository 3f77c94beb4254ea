"""The co-ordinator at the door: refused without a DBS record, as volunteers are."""

from __future__ import annotations

from datetime import date

import pytest

from kiosk.clock import FixedClock
from kiosk.services.door import access, logbooks
from kiosk.services.door import actions as door_actions
from kiosk.services.door.access import DoorError
from kiosk.services.door.logbooks import AccidentReport
from kiosk.services.home import reminders
from kiosk.services.staff import auth
from kiosk.services.staff.auth import StaffMember
from models import AccidentEntry, BookingEvent, BookingState, DbConfig
from tests.support.builders import (
    COORDINATOR_PASSWORD,
    make_booking,
    make_case,
    make_coordinator,
)

FELL = AccidentReport("Sam", "fell", first_aid="plaster")


def _coordinator(clock: FixedClock, *, dbs: bool) -> StaffMember:
    row = make_coordinator(clock.now(), dbs=dbs, dbs_issued_on=date(2025, 3, 1))
    signed = auth.sign_in("Alex Morgan", COORDINATOR_PASSWORD, clock)
    assert signed.staff is not None and signed.staff.id == row.id  # their own tools stay open
    return signed.staff


def test_a_coordinator_without_a_dbs_record_may_not_act_at_the_door(
    db: DbConfig, clock: FixedClock
) -> None:
    staff = _coordinator(clock, dbs=False)
    b = make_booking(make_case("CASE-D", clock.now()), clock.now().replace(hour=10))
    b.state = BookingState.BOTH_IN.value
    b.save()
    with pytest.raises(DoorError, match="No DBS check is on file for you"):
        access.ensure_may_use_door(staff)
    with pytest.raises(DoorError, match="No DBS check"):
        door_actions.children_handed_over(staff, b.id, clock)
    with pytest.raises(DoorError, match="No DBS check"):
        logbooks.accident(staff, FELL, clock)
    assert not BookingEvent.select().exists() and not AccidentEntry.select().exists()


def test_a_coordinator_with_a_dbs_record_may(db: DbConfig, clock: FixedClock) -> None:
    staff = _coordinator(clock, dbs=True)
    access.ensure_may_use_door(staff)
    assert logbooks.accident(staff, FELL, clock) > 0


def test_the_coordinator_is_reminded_to_add_their_dbs_record(
    db: DbConfig, clock: FixedClock
) -> None:
    _coordinator(clock, dbs=False)
    notes = reminders.coordinator_reminders(clock.now())
    assert any("Alex Morgan has no DBS check on file" in n for n in notes)


def test_a_coordinators_old_dbs_check_is_a_reminder_like_a_volunteers(
    db: DbConfig, clock: FixedClock
) -> None:
    make_coordinator(clock.now(), dbs_issued_on=date(2021, 1, 1))
    notes = reminders.coordinator_reminders(clock.now())
    assert "Alex Morgan's DBS check is over three years old." in notes
