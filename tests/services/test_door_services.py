"""The door console's services: the board, acts at the door, masking, roll call."""

from __future__ import annotations

import stat
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from peewee import IntegrityError

from kiosk.clock import FixedClock
from kiosk.services.door import actions as door_actions
from kiosk.services.door import board as door_board
from kiosk.services.door import logbooks, roll_call
from kiosk.services.door import manual as door_manual
from kiosk.services.door.access import CaseMasked, DoorError
from kiosk.services.door.actions import CancelledBy, EndedEarly
from kiosk.services.door.logbooks import AccidentReport
from kiosk.services.staff import auth
from kiosk.services.staff.auth import StaffMember
from models import (
    AccidentEntry,
    Alert,
    Attendance,
    AuditEntry,
    Booking,
    BookingEvent,
    BookingState,
    DbConfig,
    Incident,
    Role,
)
from tests.support.builders import PIN, declare, door_day, make_volunteer, person, scan_in

TEN = datetime(2026, 11, 21, 10, 0)


def test_board_shows_todays_bookings_with_countdowns(
    volunteer: StaffMember, clock: FixedClock
) -> None:
    ba, _ = door_day(clock.now())
    clock.set(TEN - timedelta(minutes=20))
    board = door_board.today(volunteer, clock)
    assert [r.case_ref for r in board.rows] == ["CASE-A", "CASE-B"]
    row = board.rows[0]
    assert row.risk_flag == "risk order"
    assert "new address" not in repr(board)  # the flag, never the notes
    resident, visiting = row.parties
    assert (visiting.first_name, visiting.first, visiting.note) == ("Victor", True, "due in 5m")
    assert (resident.first_name, resident.note) == ("Rosa", "due in 20m")
    assert row.children == ("Mia",)
    scan_in(ba, Role.VISITING, TEN - timedelta(minutes=15))
    clock.set(ba.ends_at + timedelta(minutes=5))
    scan_in(ba, Role.RESIDENT, TEN)
    visiting = door_board.today(volunteer, clock).rows[0].parties[1]
    assert (visiting.status, visiting.note) == ("in", "hold 10m")


def test_board_never_shows_contact_details(volunteer: StaffMember, clock: FixedClock) -> None:
    door_day(clock.now())
    text = repr(door_board.today(volunteer, clock))
    for secret in ("Rosason", "07700", "@example", "Street", "ZZ1"):
        assert secret not in text


def test_emergency_phone_only_while_resident_stepped_out(
    volunteer: StaffMember, clock: FixedClock
) -> None:
    ba, _ = door_day(clock.now())
    person(ba.case, Role.RESIDENT).update(emergency_phone="07700 900555").execute()
    clock.set(TEN + timedelta(minutes=30))
    scan_in(ba, Role.RESIDENT, TEN)
    assert door_board.today(volunteer, clock).rows[0].emergency_phone == ""
    scan_in(ba, Role.RESIDENT, TEN + timedelta(minutes=20), "out")
    assert door_board.today(volunteer, clock).rows[0].emergency_phone == "07700 900555"
    clock.set(ba.ends_at)  # the session is over: the phone goes
    assert door_board.today(volunteer, clock).rows[0].emergency_phone == ""


def test_known_case_is_masked_and_refused(volunteer: StaffMember, clock: FixedClock) -> None:
    ba, _ = door_day(clock.now())
    other = make_volunteer(clock.now(), "Tom Hughes")
    declare(volunteer, ba.case, clock.now())
    Alert.create(case=ba.case, booking=ba, kind="early_arrival", message="x", created_at=TEN)
    row = door_board.today(volunteer, clock).rows[0]
    assert row.masked and row.parties == () and row.children == () and row.case_ref != "CASE-A"
    assert door_board.today(volunteer, clock).alerts == ()
    assert door_manual.search(volunteer, "Rosa", clock) == []
    rosa = person(ba.case, Role.RESIDENT)
    with pytest.raises(CaseMasked):
        door_manual.manual_check(volunteer, rosa.id, "forgot card", clock, intended="in")
    with pytest.raises(CaseMasked):
        door_actions.cancel(volunteer, ba.id, CancelledBy.CENTRE, True, clock)
    with pytest.raises(CaseMasked):
        logbooks.incident(volunteer, ba.id, "concern", clock)
    alert_id = Alert.get().id
    with pytest.raises(CaseMasked):
        door_actions.acknowledge_alert(volunteer, alert_id, clock)
    # Another volunteer sees it and may act.
    assert not door_board.today(other, clock).rows[0].masked
    door_actions.acknowledge_alert(other, alert_id, clock)


