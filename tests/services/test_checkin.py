"""Check-in rules on a real database with a frozen clock (DESIGN.md section 2)."""

from __future__ import annotations

import pytest

from kiosk.clock import FixedClock
from kiosk.services.attendance import checkin
from kiosk.services.cards import tokens as cards
from kiosk.services.door import no_shows
from kiosk.services.scan import own_view
from kiosk.services.scan.rules import Outcome
from models import Alert, Attendance, Booking, BookingState, Case, DbConfig, Role
from tests.support.builders import DAY, TwoPartyCase, add_person, person

START = DAY.replace(hour=10)  # ends 12:00; visiting first by 09:45, hold until 12:15


def at(hour: int, minute: int = 0, second: int = 0) -> FixedClock:
    return FixedClock(DAY.replace(hour=hour, minute=minute, second=second))


def state(two_party_case: TwoPartyCase) -> str:
    return str(Booking.get_by_id(two_party_case.booking.id).state)


def alerts(kind: str) -> list[str]:
    return [a.message for a in Alert.select().where(Alert.kind == kind).order_by(Alert.id)]


def events() -> list[tuple[str, str, str]]:
    rows = Attendance.select().order_by(Attendance.at, Attendance.id)
    return [(r.person.first_name, r.kind, r.method) for r in rows]


def test_first_party_on_time_checks_in_and_is_sent_to_the_room(
    two_party_case: TwoPartyCase,
) -> None:
    out = checkin.scan(two_party_case.visiting, at(9, 45))
    assert out.outcome is Outcome.CHECKED_IN
    assert out.message.headline == "Welcome, Victor"
    assert out.message.lines == ("You are checked in at 09:45.", "Please go to the Blue Room.")
    assert events() == [("Victor", "in", "scan")]
    assert state(two_party_case) == BookingState.FIRST_IN
    assert Case.get_by_id(two_party_case.case.id).last_used_at == DAY.replace(hour=9, minute=45)
    assert alerts("early_arrival") == [] and alerts("keep_apart") == []


def test_early_first_party_waits_in_their_own_area_until_their_time(
    two_party_case: TwoPartyCase,
) -> None:
    out = checkin.scan(two_party_case.visiting, at(9, 20))
    assert out.outcome is Outcome.EARLY
    assert "please wait in the Front Lounge until 09:45" in out.message.text
    assert events() == [("Victor", "in", "scan")]
    assert alerts("early_arrival") == ["visiting adult of case CASE-1 arrived early; due at 09:45"]


def test_early_second_party_is_told_to_wait_and_the_door_to_keep_apart(
    two_party_case: TwoPartyCase,
) -> None:
    checkin.scan(two_party_case.visiting, at(9, 40))
    out = checkin.scan(two_party_case.resident, at(9, 50))
    assert out.outcome is Outcome.EARLY
    assert out.message.lines[1] == "You are early: please wait in the Garden Room until 10:00."
    assert "resident adult of case CASE-1 arrived early; due at 10:00" in alerts("early_arrival")
    assert alerts("keep_apart") == [
        "resident adult of case CASE-1 arrived while the other party is waiting: keep them apart"
    ]
    assert state(two_party_case) == BookingState.BOTH_IN
    assert no_shows.start_due_sessions(at(9, 59)) == 0
    assert no_shows.start_due_sessions(at(10, 0)) == 1
    assert state(two_party_case) == BookingState.IN_CONTACT


def test_second_party_on_time_starts_the_contact(two_party_case: TwoPartyCase) -> None:
    checkin.scan(two_party_case.visiting, at(9, 45))
    out = checkin.scan(two_party_case.resident, at(10, 0))
    assert out.outcome is Outcome.CHECKED_IN
    assert out.message.lines[1] == "Please wait in the Garden Room: a volunteer will come to you."
    assert state(two_party_case) == BookingState.IN_CONTACT
    assert alerts("keep_apart") == []


