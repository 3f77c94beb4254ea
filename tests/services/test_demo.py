"""`kiosk demo`: a believable year of a centre, and codes a new user can type."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from pathlib import Path

import pytest

from kiosk.cli import main
from kiosk.clock import SystemClock
from kiosk.services import store
from kiosk.services.cards import tokens as cards
from kiosk.services.cases import booking_rules, bookings
from kiosk.services.centre import closures, rooms
from kiosk.services.demo import build as demo
from kiosk.services.door import access
from kiosk.services.home import reminders
from kiosk.services.staff import auth
from models import (
    AccidentEntry,
    Booking,
    BookingState,
    Card,
    Case,
    Child,
    DbConfig,
    Person,
    Referral,
    Volunteer,
    database,
)
from tests.support.builders import TEST_KDF_ITER
from tests.support.cli import held_open, init_database


@pytest.fixture
def demo_run(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> tuple[Path, str]:
    path = tmp_path / "demo.db"
    assert main(["demo", "--db", str(path), "--no-launch"]) == 0
    out = capsys.readouterr().out
    store.open_store(DbConfig(path, demo.DEMO_PASSPHRASE, TEST_KDF_ITER))
    yield path, out
    store.close()


def test_demo_prints_its_secrets(demo_run: tuple[Path, str]) -> None:
    _, out = demo_run
    assert "Passphrase: demo" in out
    assert f"PIN {demo.DEMO_PIN}" in out
    assert demo.DEMO_COORDINATOR_PASSWORD in out


def test_demo_card_lines_are_real_codes(demo_run: tuple[Path, str]) -> None:
    path, out = demo_run
    lines = [line.split("\t") for line in out.splitlines() if line.count("\t") == 3]
    saved = (path.parent / "demo-cards.txt").read_text(encoding="utf-8").splitlines()
    assert [line.split("\t") for line in saved] == lines
    today = date.today()
    booked_today = {
        b.case.ref
        for b in Booking.select().where(
            Booking.starts_at >= today, Booking.starts_at < today + timedelta(days=1)
        )
    }
    assert len(lines) == 2 * len(booked_today) >= 8
    for ref, role, first_name, code in lines:
        assert cards.is_well_formed(code)
        card = Card.get(Card.token_hash == cards.token_hash(code))
        assert card.revoked_at is None
        assert (card.person.case.ref, card.person.role, card.person.first_name) == (
            ref,
            role,
            first_name,
        )
        assert ref in booked_today


def test_demo_has_a_year_of_a_centre(demo_run: tuple[Path, str]) -> None:
    assert Case.select().count() >= 12
    for case in Case.select():
        roles = sorted(p.role for p in Person.select().where(Person.case == case))
        assert roles == ["resident", "visiting"]
        assert Child.select().where(Child.case == case).count() >= 1
        assert Referral.select().where(Referral.case == case).exists()
    past = Booking.select().where(Booking.starts_at < date.today())
    assert past.count() >= 12 * 20
    assert min(b.starts_at for b in past).date() <= date.today() - timedelta(days=350)
    states = {b.state for b in past}
    assert {BookingState.CLOSED, BookingState.NO_SHOW, BookingState.CANCELLED} <= states
    assert (
        AccidentEntry.select()
        .where(AccidentEntry.at < date.today() - timedelta(days=3 * 366))
        .count()
        >= 1
    )
    volunteers = Volunteer.select().where(Volunteer.role == "volunteer")
    assert any(v.dbs_number for v in volunteers)
    assert any(not v.dbs_number for v in volunteers)


def test_the_demo_coordinator_may_open_the_door_console(demo_run: tuple[Path, str]) -> None:
    signed = auth.sign_in(demo.DEMO_COORDINATOR, demo.DEMO_COORDINATOR_PASSWORD, SystemClock())
    assert signed.staff is not None and signed.staff.is_coordinator
    access.ensure_may_use_door(signed.staff)  # their DBS check is on file
    assert reminders.missing_dbs() == []


def test_today_arrivals_are_staggered(demo_run: tuple[Path, str]) -> None:
    today = date.today()
    starts = sorted(b.starts_at for b in Booking.select().where(Booking.starts_at >= today))
    assert len(set(starts)) == len(starts) >= 4


def test_demo_rerun_replaces_its_own_database(tmp_path: Path) -> None:
    path = tmp_path / "demo.db"
    assert main(["demo", "--db", str(path), "--no-launch"]) == 0
    assert main(["demo", "--db", str(path), "--no-launch"]) == 0


def test_demo_never_overwrites_a_real_database(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path, _ = init_database(tmp_path, "a real passphrase")
    before = path.read_bytes()
    capsys.readouterr()
    assert main(["demo", "--db", str(path), "--no-launch"]) == 2
    assert "not a demo database" in capsys.readouterr().err
    assert path.read_bytes() == before


def test_demo_rerun_is_refused_while_a_kiosk_has_the_demo_open(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "demo.db"
    assert main(["demo", "--db", str(path), "--no-launch"]) == 0
    with held_open(DbConfig(path, demo.DEMO_PASSPHRASE, TEST_KDF_ITER)):
        before = path.read_bytes()
        capsys.readouterr()
        assert main(["demo", "--db", str(path), "--no-launch"]) == 2
        assert "in use" in capsys.readouterr().err
        assert path.read_bytes() == before
    assert main(["demo", "--db", str(path), "--no-launch"]) == 0


def _todays_sessions(tmp_path: Path, now: datetime) -> list[Booking]:
    demo.build(tmp_path / "demo.db", now, kdf_iter=TEST_KDF_ITER)
    day = datetime.combine(now.date(), datetime.min.time())
    return list(
        Booking.select()
        .where(
            Booking.state == BookingState.BOOKED.value,
            Booking.starts_at >= day,
            Booking.starts_at < day + timedelta(days=1),
        )
        .order_by(Booking.starts_at)
    )


def test_todays_sessions_are_placed_around_the_current_time(tmp_path: Path) -> None:
    now = datetime(2026, 11, 21, 14, 22)
    try:
        today = _todays_sessions(tmp_path, now)
        starts = [b.starts_at for b in today]
        assert starts[0] == datetime(2026, 11, 21, 13, 20)  # began an hour ago
        assert any(b.starts_at < now < b.ends_at for b in today[1:])  # running now
        assert datetime(2026, 11, 21, 14, 30) in starts  # starts in a few minutes
        assert sum(s > now + timedelta(minutes=30) for s in starts) >= 3  # several later
        assert len(set(starts)) == len(starts)
        # Every one passes the booking form's room and entrance rules against the others.
        for booking in today:
            with database.atomic() as txn:
                new = bookings.NewBooking(
                    booking.case.ref, booking.starts_at, booking.ends_at, booking.room, "supported"
                )
                booking.delete_instance()
                assert booking_rules.clashes(new, booking.case) == []
                txn.rollback()
    finally:
        store.close()


def test_a_demo_made_near_midnight_keeps_its_sessions_today() -> None:
    now = datetime(2026, 11, 21, 23, 50)
    starts = demo.today_starts(now)
    assert {s.date() for s in starts} == {now.date()}
    assert all(s + demo.TODAY_SESSION <= datetime(2026, 11, 22) for s in starts)
    assert demo.today_starts(now) == starts  # deterministic for a given clock


def test_the_demo_diary_has_rooms_waiting_areas_and_a_series_past_a_bank_holiday(
    tmp_path: Path,
) -> None:
    now = datetime(2026, 11, 21, 14, 20)
    demo.build(tmp_path / "demo.db", now, kdf_iter=TEST_KDF_ITER)
    store.open_store(DbConfig(tmp_path / "demo.db", demo.DEMO_PASSPHRASE, TEST_KDF_ITER))
    try:
        assert rooms.waiting_areas() == ["Front Lounge", "Garden Room"]
        assert "Garden Room" not in rooms.contact_rooms()
        ahead = list(Booking.select().where(Booking.starts_at > now + timedelta(days=1)))
        assert len({b.case_id for b in ahead}) == 4 and all(b.series for b in ahead)
        days = {b.starts_at.date() for b in Booking.select()}
        assert not any(closures.closed_on(d) for d in days), "a session on a closed day"
        assert closures.list_closed(now.date(), now.date() + timedelta(days=120))
    finally:
        store.close()
