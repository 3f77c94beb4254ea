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
from kiosk.services.staff import auth, volunteers
from kiosk.services.staff.auth import StaffMember
from kiosk.services.staff.permissions import NotAllowed
from kiosk.services.staff.volunteers import DbsData, DbsLevel
from kiosk.services.store.forms import FormError
from models import AccidentEntry, BookingEvent, BookingState, DbConfig
from tests.support.builders import (
    COORDINATOR_PASSWORD,
    make_booking,
    make_case,
    make_coordinator,
    make_volunteer,
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
        door_actions.children_handed_over(
            staff, b.id, clock, seen=door_actions.seen_now(staff, b.id)
        )
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


def test_the_coordinators_own_record_is_checked_as_a_volunteers_is(
    db: DbConfig, clock: FixedClock
) -> None:
    alex = _coordinator(clock, dbs=False)
    assert volunteers.own_dbs_missing(alex)
    wrong = {
        DbsData(): ["dbs_number"],  # asked for it: a blank form records nothing
        DbsData("12345", date(2025, 6, 1), DbsLevel.ENHANCED): ["dbs_number"],
        DbsData("001234567890", None, None): ["dbs_issued_on", "dbs_level"],
        DbsData("001234567890", date(2099, 1, 1), DbsLevel.BASIC): ["dbs_issued_on"],
    }
    for dbs, fields in wrong.items():
        with pytest.raises(FormError) as refused:
            volunteers.record_own_dbs(alex, dbs, clock)
        assert [p.field for p in refused.value.problems] == fields
    assert volunteers.own_dbs_missing(alex)
    right = DbsData("001234567890", date(2025, 6, 1), DbsLevel.ENHANCED, update_service=True)
    volunteers.record_own_dbs(alex, right, clock)
    assert not volunteers.own_dbs_missing(alex)
    assert volunteers.get_volunteer(alex, alex.id).dbs == right
    access.ensure_may_use_door(alex)
    # A volunteer's record is the co-ordinator's to keep, never their own to write.
    priya = make_volunteer(clock.now(), dbs=False)
    with pytest.raises(NotAllowed):
        volunteers.record_own_dbs(priya, right, clock)
