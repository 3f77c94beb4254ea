"""Acts ahead of the day: a case's sessions, cancelling, moving, the rest of a series."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from pathlib import Path

import pytest

from kiosk.cli import main
from kiosk.clock import FixedClock
from kiosk.services.cases import bookings
from kiosk.services.cases import case_file as cases
from kiosk.services.cases.booking_rules import NewBooking
from kiosk.services.cases.bookings import BookingRequest, Repeat
from kiosk.services.diary import acts, sessions
from kiosk.services.diary.acts import Move
from kiosk.services.diary.sessions import DiaryError
from kiosk.services.release import exports
from kiosk.services.staff.auth import StaffMember
from models import AuditEntry, Booking, BookingEvent, DbConfig, Service
from tests.support.builders import make_booking, make_case, sample_file
from tests.support.files import write

FIRST = datetime(2026, 11, 25, 10, 0)


@pytest.fixture
def series(coordinator: StaffMember, clock: FixedClock) -> list[int]:
    """Case A, fortnightly from Wed 25 Nov 2026 10:00-12:00 in the Blue Room: five sessions
    (no closed day falls on them)."""
    cases.save_case(sample_file("A"), coordinator, clock)
    first = NewBooking("A", FIRST, FIRST + timedelta(hours=2), "Blue Room", Service.SUPPORTED)
    request = BookingRequest(first, Repeat.FORTNIGHTLY, date(2027, 1, 20))
    return list(bookings.book(request, clock.now(), actor=coordinator).booking_ids)


def test_a_case_s_sessions_past_and_future(series: list[int], clock: FixedClock) -> None:
    case = make_case("OLD", clock.now())
    past = make_booking(case, clock.now() - timedelta(days=14))
    past.state, past.outcome_party = "no_show", "visiting"
    past.save()
    assert [s.outcome for s in sessions.case_sessions("OLD")] == ["no-show (visiting)"]
    found = sessions.case_sessions("A", date(2026, 12, 9), date(2026, 12, 23))
    assert [(s.starts_at.day, s.times, s.room, s.outcome) for s in found] == [
        (9, "10:00-12:00", "Blue Room", "booked"),
        (23, "10:00-12:00", "Blue Room", "booked"),
    ]
    with pytest.raises(DiaryError, match="no case 'NOPE'"):
        sessions.case_sessions("NOPE")


def test_cancel_ahead_of_the_day_as_the_door_would(
    series: list[int], coordinator: StaffMember, clock: FixedClock
) -> None:
    done = acts.cancel(
        series[1], "resident", True, clock.now(), reason="child unwell", actor=coordinator
    )
    assert done.outcome == "cancelled by resident, with notice"
    booking = Booking.get_by_id(series[1])
    assert (booking.state, booking.outcome_party, booking.with_notice) == (
        "cancelled",
        "resident",
        "yes",
    )
    event = BookingEvent.get(BookingEvent.booking == series[1])
    assert (event.kind, event.by.id, event.at) == ("cancelled", coordinator.id, clock.now())
    assert event.reason == "by resident, notice: yes; child unwell"
    entry = AuditEntry.get(AuditEntry.action == "session_cancelled")
    assert entry.target == f"booking:{series[1]}" and "unwell" not in entry.detail
    with pytest.raises(DiaryError, match="cancelled by resident"):
        acts.cancel(series[1], "centre", False, clock.now())
    with pytest.raises(DiaryError, match="cancelled by centre, resident, visiting"):
        acts.cancel(series[2], "grandma", False, clock.now())


def test_the_export_reads_a_cancellation_ahead_as_one_at_the_door(
    series: list[int], clock: FixedClock
) -> None:
    acts.cancel(series[0], "centre", False, clock.now())
    clock.advance(days=8)
    rows = exports.attendance_rows("A", date(2026, 11, 1), date(2026, 11, 30), clock.now())
    assert {r.outcome for r in rows} == {"cancelled by centre"}


def test_a_session_someone_arrived_for_or_that_ended_is_not_changed(
    series: list[int], clock: FixedClock
) -> None:
    booking = Booking.get_by_id(series[0])
    booking.state = "first_in"
    booking.save()
    with pytest.raises(DiaryError, match="nobody has arrived"):
        acts.cancel(series[0], "centre", True, clock.now())
    clock.advance(days=60)
    with pytest.raises(DiaryError, match="already ended"):
        acts.move(series[1], Move(room="Green Room"), clock.now())


def test_cancel_the_rest_of_a_series(series: list[int], clock: FixedClock) -> None:
    acts.cancel(series[3], "centre", True, clock.now())
    done = acts.cancel_rest_of_series(series[2], "visiting", False, clock.now())
    assert [s.id for s in done] == [series[2], series[4]]
    states = [Booking.get_by_id(i).state for i in series]
    assert states == ["booked", "booked", "cancelled", "cancelled", "cancelled"]
    assert Booking.get_by_id(series[3]).outcome_party == "centre"  # left as it was
    single = make_booking(make_case("B", clock.now()), FIRST + timedelta(days=1))
    with pytest.raises(DiaryError, match="not booked as part of a series"):
        acts.cancel_rest_of_series(single.id, "centre", True, clock.now())


def test_move_passes_every_booking_check(
    series: list[int], coordinator: StaffMember, clock: FixedClock
) -> None:
    other = make_case("B", clock.now())
    make_booking(other, datetime(2026, 12, 9, 13, 0), room="Green Room")
    # The Green Room is B's at 13:00: refused, nothing changes.
    clash = acts.move(series[1], Move(start=time(12, 0), room="Green Room"), clock.now())
    assert clash.moved is None and any("Green Room is booked" in r for r in clash.refusals)
    typo = acts.move(series[1], Move(room="Gren Room"), clock.now())
    assert "'Gren Room' is not a room of the centre" in typo.refusals[0]
    # Its own old slot is no clash: the session moves one hour later, keeping its length.
    moved = acts.move(
        series[1], Move(start=time(11, 0), reason="family asked"), clock.now(), actor=coordinator
    )
    assert moved.moved is not None and moved.moved.times == "11:00-13:00"
    event = BookingEvent.get(BookingEvent.kind == "moved")
    assert event.reason == (
        "from 2026-12-09 10:00-12:00 Blue Room to 2026-12-09 11:00-13:00 Blue Room; family asked"
    )
    assert AuditEntry.get(AuditEntry.action == "session_moved").target == f"booking:{series[1]}"


def test_moving_into_the_past_needs_confirmation(series: list[int], clock: FixedClock) -> None:
    back = Move(day=date(2026, 11, 4))
    asked = acts.move(series[0], back, clock.now())
    assert asked.moved is None and asked.warnings == ("Wed 04 Nov 2026 10:00 is in the past",)
    assert acts.move(series[0], back, clock.now(), confirm=True).moved is not None


def _kiosk(db: DbConfig, tmp_path: Path, *args: str) -> int:
    pw = write(tmp_path / "pass", db.passphrase)
    return main([*args, "--db", str(db.path), "--passphrase-file", str(pw)])


def test_kiosk_bookings_list_cancel_move(
    series: list[int], db: DbConfig, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert _kiosk(db, tmp_path, "bookings", "list", "--case", "A", "--from", "09/12/2026") == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == f"{series[1]}\t2026-12-09\t10:00-12:00\tBlue Room\tsupported\tbooked"
    assert len(lines) == 4
    args = ["bookings", "cancel", str(series[4]), "--by", "centre", "--with-notice"]
    assert _kiosk(db, tmp_path, *args) == 0
    assert capsys.readouterr().out.endswith("cancelled by centre, with notice\n")
    move = ["bookings", "move", str(series[3]), "--date", "2027-01-10", "--room", "Playroom"]
    assert _kiosk(db, tmp_path, *move) == 0
    assert "2027-01-10\t10:00-12:00\tPlayroom" in capsys.readouterr().out
    # Errors: one line each, exit 2.
    for bad in (
        ["bookings", "move", str(series[2]), "--room", "Attic"],
        ["bookings", "cancel", "99999", "--by", "centre"],
        ["bookings", "list", "--case", "NOPE"],
    ):
        assert _kiosk(db, tmp_path, *bad) == 2
        err = capsys.readouterr().err
        assert err.startswith("kiosk: ") and err.count("\n") == 1, err
    with pytest.raises(SystemExit) as exc:
        _kiosk(db, tmp_path, "bookings", "move", "1", "--start", "9am")
    assert exc.value.code == 2
    assert capsys.readouterr().err.count("\n") == 1
    assert Booking.get_by_id(series[2]).room == "Blue Room"


def test_a_move_never_runs_past_midnight(series: list[int], clock: FixedClock) -> None:
    # A new start alone keeps the length: 23:00 for a 10:00-12:00 session ended at 01:00
    # the next day, a day no check had looked at (a bank holiday, a closure).
    before = Booking.get_by_id(series[1]).starts_at
    with pytest.raises(DiaryError, match="ends on the day it starts"):
        acts.move(series[1], Move(start=time(23, 0)), clock.now())
    assert Booking.get_by_id(series[1]).starts_at == before


@pytest.mark.parametrize("number", [10**20, 2**63, 0, -5])
def test_a_session_number_past_any_session_is_one_line(
    series: list[int], clock: FixedClock, number: int
) -> None:
    with pytest.raises(DiaryError, match="no session"):
        acts.move(number, Move(day=date(2026, 12, 10)), clock.now())
