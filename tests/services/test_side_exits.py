"""After a side exit: those not in are turned away, anyone still in checks out as usual."""

from __future__ import annotations

from datetime import datetime

import pytest

from kiosk.clock import FixedClock
from kiosk.services.attendance import checkin
from kiosk.services.cards import tokens as cards
from kiosk.services.door import actions as door_actions
from kiosk.services.door import manual as door_manual
from kiosk.services.door import roll_call
from kiosk.services.door.access import DoorError
from kiosk.services.door.actions import CancelledBy, EndedEarly
from kiosk.services.release import exports
from kiosk.services.scan.rules import Outcome
from models import Attendance, DbConfig, Person, Role
from tests.support.builders import CardDay, card_day, person

DAY = datetime(2026, 11, 21)
START = DAY.replace(hour=10)  # ends 12:00; the visiting parent is first, due 09:45


@pytest.fixture
def day(db: DbConfig) -> CardDay:
    return card_day("CASE-S")


def at(hour: int, minute: int = 0) -> FixedClock:
    return FixedClock(DAY.replace(hour=hour, minute=minute))


def export_row(day: CardDay, party: Role, now: datetime) -> tuple[str, str, str]:
    rows = exports.attendance_rows(day.case.ref, DAY.date(), DAY.date(), now)
    row = next(r for r in rows if r.party == party.value)
    return row.arrived, row.left, row.outcome


def inside(day: CardDay, clock: FixedClock) -> set[str]:
    return {p.name for p in roll_call.roll_call(day.staff, clock).people if p.kind != "staff"}


def test_the_visiting_parent_checks_out_after_the_resident_is_a_no_show(day: CardDay) -> None:
    assert checkin.scan(day.codes[Role.VISITING], at(9, 45)).outcome is Outcome.CHECKED_IN
    door_actions.no_show(day.staff, day.booking.id, Role.RESIDENT.value, at(10, 20))
    out = checkin.scan(day.codes[Role.VISITING], at(10, 25))
    # Their own usual words for leaving, not "please speak to a volunteer".
    assert out.outcome is Outcome.CHECKED_OUT
    assert out.message.text == (
        "Goodbye, Victor\nYou are checked out at 10:25.\nA volunteer will see you out."
    )
    assert export_row(day, Role.VISITING, at(13).now()) == ("09:45", "10:25", "attended")
    assert inside(day, at(10, 30)) == set()
    # The session is over for them now: a further scan is for a volunteer.
    again = checkin.scan(day.codes[Role.VISITING], at(10, 40))
    assert again.outcome is Outcome.SPEAK_TO_VOLUNTEER


def test_the_no_show_parent_is_still_turned_away(day: CardDay) -> None:
    checkin.scan(day.codes[Role.VISITING], at(9, 45))
    door_actions.no_show(day.staff, day.booking.id, Role.RESIDENT.value, at(10, 20))
    late = checkin.scan(day.codes[Role.RESIDENT], at(10, 30))
    assert late.outcome is Outcome.SPEAK_TO_VOLUNTEER
    assert "no show" in late.console_reason
    assert (
        not Attendance.select().where(Attendance.person == person(day.case, Role.RESIDENT)).exists()
    )


def test_check_out_by_name_after_a_no_show(day: CardDay) -> None:
    victor = person(day.case, Role.VISITING)
    checkin.scan(day.codes[Role.VISITING], at(9, 45))
    door_actions.no_show(day.staff, day.booking.id, Role.RESIDENT.value, at(10, 20))
    done = door_manual.manual_check(day.staff, victor.id, "forgot card", at(10, 25), intended="out")
    assert done.kind == "out"
    assert export_row(day, Role.VISITING, at(13).now())[1] == "10:25"


@pytest.mark.parametrize("how", list(EndedEarly))
def test_both_parents_check_out_after_the_session_is_ended_early(
    day: CardDay, how: EndedEarly
) -> None:
    checkin.scan(day.codes[Role.VISITING], at(9, 45))
    checkin.scan(day.codes[Role.RESIDENT], at(10, 0))
    door_actions.end_early(day.staff, day.booking.id, how, "child unwell", at(10, 30))
    assert inside(day, at(10, 31)) == {"Rosa", "Victor", "Mia"}
    rosa = checkin.scan(day.codes[Role.RESIDENT], at(10, 35))
    # Not asked to come back: the session is over.
    assert (
        rosa.message.text == "Goodbye, Rosa\nYou are checked out at 10:35.\nThank you for coming."
    )
    # The first party is not held until 12:15 for a session that ended at 10:30.
    victor = checkin.scan(day.codes[Role.VISITING], at(10, 40))
    assert victor.outcome is Outcome.CHECKED_OUT
    assert export_row(day, Role.RESIDENT, at(13).now())[:2] == ("10:00", "10:35")
    assert export_row(day, Role.VISITING, at(13).now())[:2] == ("09:45", "10:40")
    assert inside(day, at(10, 41)) == set()


def test_an_adult_in_before_a_cancellation_checks_out(day: CardDay) -> None:
    gran = Person.create(
        case=day.case, role=Role.ADULT.value, first_name="Gran", created_at=DAY, last_used_at=DAY
    )
    code = cards.issue_card(gran.id, DAY)
    checkin.scan(code, at(9, 30))
    door_actions.cancel(day.staff, day.booking.id, CancelledBy.CENTRE, True, at(9, 40))
    assert checkin.scan(code, at(9, 50)).outcome is Outcome.CHECKED_OUT
    assert "Gran" not in inside(day, at(9, 51))
    # Nobody else may check in to a cancelled session.
    refused = checkin.scan(day.codes[Role.VISITING], at(9, 55))
    assert refused.outcome is Outcome.SPEAK_TO_VOLUNTEER
    with pytest.raises(DoorError, match="cancelled"):
        door_manual.manual_check(
            day.staff, person(day.case, Role.RESIDENT).id, "forgot card", at(9, 56), intended="in"
        )


@pytest.mark.parametrize("how", list(EndedEarly))
def test_a_parent_not_yet_due_when_the_centre_ended_the_session_is_not_a_non_attender(
    day: CardDay, how: EndedEarly
) -> None:
    # The visiting parent arrived; the centre ended the session at 09:50, before the
    # resident was due at 10:00. The referrer (and the court) read "did not attend".
    checkin.scan(day.codes[Role.VISITING], at(9, 45))
    door_actions.end_early(day.staff, day.booking.id, how, "room flooded", at(9, 50))
    assert export_row(day, Role.RESIDENT, at(13).now()) == ("", "", "cancelled by centre")
    assert export_row(day, Role.VISITING, at(13).now())[2] == "attended"


@pytest.mark.parametrize("how", list(EndedEarly))
def test_a_parent_past_their_grace_when_the_session_ended_did_not_attend(
    day: CardDay, how: EndedEarly
) -> None:
    checkin.scan(day.codes[Role.VISITING], at(9, 45))
    # Due 10:00, 15 minutes' grace: at 10:30 the resident had not come.
    door_actions.end_early(day.staff, day.booking.id, how, "resident never came", at(10, 30))
    assert export_row(day, Role.RESIDENT, at(13).now())[2] == "did not attend"
