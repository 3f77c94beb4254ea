"""Closed days: the centre's closures and its nation's bank holidays refuse a session."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from pathlib import Path

import pytest

from kiosk.cli import main
from kiosk.clock import FixedClock
from kiosk.services.cases import bookings, importer
from kiosk.services.cases import case_file as cases
from kiosk.services.cases.booking_rules import NewBooking
from kiosk.services.cases.bookings import BookingRequest, Repeat
from kiosk.services.centre import closures
from kiosk.services.centre.closures import ClosureError
from kiosk.services.diary import acts, closing
from kiosk.services.diary.acts import Move
from kiosk.services.staff.auth import StaffMember
from kiosk.services.store import settings
from models import AuditEntry, Booking, BookingEvent, DbConfig, Service
from tests.support.builders import sample_file
from tests.support.files import write

CHRISTMAS = datetime(2026, 12, 25, 10, 0)


@pytest.fixture
def case_a(coordinator: StaffMember, clock: FixedClock) -> str:
    cases.save_case(sample_file("A"), coordinator, clock)
    return "A"


def _at(start: datetime) -> NewBooking:
    return NewBooking("A", start, start + timedelta(hours=2), "Blue Room", Service.SUPPORTED)


def test_bank_holidays_follow_the_centre_s_nation(db: DbConfig) -> None:
    new_year = date(2027, 1, 2)
    assert closures.closed_on(date(2026, 12, 28)) is not None  # Boxing Day (substitute)
    assert closures.closed_on(new_year) is None
    settings.put("centre_nation", "scotland")
    found = closures.closed_on(new_year)
    assert found is not None and found.bank_holiday and "New Year" in found.reason


def test_a_single_booking_on_a_closed_day_is_refused(case_a: str, clock: FixedClock) -> None:
    outcome = bookings.book(BookingRequest(_at(CHRISTMAS)), clock.now())
    assert outcome.refusals == ("Fri 25 Dec 2026: the centre is closed (Christmas Day)",)
    closures.add_closure(date(2026, 12, 4), "Staff training", clock.now())
    training = bookings.book(BookingRequest(_at(CHRISTMAS.replace(day=4))), clock.now())
    assert training.refusals == ("Fri 04 Dec 2026: the centre is closed (Staff training)",)
    assert Booking.select().count() == 0


def test_a_series_skips_closed_days_and_says_which(case_a: str, clock: FixedClock) -> None:
    request = BookingRequest(_at(CHRISTMAS - timedelta(weeks=2)), Repeat.WEEKLY, date(2027, 1, 8))
    outcome = bookings.book(request, clock.now())
    assert outcome.skipped == (
        "Fri 25 Dec 2026: the centre is closed (Christmas Day)",
        "Fri 01 Jan 2027: the centre is closed (New Year's Day)",
    )
    fridays = [b.starts_at.day for b in Booking.select().order_by(Booking.starts_at)]
    assert fridays == [11, 18, 8]


def test_the_importer_and_a_move_refuse_a_closed_day(
    case_a: str, clock: FixedClock, tmp_path: Path
) -> None:
    rows = "case_ref,date,start,end,room,service\nA,2026-12-25,10:00,12:00,Blue Room,supported\n"
    with pytest.raises(importer.ImportRejected) as err:
        importer.import_bookings(write(tmp_path / "b.csv", rows), clock.now())
    assert "the centre is closed (Christmas Day)" in str(err.value.problems[0])
    booked = bookings.book(BookingRequest(_at(CHRISTMAS - timedelta(days=1))), clock.now())
    moved = acts.move(booked.booking_ids[0], Move(day=CHRISTMAS.date()), clock.now())
    assert moved.moved is None and "closed (Christmas Day)" in moved.refusals[0]


def test_a_closure_over_booked_sessions_lists_them_then_cancels_them(
    case_a: str, coordinator: StaffMember, clock: FixedClock
) -> None:
    day = datetime(2026, 12, 3, 10, 0)
    ids = bookings.book(BookingRequest(_at(day)), clock.now()).booking_ids
    first = closing.close_day(day.date(), "Boiler broken", clock.now(), actor=coordinator)
    assert [s.id for s in first.booked] == list(ids) and first.cancelled == ()
    assert Booking.get_by_id(ids[0]).state == "booked"
    done = closing.close_day(day.date(), "", clock.now(), cancel_booked=True, actor=coordinator)
    assert [s.outcome for s in done.cancelled] == ["cancelled by centre, with notice"]
    assert done.booked == ()
    event = BookingEvent.get(BookingEvent.booking == ids[0])
    assert event.reason == "by centre, notice: yes; the centre is closed: Boiler broken"
    assert AuditEntry.select().where(AuditEntry.action == "closure_added").count() == 1


def test_only_the_centre_s_own_closures_are_removed(db: DbConfig, clock: FixedClock) -> None:
    with pytest.raises(ClosureError, match="is a bank holiday"):
        closures.remove_closure(CHRISTMAS.date(), clock.now())
    with pytest.raises(ClosureError, match="no closure on 2026-12-02"):
        closures.remove_closure(date(2026, 12, 2), clock.now())
    closures.add_closure(date(2026, 12, 2), "Training", clock.now())
    closures.remove_closure(date(2026, 12, 2), clock.now())
    assert closures.closed_on(date(2026, 12, 2)) is None


def _kiosk(db: DbConfig, tmp_path: Path, *args: str) -> int:
    pw = write(tmp_path / "pass", db.passphrase)
    return main([*args, "--db", str(db.path), "--passphrase-file", str(pw)])


def test_kiosk_closures(
    case_a: str,
    db: DbConfig,
    clock: FixedClock,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    far = datetime(2030, 3, 5, 10, 0)  # ahead of the real clock the command reads
    bookings.book(BookingRequest(_at(far)), clock.now())
    assert _kiosk(db, tmp_path, "closures", "add", "05/03/2030", "--reason", "Inspection") == 0
    out = capsys.readouterr().out
    assert "closed on Tue 05 Mar 2030 (Inspection)" in out and "add --cancel-booked" in out
    assert _kiosk(db, tmp_path, "closures", "add", "2030-03-05", "--cancel-booked") == 0
    assert capsys.readouterr().out.splitlines()[1].startswith("cancelled\t")
    args = ["closures", "list", "--from", "2030-03-01", "--until", "2030-04-30"]
    assert _kiosk(db, tmp_path, *args) == 0
    assert capsys.readouterr().out.splitlines() == [
        "2030-03-05\tTue\tclosure\tInspection",
        "2030-04-19\tFri\tbank holiday\tGood Friday",
        "2030-04-22\tMon\tbank holiday\tEaster Monday",
    ]
    assert _kiosk(db, tmp_path, "closures", "remove", "2030-04-19") == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "bank holiday (Good Friday)" in err