def test_first_party_arriving_after_the_second_is_a_keep_apart_alert(
    two_party_case: TwoPartyCase,
) -> None:
    checkin.scan(two_party_case.resident, at(10, 0))
    checkin.scan(two_party_case.visiting, at(10, 5))
    assert alerts("keep_apart") == [
        "visiting adult of case CASE-1 (first party) arrived after the other party: keep them apart"
    ]


def test_repeat_within_sixty_seconds_changes_nothing(two_party_case: TwoPartyCase) -> None:
    checkin.scan(two_party_case.visiting, at(9, 45))
    again = checkin.scan(two_party_case.visiting, at(9, 45, 59))
    assert again.outcome is Outcome.DUPLICATE
    assert again.message.lines == ("Your card was already read at 09:45.", "You are checked in.")
    assert events() == [("Victor", "in", "scan")]
    # A minute later the next scan is a real one: a check-out, held until 12:15.
    assert checkin.scan(two_party_case.visiting, at(9, 46)).outcome is Outcome.HOLD


def test_two_scans_at_the_same_instant_are_both_recorded(two_party_case: TwoPartyCase) -> None:
    clock = at(10, 0)
    first = checkin.scan(two_party_case.visiting, clock)
    second = checkin.scan(two_party_case.resident, clock)
    assert (first.outcome, second.outcome) == (Outcome.CHECKED_IN, Outcome.CHECKED_IN)
    assert sorted(events()) == [("Rosa", "in", "scan"), ("Victor", "in", "scan")]


def test_first_party_is_held_until_end_plus_hold_and_nothing_is_recorded(
    two_party_case: TwoPartyCase,
) -> None:
    checkin.scan(two_party_case.visiting, at(9, 45))
    checkin.scan(two_party_case.resident, at(10, 0))
    checkin.scan(two_party_case.resident, at(12, 0))
    assert state(two_party_case) == BookingState.SECOND_OUT
    held = checkin.scan(two_party_case.visiting, at(12, 5))
    assert held.outcome is Outcome.HOLD
    assert held.message.headline == "Please wait, Victor"
    assert "You may leave from 12:15." in held.message.lines[1]
    assert ("Victor", "out", "scan") not in events()
    assert alerts("departure_hold") == [
        "visiting adult of case CASE-1 asked to leave; may leave from 12:15"
    ]
    out = checkin.scan(two_party_case.visiting, at(12, 15))
    assert out.outcome is Outcome.CHECKED_OUT
    assert out.message.lines == ("You are checked out at 12:15.", "A volunteer will see you out.")
    assert state(two_party_case) == BookingState.CLOSED
    assert alerts("keep_apart") == []


def test_second_party_leaving_late_makes_the_door_hold_the_first(
    two_party_case: TwoPartyCase,
) -> None:
    checkin.scan(two_party_case.visiting, at(9, 45))
    checkin.scan(two_party_case.resident, at(10, 0))
    checkin.scan(two_party_case.resident, at(12, 10))
    out = checkin.scan(two_party_case.visiting, at(12, 16))
    # The parent is told only what follows from their own schedule...
    assert out.outcome is Outcome.CHECKED_OUT
    assert out.message.lines[1] == "A volunteer will see you out."
    # ...the door is told to hold them H after the other party left.
    assert alerts("keep_apart") == [
        "visiting adult of case CASE-1 (first party) is leaving: hold them at the door until 12:25"
    ]


def test_resident_may_step_out_and_come_back(two_party_case: TwoPartyCase) -> None:
    checkin.scan(two_party_case.visiting, at(9, 45))
    checkin.scan(two_party_case.resident, at(10, 0))
    out = checkin.scan(two_party_case.resident, at(10, 20))
    assert out.outcome is Outcome.CHECKED_OUT
    assert out.message.lines[1] == "If you are coming back, please be here by 12:00."
    assert state(two_party_case) == BookingState.IN_CONTACT
    assert checkin.scan(two_party_case.resident, at(11, 50)).outcome is Outcome.CHECKED_IN
    assert checkin.scan(two_party_case.resident, at(12, 0)).outcome is Outcome.CHECKED_OUT
    assert state(two_party_case) == BookingState.SECOND_OUT