def test_alert_acknowledgement_is_logged(volunteer: StaffMember, clock: FixedClock) -> None:
    alert = Alert.create(kind="scan_refused", message="unknown card", created_at=clock.now())
    assert [a.id for a in door_board.today(volunteer, clock).alerts] == [alert.id]
    door_actions.acknowledge_alert(volunteer, alert.id, clock)
    row = Alert.get_by_id(alert.id)
    assert row.acknowledged_by_id == volunteer.id and row.acknowledged_at == clock.now()
    entry = AuditEntry.get(AuditEntry.action == "alert_acknowledged")
    assert entry.actor_id == volunteer.id and entry.target == f"alert:{alert.id}"
    assert door_board.today(volunteer, clock).alerts == ()


def test_manual_check_in_and_out_by_name(volunteer: StaffMember, clock: FixedClock) -> None:
    door_day(clock.now())
    assert door_manual.search(volunteer, "r", clock) == []  # too short to search
    hits = door_manual.search(volunteer, "rosas", clock)  # surname finds, never shown
    assert [(h.first_name, h.case_ref, h.status) for h in hits] == [("Rosa", "CASE-A", "out")]
    assert "Rosason" not in repr(hits)
    with pytest.raises(DoorError):
        door_manual.manual_check(volunteer, hits[0].person_id, "  ", clock, intended="in")
    result = door_manual.manual_check(
        volunteer, hits[0].person_id, "forgot card", clock, intended="in"
    )
    assert result.kind == "in"
    row = Attendance.get()
    assert (row.method, row.reason, row.recorded_by_id) == ("manual", "forgot card", volunteer.id)
    clock.advance(minutes=5)
    assert (
        door_manual.manual_check(
            volunteer, hits[0].person_id, "forgot card", clock, intended="out"
        ).kind
        == "out"
    )
    assert AuditEntry.select().where(AuditEntry.action.startswith("manual_check")).count() == 2


def test_handover_and_return_record_who(volunteer: StaffMember, clock: FixedClock) -> None:
    ba, _ = door_day(clock.now())
    with pytest.raises(DoorError):
        door_actions.children_handed_over(
            volunteer, ba.id, clock, seen=door_actions.seen_now(volunteer, ba.id)
        )
    Booking.update(state=BookingState.BOTH_IN.value).execute()
    door_actions.children_handed_over(
        volunteer, ba.id, clock, seen=door_actions.seen_now(volunteer, ba.id)
    )
    with pytest.raises(DoorError):
        door_actions.children_handed_over(
            volunteer, ba.id, clock, seen=door_actions.seen_now(volunteer, ba.id)
        )
    clock.advance(hours=2)
    door_actions.children_returned(
        volunteer, ba.id, clock, seen=door_actions.seen_now(volunteer, ba.id)
    )
    events = [(e.kind, e.by_id) for e in BookingEvent.select().order_by(BookingEvent.id)]
    assert events == [("handed_over", volunteer.id), ("returned", volunteer.id)]
    assert Booking.get_by_id(ba.id).state == BookingState.CHILDREN_RETURNED.value
    row = door_board.today(volunteer, clock).rows[0]
    assert row.handed_over_at == datetime(2026, 11, 21, 9, 0) and row.returned_at == clock.now()


