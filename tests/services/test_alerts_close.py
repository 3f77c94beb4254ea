"""Alerts that no longer hold close themselves, and the alert history says why."""

from __future__ import annotations

from datetime import datetime

import pytest

from kiosk.clock import FixedClock
from kiosk.services.attendance import alerts, checkin
from kiosk.services.door import board as door_board
from kiosk.services.door import manual as door_manual
from models import DbConfig, Role
from tests.support.builders import CardDay, card_day, person

DAY = datetime(2026, 11, 21)
START = DAY.replace(hour=10)  # ends 12:00; the visiting parent is first, due 09:45, hold 15


@pytest.fixture
def day(db: DbConfig) -> CardDay:
    return card_day("CASE-AL")


def at(hour: int, minute: int = 0) -> FixedClock:
    return FixedClock(DAY.replace(hour=hour, minute=minute))


def scans(day: CardDay, *steps: tuple[Role, int, int]) -> None:
    """Each parent's card scanned at the kiosk at each (hour, minute), in order."""
    for role, hour, minute in steps:
        checkin.scan(day.codes[role], at(hour, minute))


def on_board(day: CardDay, clock: FixedClock) -> list[str]:
    """The open alerts' messages after the console's timer has run, as the console shows them."""
    door_board.tick(clock)
    return [a.message for a in door_board.today(day.staff, clock).alerts]


def closed(kind: str) -> list[tuple[str, str]]:
    return [
        (a.message, a.closed_reason)
        for a in alerts.history(DAY, DAY.replace(hour=23))
        if a.kind == kind and a.closed_at is not None
    ]


def test_a_no_show_alert_closes_when_that_parent_arrives(day: CardDay) -> None:
    assert len(on_board(day, at(10, 20))) == 2  # both parents overdue
    checkin.scan(day.codes[Role.VISITING], at(10, 22))
    assert on_board(day, at(10, 22)) == [
        "resident adult of case CASE-AL has not arrived: due 10:00, grace 15 min"
    ]
    assert closed("no_show") == [
        (
            "visiting adult of case CASE-AL has not arrived: due 09:45, grace 15 min",
            "the visiting parent arrived at 10:22",
        )
    ]


def test_a_no_show_alert_closes_on_a_check_in_by_name(day: CardDay) -> None:
    on_board(day, at(10, 20))
    rosa = person(day.case, Role.RESIDENT)
    door_manual.manual_check(day.staff, rosa.id, "forgot card", at(10, 25), intended="in")
    alert = "resident adult of case CASE-AL has not arrived: due 10:00, grace 15 min"
    assert closed("no_show") == [(alert, "the resident parent arrived at 10:25")]


def test_a_departure_hold_alert_closes_when_the_hold_ends(day: CardDay) -> None:
    scans(day, (Role.VISITING, 9, 45), (Role.RESIDENT, 10, 0), (Role.RESIDENT, 12, 0))
    checkin.scan(day.codes[Role.VISITING], at(12, 5))  # asked to leave during the hold
    held = "visiting adult of case CASE-AL asked to leave; may leave from 12:15"
    assert on_board(day, at(12, 14)) == [held]
    assert on_board(day, at(12, 15)) == []
    assert closed("departure_hold") == [(held, "the hold ended at 12:15")]


def test_a_departure_hold_alert_closes_when_a_volunteer_lets_them_out(day: CardDay) -> None:
    checkin.scan(day.codes[Role.VISITING], at(9, 45))
    checkin.scan(day.codes[Role.VISITING], at(11, 0))  # held until 12:15
    victor = person(day.case, Role.VISITING)
    door_manual.manual_check(day.staff, victor.id, "unwell", at(11, 5), intended="out")
    held = "visiting adult of case CASE-AL asked to leave; may leave from 12:15"
    assert closed("departure_hold") == [(held, "checked out at 11:05")]


def test_a_keep_apart_hold_at_the_door_closes_at_its_time(day: CardDay) -> None:
    scans(
        day,
        (Role.VISITING, 9, 45),
        (Role.RESIDENT, 10, 0),
        (Role.RESIDENT, 12, 10),
        (Role.VISITING, 12, 16),
    )
    hold = (
        "visiting adult of case CASE-AL (first party) is leaving: hold them at the door until 12:25"
    )
    assert on_board(day, at(12, 24)) == [hold]
    assert on_board(day, at(12, 25)) == []
    assert closed("keep_apart") == [(hold, "the hold ended at 12:25")]


def test_keep_apart_closes_a_hold_after_one_of_the_two_has_left(day: CardDay) -> None:
    checkin.scan(day.codes[Role.VISITING], at(9, 30))
    checkin.scan(day.codes[Role.RESIDENT], at(9, 50))  # both waiting: keep them apart
    apart = (
        "resident adult of case CASE-AL arrived while the other party is waiting: keep them apart"
    )
    assert apart in on_board(day, at(9, 55))
    checkin.scan(day.codes[Role.RESIDENT], at(10, 30))  # the resident steps out
    assert apart in on_board(day, at(10, 44))
    assert apart not in on_board(day, at(10, 45))
    assert (apart, "the hold ended at 10:45") in closed("keep_apart")


def test_an_acknowledged_alert_is_not_closed_again(day: CardDay) -> None:
    from kiosk.services.door import actions as door_actions

    on_board(day, at(10, 20))
    for a in door_board.today(day.staff, at(10, 20)).alerts:
        door_actions.acknowledge_alert(day.staff, a.id, at(10, 21))
    checkin.scan(day.codes[Role.VISITING], at(10, 22))
    assert closed("no_show") == []
    history = alerts.history(DAY, DAY.replace(hour=23))
    assert {a.acknowledged_at for a in history} == {at(10, 21).now()}


def test_no_show_alerts_close_when_the_session_is_called_off(day: CardDay) -> None:
    from kiosk.services.door import actions as door_actions

    checkin.scan(day.codes[Role.VISITING], at(9, 45))
    assert len(on_board(day, at(10, 20))) == 1  # the resident is overdue
    door_actions.no_show(day.staff, day.case.bookings[0].id, Role.RESIDENT.value, at(10, 21))
    assert on_board(day, at(10, 21)) == []
    assert closed("no_show") == [
        (
            "resident adult of case CASE-AL has not arrived: due 10:00, grace 15 min",
            "the session was recorded as no show",
        )
    ]
