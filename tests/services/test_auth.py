"""Staff accounts: argon2id, lockout after five failures, the DBS rule."""

from __future__ import annotations

import threading
from datetime import date, timedelta

import pytest
import sqlcipher3
from argon2 import PasswordHasher, extract_parameters

from kiosk.clock import FixedClock
from kiosk.services.staff import auth
from kiosk.services.staff.auth import StaffMember
from models import AuditEntry, DbConfig, StaffRole, Volunteer, database
from tests.support.builders import PIN, VOLUNTEER_NAME, make_volunteer, volunteer_row
from tests.support.fault_helpers import other_connection


def test_secrets_are_argon2id_hashes(volunteer: StaffMember) -> None:
    row = volunteer_row(volunteer)
    assert row.secret_hash.startswith("$argon2id$")
    assert PIN not in row.secret_hash


def test_sign_in_with_the_right_pin(volunteer: StaffMember, clock: FixedClock) -> None:
    result = auth.sign_in(VOLUNTEER_NAME.lower(), PIN, clock)
    assert result.ok and result.staff is not None
    assert result.staff.role is StaffRole.VOLUNTEER
    assert AuditEntry.get(AuditEntry.action == "sign_in").target.startswith("volunteer:")


def test_five_failures_lock_the_account_for_five_minutes(
    volunteer: StaffMember, clock: FixedClock
) -> None:
    for _ in range(auth.MAX_FAILURES):
        assert not auth.sign_in(VOLUNTEER_NAME, "000000", clock).ok
    locked = auth.sign_in(VOLUNTEER_NAME, PIN, clock)
    assert not locked.ok and "locked" in locked.message
    clock.advance(minutes=4, seconds=59)
    assert not auth.sign_in(VOLUNTEER_NAME, PIN, clock).ok
    clock.advance(seconds=2)
    assert auth.sign_in(VOLUNTEER_NAME, PIN, clock).ok
    assert AuditEntry.select().where(AuditEntry.action == "sign_in_failed").count() == 5


def test_no_dbs_record_cannot_sign_in(db: DbConfig, clock: FixedClock) -> None:
    make_volunteer(clock.now(), dbs=False)
    result = auth.sign_in(VOLUNTEER_NAME, PIN, clock)
    assert not result.ok
    assert "DBS" in result.message


def test_stale_dbs_signs_in_with_a_warning(db: DbConfig, clock: FixedClock) -> None:
    make_volunteer(clock.now(), dbs_issued_on=clock.now().date() - timedelta(days=4 * 365))
    result = auth.sign_in(VOLUNTEER_NAME, PIN, clock)
    assert result.ok
    assert "over three years old" in result.warnings[0]


@pytest.mark.parametrize(
    ("role", "secret"),
    [
        (StaffRole.VOLUNTEER, "12345"),
        (StaffRole.VOLUNTEER, "12ab56"),
        (StaffRole.COORDINATOR, "short"),
    ],
)
def test_weak_secrets_are_refused(
    db: DbConfig, clock: FixedClock, role: StaffRole, secret: str
) -> None:
    with pytest.raises(auth.AccountError):
        auth.create_staff("Someone", role, secret, clock.now())


def test_dbs_number_is_twelve_digits(db: DbConfig, clock: FixedClock) -> None:
    with pytest.raises(auth.AccountError, match="12 digits"):
        auth.create_staff(
            "X",
            StaffRole.VOLUNTEER,
            PIN,
            clock.now(),
            dbs_number="12345",
            dbs_issued_on=date(2025, 1, 1),
        )


@pytest.mark.parametrize(
    ("stored", "typed"),
    [
        ("Élodie Durand", "Élodie Durand"),
        ("Élodie Durand", "élodie durand"),
        ("Łukasz Nowak", "łukasz nowak"),
        ("Ömer Demir", "ÖMER DEMIR"),
        # The same letter typed as e + combining acute, as some keyboards send it.
        ("Élodie Durand", "E\u0301lodie Durand"),
        ("Straße Team", "STRASSE TEAM"),
    ],
)
def test_non_ascii_names_sign_in_whatever_the_case(
    db: DbConfig, clock: FixedClock, stored: str, typed: str
) -> None:
    auth.create_staff(stored, StaffRole.COORDINATOR, "a long password", clock.now())
    result = auth.sign_in(typed, "a long password", clock)
    assert result.ok and result.staff is not None and result.staff.name == stored