def test_scanning_in_again_after_the_session_is_for_a_volunteer(
    two_party_case: TwoPartyCase,
) -> None:
    checkin.scan(two_party_case.resident, at(10, 0))
    checkin.scan(two_party_case.resident, at(12, 0))
    out = checkin.scan(two_party_case.resident, at(12, 30))
    assert out.outcome is Outcome.SPEAK_TO_VOLUNTEER
    assert alerts("scan_refused") == [
        "scanned in again after leaving, and the session has ended (resident adult of case CASE-1)"
    ]


@pytest.mark.parametrize("role", [Role.VISITING, Role.RESIDENT])
def test_first_scan_after_the_session_ended_is_for_a_volunteer(
    two_party_case: TwoPartyCase, role: Role
) -> None:
    code = two_party_case.visiting if role is Role.VISITING else two_party_case.resident
    out = checkin.scan(code, at(14, 30))
    assert out.outcome is Outcome.SPEAK_TO_VOLUNTEER
    assert out.message.text == "Please speak to a volunteer\nA volunteer at the door will help you."
    assert alerts("scan_refused") == [
        f"scanned in after the session ended at 12:00 ({role.value} adult of case CASE-1)"
    ]
    assert Attendance.select().count() == 0
    assert state(two_party_case) == BookingState.BOOKED


def test_first_party_may_still_check_out_after_the_end(two_party_case: TwoPartyCase) -> None:
    checkin.scan(two_party_case.visiting, at(9, 45))
    assert checkin.scan(two_party_case.visiting, at(12, 20)).outcome is Outcome.CHECKED_OUT
    assert checkin.scan(two_party_case.visiting, at(12, 40)).outcome is Outcome.SPEAK_TO_VOLUNTEER


def test_resident_first_case_swaps_the_timeline(two_party_case: TwoPartyCase) -> None:
    Case.update(first_party=Role.RESIDENT.value, arrival_gap_min=30).execute()
    assert checkin.scan(two_party_case.resident, at(9, 20)).outcome is Outcome.EARLY
    assert checkin.scan(two_party_case.visiting, at(10, 0)).outcome is Outcome.CHECKED_IN
    assert checkin.scan(two_party_case.visiting, at(12, 0)).outcome is Outcome.CHECKED_OUT
    assert checkin.scan(two_party_case.resident, at(12, 1)).outcome is Outcome.HOLD


def test_other_named_adult_checks_in_without_moving_the_booking(
    two_party_case: TwoPartyCase,
) -> None:
    gran = add_person(two_party_case.case, Role.ADULT, "Gran", DAY)
    code = cards.issue_card(gran.id, DAY)
    out = checkin.scan(code, at(9, 0))
    assert out.outcome is Outcome.CHECKED_IN
    assert out.message.lines[1] == "Please wait here: a volunteer will come to you."
    assert state(two_party_case) == BookingState.BOOKED
    assert checkin.scan(code, at(9, 30)).outcome is Outcome.CHECKED_OUT


@pytest.mark.parametrize(
    ("setup", "reason"),
    [
        ("unknown", "unknown card"),
        # A card replaced by a new one (every A4 sheet replaces the case's cards) names the
        # adult as other refusals do, not by a database number the door cannot look up.
        ("revoked", "revoked card (resident adult of case CASE-1)"),
        ("no_booking", "no booking today (resident adult of case CASE-1)"),
        ("cancelled", "today's booking is cancelled (resident adult of case CASE-1)"),
    ],
)
def test_refusals_ask_for_a_volunteer_and_tell_the_door_why(
    two_party_case: TwoPartyCase, setup: str, reason: str
) -> None:
    code = two_party_case.resident
    if setup == "unknown":
        code = cards.new_token()
    elif setup == "revoked":
        cards.issue_card(person(two_party_case.case, Role.RESIDENT).id, DAY)
    elif setup == "no_booking":
        Booking.update(starts_at=START.replace(day=22)).execute()
    elif setup == "cancelled":
        Booking.update(state=BookingState.CANCELLED.value).execute()
    out = checkin.scan(code, at(10, 0))
    assert out.outcome is Outcome.SPEAK_TO_VOLUNTEER
    assert out.message.text == "Please speak to a volunteer\nA volunteer at the door will help you."
    assert reason in out.console_reason
    assert any(reason in m for m in alerts("scan_refused"))
    assert Attendance.select().count() == 0