def test_no_show_and_cancellation(volunteer: StaffMember, clock: FixedClock) -> None:
    ba, bb = door_day(clock.now())
    scan_in(ba, Role.VISITING, TEN)
    clock.set(TEN + timedelta(minutes=15))
    with pytest.raises(DoorError):
        door_actions.no_show(volunteer, ba.id, Role.VISITING, clock)
    door_actions.no_show(volunteer, ba.id, Role.RESIDENT, clock)
    ba = Booking.get_by_id(ba.id)
    assert (ba.state, ba.outcome_party) == (BookingState.NO_SHOW.value, "resident")
    door_actions.cancel(volunteer, bb.id, CancelledBy.CENTRE, False, clock)
    bb = Booking.get_by_id(bb.id)
    assert (bb.state, bb.outcome_party, bb.with_notice) == ("cancelled", "centre", "no")
    with pytest.raises(DoorError):
        door_actions.cancel(volunteer, bb.id, CancelledBy.CENTRE, False, clock)
    assert {e.by_id for e in BookingEvent.select()} == {volunteer.id}


def test_curtailed_or_terminated_needs_a_reason(volunteer: StaffMember, clock: FixedClock) -> None:
    ba, _ = door_day(clock.now())
    with pytest.raises(DoorError):  # nobody has arrived yet
        door_actions.end_early(volunteer, ba.id, EndedEarly.CURTAILED, "child unwell", clock)
    Booking.update(state=BookingState.IN_CONTACT.value).execute()
    with pytest.raises(DoorError):
        door_actions.end_early(volunteer, ba.id, EndedEarly.TERMINATED, "", clock)
    door_actions.end_early(volunteer, ba.id, EndedEarly.TERMINATED, "raised voices", clock)
    ba = Booking.get_by_id(ba.id)
    assert (ba.state, ba.outcome_reason) == ("terminated", "raised voices")
    event = BookingEvent.get(BookingEvent.kind == "terminated")
    assert (event.by_id, event.reason) == (volunteer.id, "raised voices")


def test_incident_and_append_only_accident_book(volunteer: StaffMember, clock: FixedClock) -> None:
    ba, _ = door_day(clock.now())
    iid = logbooks.incident(volunteer, ba.id, "child said something worrying", clock)
    row = Incident.get_by_id(iid)
    assert (row.case_id, row.recorded_by_id) == (ba.case_id, volunteer.id)
    first = logbooks.accident(volunteer, AccidentReport("Ben", "tripped in the hall"), clock)
    fix = logbooks.accident(
        volunteer, AccidentReport("Ben", "tripped on the stairs", corrects=first), clock
    )
    assert AccidentEntry.get_by_id(fix).corrects_id == first
    assert AccidentEntry.get_by_id(first).recorded_by_name == "Priya Shah"
    with pytest.raises(IntegrityError):
        AccidentEntry.update(description="changed").where(AccidentEntry.id == first).execute()
    with pytest.raises(DoorError):
        logbooks.accident(volunteer, AccidentReport("Ben", "x", corrects=999), clock)
    assert [a.id for a in logbooks.recent_accidents()] == [fix, first]


def test_roll_call_lists_everyone_on_the_premises(
    volunteer: StaffMember, clock: FixedClock, tmp_path: Path
) -> None:
    ba, bb = door_day(clock.now())
    assert auth.sign_in(volunteer.name, PIN, clock).ok
    clock.set(TEN + timedelta(minutes=5))
    scan_in(ba, Role.VISITING, TEN - timedelta(minutes=15))
    scan_in(ba, Role.RESIDENT, TEN)
    call = roll_call.roll_call(volunteer, clock)
    names = sorted((p.name, p.kind) for p in call.people)
    assert names == [
        ("Mia", "child"),
        ("Priya", "staff"),
        ("Rosa", "resident"),
        ("Victor", "visiting"),
    ]
    # The resident steps out after the handover: the child stays on the roll.
    Booking.update(state=BookingState.BOTH_IN.value).where(Booking.id == ba.id).execute()
    door_actions.children_handed_over(
        volunteer, ba.id, clock, seen=door_actions.seen_now(volunteer, ba.id)
    )
    scan_in(ba, Role.RESIDENT, TEN + timedelta(minutes=5), "out")
    assert {p.name for p in roll_call.roll_call(volunteer, clock).people} >= {"Mia", "Victor"}
    path = roll_call.write(volunteer, roll_call.roll_call(volunteer, clock), tmp_path, clock)
    text = path.read_text(encoding="utf-8")
    assert "Mia" in text and "Victor" in text and "Rosa" not in text
    for secret in ("Victorson", "07700", "@example", "Street", "ZZ1", "CASE-A"):
        assert secret not in text
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    roll_call.off_duty(volunteer, clock)
    assert "Priya" not in {p.name for p in roll_call.roll_call(volunteer, clock).people}
    del bb