def test_a_name_that_differs_by_more_than_case_is_not_recognised(
    db: DbConfig, clock: FixedClock
) -> None:
    auth.create_staff("Élodie Durand", StaffRole.COORDINATOR, "a long password", clock.now())
    assert not auth.sign_in("Elodie Durand", "a long password", clock).ok


@pytest.mark.parametrize("pin", [PIN, "000000"], ids=["right", "wrong"])
def test_the_pin_is_checked_without_holding_the_write_lock(
    db: DbConfig,
    volunteer: StaffMember,
    clock: FixedClock,
    pin: str,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # argon2id takes a fifth of a second and 64 MiB: a sign-in holding the write lock
    # meanwhile would keep the kiosk at the entrance from recording a parent's scan.
    seen: list[str] = []
    real = auth._hasher

    class Watching(PasswordHasher):
        def verify(self, hash: str | bytes, password: str | bytes) -> bool:
            seen.append(another_program_writes(db))
            return real.verify(hash, password)

    monkeypatch.setattr(auth, "_hasher", Watching())
    auth.sign_in(VOLUNTEER_NAME, pin, clock)
    assert seen == ["wrote"]


def another_program_writes(cfg: DbConfig) -> str:
    """Whether another connection can write at once (no waiting for a lock)."""
    other = other_connection(cfg)
    try:
        other.execute("PRAGMA busy_timeout = 0")
        other.execute("INSERT OR REPLACE INTO setting (key, value) VALUES ('other', 'wrote')")
        return "wrote"
    except sqlcipher3.OperationalError as exc:
        return str(exc)
    finally:
        other.close()


def test_secrets_are_hashed_inside_owasp_s_recommended_set(volunteer: StaffMember) -> None:
    # OWASP's Password Storage Cheat Sheet: argon2id, 19 MiB, 2 iterations, 1 lane.
    params = extract_parameters(volunteer_row(volunteer).secret_hash)
    assert (params.memory_cost, params.time_cost, params.parallelism) == (19 * 1024, 2, 1)


def test_an_older_hash_still_signs_in_and_is_hashed_again(
    volunteer: StaffMember, clock: FixedClock
) -> None:
    older = PasswordHasher(time_cost=3, memory_cost=65536, parallelism=4).hash(PIN)
    Volunteer.update(secret_hash=older).where(Volunteer.id == volunteer.id).execute()
    assert auth.sign_in(VOLUNTEER_NAME, PIN, clock).ok
    now = volunteer_row(volunteer).secret_hash
    assert now != older and extract_parameters(now).memory_cost == 19 * 1024
    assert auth.sign_in(VOLUNTEER_NAME, PIN, clock).ok
    assert not auth.sign_in(VOLUNTEER_NAME, "000000", clock).ok


def test_the_pin_check_holds_no_lock_so_other_writers_go_on(
    volunteer: StaffMember, clock: FixedClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Failed before: the whole sign-in held the write lock through argon2 (0.1-0.6 s
    # each), so four terminals signing in at once kept a co-ordinator's save waiting
    # past the busy timeout.
    checking, go = threading.Event(), threading.Event()
    real_verify = auth._verify

    def slow_check(stored_hash: str, secret: str) -> bool:
        checking.set()
        go.wait(10)
        return real_verify(stored_hash, secret)

    monkeypatch.setattr(auth, "_verify", slow_check)
    answers: list[auth.SignIn] = []

    def signing_in() -> None:
        try:
            answers.append(auth.sign_in(VOLUNTEER_NAME, PIN, clock))
        finally:
            database.close()  # this thread's own connection

    terminal = threading.Thread(target=signing_in)
    terminal.start()
    try:
        assert checking.wait(10)
        # Mid-check, another writer takes the lock at once (no waiting allowed here).
        database.execute_sql("PRAGMA busy_timeout = 0")
        with database.atomic(lock_type="IMMEDIATE"):
            Volunteer.update(dbs_update_service=True).where(Volunteer.id == volunteer.id).execute()
    finally:
        database.execute_sql("PRAGMA busy_timeout = 5000")
        go.set()
        terminal.join(10)
    assert [a.ok for a in answers] == [True]
    assert volunteer_row(volunteer).dbs_update_service
