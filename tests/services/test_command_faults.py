"""The commands that make, keep, copy and change whole databases, and the command line
itself, under faults.

A read-only file or folder, a full disk, an option out of range: each is one line with
exit status 2, and the files are left as they were, or in a state the line names. A
reader that goes away ends a command silently with 141."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import datetime
from pathlib import Path

import pytest

from kiosk.cli import main
from kiosk.services import store
from kiosk.services.retention import keys
from models import AuditEntry, Card, DbConfig, Role
from tests.support.builders import PASSPHRASE, TEST_KDF_ITER, make_booking, make_case, person
from tests.support.cli import ROOT, init_database
from tests.support.disk_faults import immutable, kiosk_process
from tests.support.fault_helpers import full_disk
from tests.support.files import digest, write

NOW = datetime(2026, 11, 21, 9)


def _one_line(capsys: pytest.CaptureFixture[str]) -> str:
    err = capsys.readouterr().err
    assert err.count("\n") == 1, err
    assert "Traceback" not in err and "unexpected error" not in err, err
    return err


def _opts(db: Path, pw: Path) -> list[str]:
    return ["--db", str(db), "--passphrase-file", str(pw)]


def test_rekey_of_a_read_only_file_is_one_line_and_keeps_the_old_key(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db, pw = init_database(tmp_path)
    new = write(tmp_path / "new", "a brand new passphrase\n")
    before = digest(db)
    capsys.readouterr()
    with immutable(db):
        assert main(["rekey", *_opts(db, pw), "--new-passphrase-file", str(new)]) == 2
    err = _one_line(capsys)
    assert "read-only" in err and "nothing was changed" in err
    assert digest(db) == before
    assert main(["verify", *_opts(db, pw)]) == 0


def test_a_rekey_the_audit_log_cannot_record_says_the_new_key_is_in_force(
    db: DbConfig, tmp_path: Path
) -> None:
    """The audit log full to its last page (the disk's SQLITE_FULL): the key changes,
    which the refusal must say, since only the new passphrase opens the file now."""
    old = make_case("FULL-1", NOW)
    filled = full_disk(make_booking(old, NOW), person(old, Role.RESIDENT), NOW)
    with filled, pytest.raises(keys.KeyNotRecorded) as refused:
        keys.rekey("a brand new passphrase", NOW, actor_label="cli")
    store.close()
    assert refused.value.exit_status == 1
    assert "no longer opens" in str(refused.value) and "disk is full" in str(refused.value)
    store.open_store(DbConfig(db.path, "a brand new passphrase", TEST_KDF_ITER))
    assert AuditEntry.select().where(AuditEntry.action == "rekey").count() == 0


def test_restore_over_a_read_only_file_is_one_line_and_changes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db, pw = init_database(tmp_path)
    copy = tmp_path / "copy.kbak"
    assert main(["backup", *_opts(db, pw), "-o", str(copy)]) == 0
    before = digest(db)
    capsys.readouterr()
    with immutable(db):
        assert main(["restore", *_opts(db, pw), str(copy), "--yes"]) == 2
    err = _one_line(capsys)
    assert "read-only" in err and f"nothing was changed: {db} is as it was" in err
    assert digest(db) == before
    assert sorted(p.name for p in tmp_path.glob("*kiosk.db*")) == ["kiosk.db"]


def test_restore_s_copy_is_private_from_its_first_byte(tmp_path: Path) -> None:
    """Watched through Python's audit hooks: at every event while the restore runs, the copy
    being made beside the database, whenever it exists, is 0600 (the umask is 022)."""
    db, pw = init_database(tmp_path)
    copy = tmp_path / "copy.kbak"
    assert main(["backup", *_opts(db, pw), "-o", str(copy)]) == 0
    incoming = tmp_path / ".kiosk.db.restoring"
    script = f"""
import json, os, stat, sys
from kiosk.cli import main
seen = []
def watch(event, args):
    try:
        seen.append(oct(stat.S_IMODE(os.lstat({str(incoming)!r}).st_mode)))
    except OSError:
        pass
sys.addaudithook(watch)
os.umask(0o022)
status = main(["restore", "--db", {str(db)!r}, "--passphrase-file", {str(pw)!r},
               {str(copy)!r}, "--yes"])
sys.stdout.flush()
print(json.dumps({{"status": status, "modes": sorted(set(seen))}}))
"""
    done = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, timeout=120
    )
    result = json.loads(done.stdout.splitlines()[-1])
    assert result["status"] == 0, done.stderr
    assert result["modes"] == ["0o600"], result["modes"]


def test_init_into_a_read_only_folder_is_one_line_and_creates_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "locked"
    folder.mkdir()
    pw = write(tmp_path / "pass", PASSPHRASE + "\n")
    coord = write(tmp_path / "coord", "a long password\n")
    args = ["init", *_opts(folder / "x.db", pw), "--coordinator", "Co Ord"]
    with immutable(folder):
        assert main([*args, "--coordinator-password-file", str(coord)]) == 2
    err = _one_line(capsys)
    assert f"{folder} is read-only" in err and "nothing was created" in err
    assert list(folder.iterdir()) == []


def test_demo_in_a_read_only_folder_is_one_line_and_creates_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "locked"
    folder.mkdir()
    with immutable(folder):
        assert main(["demo", "--db", str(folder / "demo.db"), "--no-launch"]) == 2
    err = _one_line(capsys)
    assert f"{folder} is read-only" in err
    assert list(folder.iterdir()) == []


@pytest.mark.parametrize("buffered", [True, False], ids=["buffered", "unbuffered"])
def test_a_card_whose_reader_went_away_is_issued_and_exits_141_silently(
    tmp_path: Path, buffered: bool
) -> None:
    """`kiosk card ... | head -1`: the pipe is closed before the card's code is printed;
    141 is what a shell reports for a program its reader left (kiosk/cli.py _run)."""
    db, pw = init_database(tmp_path)
    cfg = DbConfig(db, PASSPHRASE, TEST_KDF_ITER)
    with store.opened(cfg):
        make_case("PIPE-1", NOW)
    argv = ["card", *_opts(db, pw), "--case", "PIPE-1", "--role", "resident"]
    # Buffered, the pipe breaks at the last flush; unbuffered, at the first print.
    env = {k: v for k, v in os.environ.items() if k != "PYTHONUNBUFFERED"}
    env |= {} if buffered else {"PYTHONUNBUFFERED": "1"}
    card = kiosk_process([*argv, "-o", str(tmp_path / "card.svg")], env)
    assert card.stdout is not None and card.stderr is not None
    card.stdout.close()  # the reader has gone before the command writes a byte
    status = card.wait(timeout=120)
    err = card.stderr.read()
    card.stderr.close()
    assert status == 141, err
    assert err == ""
    with store.opened(cfg):
        assert Card.select().count() == 1


@pytest.mark.parametrize("limit", ["99999999999999999999", "0", "-1"])
def test_an_audit_limit_out_of_range_is_one_line_and_exit_2(
    tmp_path: Path, limit: str, capsys: pytest.CaptureFixture[str]
) -> None:
    db, pw = init_database(tmp_path)
    capsys.readouterr()
    with pytest.raises(SystemExit) as stopped:
        main(["audit", *_opts(db, pw), "--limit", limit])
    assert stopped.value.code == 2
    err = _one_line(capsys)
    assert "--limit" in err and "from 1 to 1000000" in err


@pytest.mark.parametrize("number", [str(2**63), "99999999999999999999", "0", "-1"])
def test_a_subject_access_person_past_any_row_is_one_line_and_exit_2(
    tmp_path: Path, number: str, capsys: pytest.CaptureFixture[str]
) -> None:
    # Past SQLite's 64-bit integers, the id failed deep in the query with a crash report.
    db, pw = init_database(tmp_path)
    capsys.readouterr()
    args = ["sar", *_opts(db, pw), "--case", "C-1", "--role", "resident"]
    with pytest.raises(SystemExit) as stopped:
        main([*args, "--person", number, "-o", str(tmp_path / "sar")])
    assert stopped.value.code == 2
    err = _one_line(capsys)
    assert "--person" in err and f"from 1 to {2**63 - 1}" in err
    assert not (tmp_path / "sar").exists()


def test_a_backup_of_a_read_only_database_is_made_and_its_own_audit_log_records_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A failing disk: the copy is what the co-ordinator needs most (docs/SECURITY.md)."""
    db, pw = init_database(tmp_path)
    copy = tmp_path / "rescue.kbak"
    capsys.readouterr()
    with immutable(db):
        assert main(["backup", *_opts(db, pw), "-o", str(copy)]) == 0
    said = capsys.readouterr()
    assert f"Backup written to {copy}" in said.out
    assert said.err.count("\n") == 1 and "read-only" in said.err
    assert "the backup's own audit log records it" in said.err
    with store.opened(DbConfig(copy, PASSPHRASE, TEST_KDF_ITER)):
        entry = AuditEntry.get(AuditEntry.action == "backup")
        assert "live=read-only" in entry.detail
    with store.opened(DbConfig(db, PASSPHRASE, TEST_KDF_ITER)):
        assert AuditEntry.select().where(AuditEntry.action == "backup").count() == 0
