"""A file a person names is created new, never through a link, and never over a database."""

from __future__ import annotations

import hashlib
from datetime import datetime
from pathlib import Path

import pytest

from kiosk.cli import main
from kiosk.clock import FixedClock
from kiosk.services import store
from kiosk.services.door import roll_call
from kiosk.services.store import private_files
from models import AuditEntry, DbConfig
from tests.support.builders import PASSPHRASE, make_case, make_volunteer

NOW = datetime(2026, 11, 21, 9, 0)


def digest(path: Path) -> str:
    # The database file alone: SQLite removes an empty -wal itself when it closes.
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def cli_db(db: DbConfig, monkeypatch: pytest.MonkeyPatch) -> DbConfig:
    make_case("CASE-1", NOW)
    store.close()
    monkeypatch.setenv("KIOSK_PASSPHRASE", PASSPHRASE)
    return db


def _export(db: DbConfig, out: Path, *extra: str) -> int:
    return main(
        [
            *("export", "attendance", "--db", str(db.path), "--case", "CASE-1"),
            *("--recipient", "Cafcass", "--other-recipient", "--format", "csv", "-o", str(out)),
            *extra,
        ]
    )


@pytest.mark.parametrize("suffix", ["", "-wal", "-shm"])
def test_no_command_writes_over_the_database_even_when_told_to(
    cli_db: DbConfig, capsys: pytest.CaptureFixture[str], suffix: str
) -> None:
    target = cli_db.path.with_name(cli_db.path.name + suffix)
    if not target.exists():
        target.write_bytes(b"")  # a companion as SQLite leaves it
    before = digest(cli_db.path)
    assert _export(cli_db, target, "--force") == 2
    assert digest(cli_db.path) == before
    card = ["card", "--db", str(cli_db.path), "--case", "CASE-1", "--role", "resident"]
    # The database under another name (a hard link) is the database all the same.
    alias = cli_db.path.with_name("rosa.png")
    alias.hardlink_to(cli_db.path)
    assert main([*card, "-o", str(alias), "--force"]) == 2
    assert digest(cli_db.path) == before
    lines = capsys.readouterr().err.splitlines()
    assert len(lines) == 2 and all("is a kiosk database" in line for line in lines), lines


def test_a_backup_is_refused_as_a_target(
    cli_db: DbConfig, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    copy = tmp_path / "monday.bak"
    assert main(["backup", "--db", str(cli_db.path), "-o", str(copy)]) == 0
    before = digest(copy)
    assert _export(cli_db, copy, "--force") == 2
    assert digest(copy) == before
    assert "kiosk database" in capsys.readouterr().err


def test_an_existing_file_needs_force_and_a_link_is_never_followed(
    cli_db: DbConfig, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    card = ["card", "--db", str(cli_db.path), "--case", "CASE-1", "--role", "resident"]
    out = tmp_path / "rosa.png"
    out.write_bytes(b"earlier")
    assert main([*card, "-o", str(out)]) == 2
    assert out.read_bytes() == b"earlier"
    assert "already exists" in capsys.readouterr().err
    assert main([*card, "-o", str(out), "--force"]) == 0
    assert out.read_bytes().startswith(b"\x89PNG")
    victim = tmp_path / "victim.txt"
    victim.write_text("keep me")
    link = tmp_path / "export.csv"
    link.symlink_to(victim)
    assert _export(cli_db, link, "--force") == 2
    assert victim.read_text() == "keep me"


def test_the_writer_refuses_an_existing_file_and_creates_new_ones_0600(tmp_path: Path) -> None:
    target = tmp_path / "list.txt"
    private_files.write_new(target, b"first")
    assert target.stat().st_mode & 0o777 == 0o600
    with pytest.raises(private_files.FileRefused, match="already exists"):
        private_files.write_new(target, b"second")
    assert target.read_bytes() == b"first"


def test_the_roll_call_goes_to_the_products_folder_and_never_over_the_database(
    db: DbConfig, clock: FixedClock
) -> None:
    staff = make_volunteer(clock.now())
    call = roll_call.roll_call(staff, clock)
    path = roll_call.write(staff, call, roll_call.default_path(call.at), clock)
    assert path.parent.name == "roll-call" and path.exists()
    entry = AuditEntry.get(AuditEntry.action == "roll_call_written")
    assert str(path) in entry.detail
    before = digest(db.path)
    with pytest.raises(roll_call.DoorError, match="kiosk database"):
        roll_call.write(staff, call, db.path, clock)
    # FileExists as it is: the roll-call dialog asks the volunteer before replacing.
    with pytest.raises(private_files.FileExists, match="already exists"):
        roll_call.write(staff, call, path, clock)
    assert digest(db.path) == before


@pytest.mark.parametrize("typed", ["~nosuchuser/roll.txt", "~nosuchuser"])
def test_a_home_folder_that_does_not_exist_is_one_line_not_the_end_of_the_program(
    db: DbConfig, clock: FixedClock, typed: str
) -> None:
    # Path.expanduser raises RuntimeError for an unknown user; typed into the roll
    # call, the export or subject access, it ended the whole kiosk.
    with pytest.raises(private_files.FileRefused, match="no such user's home folder"):
        private_files.typed_path(typed)
    staff = make_volunteer(clock.now())
    call = roll_call.roll_call(staff, clock)
    with pytest.raises(private_files.FileRefused, match="no such user"):
        roll_call.write(staff, call, Path(typed), clock)
    assert not AuditEntry.select().where(AuditEntry.action == "roll_call_written").exists()