def _a_known_family_in(volunteer: StaffMember, clock: FixedClock) -> Booking:
    """CASE-A, which the volunteer knows, all in at 10:05; returns CASE-B's booking."""
    ba, bb = door_day(clock.now())
    declare(volunteer, ba.case, clock.now())
    clock.set(TEN + timedelta(minutes=5))
    scan_in(ba, Role.VISITING, TEN - timedelta(minutes=15))
    scan_in(ba, Role.RESIDENT, TEN)
    return bb


def test_roll_call_counts_a_known_family_without_role_room_or_time(
    volunteer: StaffMember, clock: FixedClock, tmp_path: Path
) -> None:
    bb = _a_known_family_in(volunteer, clock)
    scan_in(bb, Role.RESIDENT, TEN)
    call = roll_call.roll_call(volunteer, clock)
    rows = [(p.name, p.kind, p.room, p.since) for p in call.people]
    # The family the volunteer knows: how many, never who, where or since when.
    assert rows[-1] == ("2 adults, 1 child: known to you", "", "", None)
    assert ("Sara", "resident", "Green Room", TEN) in rows
    assert call.count == 6  # Rosa, Victor, Mia; Sara, Ben, Ada
    for shown in rows:
        assert not {"Rosa", "Victor", "Mia", "Blue Room"} & set(map(str, shown))


def test_manual_check_in_follows_the_scan_rules(volunteer: StaffMember, clock: FixedClock) -> None:
    ba, _ = door_day(clock.now())
    victor, rosa = person(ba.case, Role.VISITING), person(ba.case, Role.RESIDENT)
    clock.set(TEN - timedelta(minutes=15))
    door_manual.manual_check(volunteer, victor.id, "forgot card", clock, intended="in")
    assert Booking.get_by_id(ba.id).state == BookingState.FIRST_IN.value
    clock.set(TEN)
    door_manual.manual_check(volunteer, rosa.id, "forgot card", clock, intended="in")
    assert Booking.get_by_id(ba.id).state == BookingState.IN_CONTACT.value
    # The first party leaving while the other is in: the door is told to keep them apart.
    clock.set(TEN + timedelta(minutes=30))
    assert (
        door_manual.manual_check(volunteer, victor.id, "needs to go", clock, intended="out").kind
        == "out"
    )
    assert Alert.select().where(Alert.kind == "keep_apart").exists()
    assert {a.method for a in Attendance.select()} == {"manual"}
    assert {a.recorded_by_id for a in Attendance.select()} == {volunteer.id}


def test_no_show_alert_is_raised_once_even_after_acknowledgement(
    volunteer: StaffMember, clock: FixedClock
) -> None:
    door_day(clock.now())
    clock.set(TEN + timedelta(minutes=20))  # the visiting parent was due at 09:45
    door_board.tick(clock)
    alerts = door_board.today(volunteer, clock).alerts
    assert [a.kind for a in alerts] == ["no_show", "no_show"]  # both parents now overdue
    for a in alerts:
        door_actions.acknowledge_alert(volunteer, a.id, clock)
    clock.advance(minutes=1)
    door_board.tick(clock)
    assert door_board.today(volunteer, clock).alerts == ()


def test_tick_starts_sessions_when_both_are_in(db: DbConfig, clock: FixedClock) -> None:
    ba, _ = door_day(clock.now())
    Booking.update(state=BookingState.BOTH_IN.value).where(Booking.id == ba.id).execute()
    clock.set(TEN)
    door_board.tick(clock)
    assert Booking.get_by_id(ba.id).state == BookingState.IN_CONTACT.value
