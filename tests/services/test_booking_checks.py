"""Checks every new booking passes: one family at one time, and no past date by accident."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path

import pytest

from kiosk.cli import main
from kiosk.clock import FixedClock
from kiosk.services.cases import bookings, importer
from kiosk.services.cases import case_file as cases
from kiosk.services.cases.bookings import BookingRequest, NewBooking
from kiosk.services.staff.auth import StaffMember
from models import AuditEntry, Booking, DbConfig, Service
from tests.support.builders import sample_file
from tests.support.files import write

DAY = datetime(2026, 11, 28)
HEADER = "case_ref,date,start,end,room,service\n"


def _new(start: datetime, end: datetime, room: str, ref: str = "A") -> NewBooking:
    return NewBooking(ref, start, end, room, Service.SUPPORTED.value)


@pytest.fixture
def case_a(coordinator: StaffMember, clock: FixedClock) -> str:
    cases.save_case(sample_file("A"), coordinator, clock)
    return "A"


def test_one_family_cannot_be_booked_twice_at_overlapping_times(
    case_a: str, clock: FixedClock
) -> None:
    blue = _new(DAY.replace(hour=13), DAY.replace(hour=15), "Blue Room")
    assert bookings.book(BookingRequest(blue), clock.now()).booked
    green = _new(DAY.replace(hour=13, minute=30), DAY.replace(hour=14, minute=30), "Green Room")
    outcome = bookings.book(BookingRequest(green), clock.now())
    assert not outcome.booked
    assert outcome.refusals == (
        "Sat 28 Nov 2026 13:30: case A already has a session 13:00-15:00 (Blue Room)",
    )
    assert Booking.select().count() == 1
    # Back to back is no overlap.
    later = _new(DAY.replace(hour=15), DAY.replace(hour=16), "Blue Room")
    assert bookings.book(BookingRequest(later), clock.now()).booked


def test_the_importer_refuses_one_family_twice_in_one_file(
    case_a: str, clock: FixedClock, tmp_path: Path
) -> None:
    rows = (
        "A,2026-11-28,13:00,15:00,Blue Room,supported\n"
        "A,2026-11-28,13:30,14:30,Green Room,supported\n"
    )
    path = write(tmp_path / "b.csv", HEADER + rows)
    with pytest.raises(importer.ImportRejected) as err:
        importer.import_bookings(path, clock.now())
    assert [p.line for p in err.value.problems] == [3]
    assert "case A already has a session 13:00-15:00" in err.value.problems[0].reason
    assert Booking.select().count() == 0


def test_a_past_date_needs_the_coordinators_word(
    case_a: str, clock: FixedClock, coordinator: StaffMember
) -> None:
    past = _new(
        clock.now() - timedelta(days=17), clock.now() - timedelta(days=17, hours=-2), "Blue Room"
    )
    asked = bookings.book(BookingRequest(past), clock.now(), actor=coordinator)
    assert asked.needs_confirmation
    assert asked.warnings == ("Wed 04 Nov 2026 09:00 is in the past",)
    assert Booking.select().count() == 0
    done = bookings.book(BookingRequest(past), clock.now(), confirm=True, actor=coordinator)
    assert done.booked
    entry = AuditEntry.get(AuditEntry.action == "book")
    assert "confirmed" in entry.detail and "past" in entry.detail


def test_the_importer_refuses_a_past_date_unless_allowed(
    case_a: str, clock: FixedClock, tmp_path: Path
) -> None:
    path = write(tmp_path / "b.csv", HEADER + "A,2026-11-04,10:00,12:00,Blue Room,supported\n")
    with pytest.raises(importer.ImportRejected) as err:
        importer.import_bookings(path, clock.now())
    assert "in the past" in str(err.value.problems[0]) and "--allow-past" in str(
        err.value.problems[0]
    )
    assert Booking.select().count() == 0
    assert importer.import_bookings(path, clock.now(), allow_past=True) == 1


def test_kiosk_import_bookings_takes_allow_past(
    case_a: str, db: DbConfig, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write(tmp_path / "b.csv", HEADER + "A,2020-11-04,10:00,12:00,Blue Room,supported\n")
    pw = write(tmp_path / "pass", db.passphrase)
    args = ["import", "bookings", str(path), "--db", str(db.path), "--passphrase-file", str(pw)]
    assert main(args) == 1
    assert "--allow-past" in capsys.readouterr().err
    assert main([*args, "--allow-past"]) == 0
    assert "Imported 1 booking." in capsys.readouterr().out