def test_malformed_code_is_neutral_and_alerts_once_a_minute(db: DbConfig) -> None:
    for second in (0, 10, 59):
        out = checkin.scan("hello\x1b[2J", at(10, 0, second))
        assert out.outcome is Outcome.NOT_A_CARD
        assert out.message.headline == "Sorry, that card could not be read"
    assert alerts("scan_refused") == ["not a kiosk card code"]
    checkin.scan("hello", at(10, 1, 0))
    assert len(alerts("scan_refused")) == 2


def test_no_shows_are_alerted_once_after_each_partys_grace(two_party_case: TwoPartyCase) -> None:
    assert no_shows.record_no_shows(at(9, 59)) == []
    first = no_shows.record_no_shows(at(10, 0))
    assert [a.message for a in first] == [
        "visiting adult of case CASE-1 has not arrived: due 09:45, grace 15 min"
    ]
    assert no_shows.record_no_shows(at(10, 5)) == []
    checkin.scan(two_party_case.visiting, at(10, 6))
    later = no_shows.record_no_shows(at(10, 15))
    assert [a.message for a in later] == [
        "resident adult of case CASE-1 has not arrived: due 10:00, grace 15 min"
    ]
    assert len(alerts("no_show")) == 2


def test_scanner_text_is_cleaned_before_it_is_read(two_party_case: TwoPartyCase) -> None:
    noisy = "\x02" + two_party_case.visiting.lower() + "\r\n\u200b"
    assert own_view.clean_scan(noisy) == two_party_case.visiting
    assert checkin.scan(noisy, at(9, 45)).outcome is Outcome.CHECKED_IN
    assert len(own_view.clean_scan("A" * 500)) == own_view.MAX_SCAN_LENGTH


def test_first_party_leaving_during_their_own_session_is_told_it_is_still_running(
    two_party_case: TwoPartyCase,
) -> None:
    # Failed before: told "You may leave from 12:15. Please wait in the waiting area", which
    # sent the visiting parent out of the contact room for over an hour.
    checkin.scan(two_party_case.visiting, at(9, 45))
    held = checkin.scan(two_party_case.visiting, at(10, 50))
    assert held.outcome is Outcome.HOLD
    assert held.message.headline == "Please wait, Victor"
    said = held.message.text
    assert "Your session is still running, until 12:00." in said
    assert "If you must leave early, a volunteer can help." in said
    assert "You may leave from" not in said and "Please wait in the" not in said
    assert ("Victor", "out", "scan") not in events()


def test_a_repeat_scan_after_leaving_one_session_does_not_check_in_for_the_next(
    two_party_case: TwoPartyCase,
) -> None:
    # Two sessions today: the card read twice on the way out of the first (after its hold)
    # is a repeat, not an early arrival for the second.
    first = two_party_case.booking
    Booking.create(
        case=first.case,
        room=first.room,
        starts_at=DAY.replace(hour=14),
        ends_at=DAY.replace(hour=16),
        service=first.service,
        created_at=first.created_at,
    )
    checkin.scan(two_party_case.visiting, at(9, 45))
    out = checkin.scan(two_party_case.visiting, at(12, 30))
    assert out.outcome is Outcome.CHECKED_OUT
    again = checkin.scan(two_party_case.visiting, at(12, 30, 20))
    assert again.outcome is Outcome.DUPLICATE
    assert events() == [("Victor", "in", "scan"), ("Victor", "out", "scan")]
