"""Backups, restores, rekeys and verify, through the `kiosk` command as a user runs them."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest

from kiosk.cli import main
from kiosk.clock import FixedClock
from kiosk.services import store
from kiosk.services.retention import backup
from models import AuditEntry, Case, DbConfig
from tests.support.builders import make_case
from tests.support.cli import held_open, python
from tests.support.files import write
from tests.support.sqlcipher_pages import decrypted_pages, found_in_pages


@pytest.fixture
def populated(db: DbConfig, clock: FixedClock, tmp_path: Path) -> DbConfig:
    """A closed database with some families in it, and its passphrase in a file."""
    for n in range(40):
        make_case(f"C{n:03d}", clock.now(), resident=f"Rowena{n}", visiting=f"Vaughan{n}")
    store.close()
    write(tmp_path / "pass.txt", db.passphrase + "\n")
    return db


def _kiosk(db: Path, pass_file: Path, *args: str) -> int:
    return main([*args, "--db", str(db), "--passphrase-file", str(pass_file)])


def _backup(db: DbConfig, tmp_path: Path, name: str = "nightly.kbak") -> Path:
    """`kiosk backup` of db into tmp_path/name, as the user runs it; it must succeed."""
    out = tmp_path / name
    assert _kiosk(db.path, tmp_path / "pass.txt", "backup", "-o", str(out)) == 0
    return out


def test_backup_is_encrypted_checked_and_restorable(
    populated: DbConfig, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    pass_file = tmp_path / "pass.txt"
    out = _backup(populated, tmp_path)
    assert "checked" in capsys.readouterr().out

    raw = out.read_bytes()
    assert not raw.startswith(b"SQLite format 3")
    assert b"Rowena7" not in raw
    # It is the same data under the same key: decrypted, the names are there.
    assert found_in_pages(decrypted_pages(out, populated.passphrase, 1000), "Rowena7")
    assert not list(tmp_path.glob(".*partial*"))
    # An existing file is never overwritten.
    assert _kiosk(populated.path, pass_file, "backup", "-o", str(out)) == 2
    assert "already exists" in capsys.readouterr().err

    store.open_store(populated)
    assert AuditEntry.select().where(AuditEntry.action == "backup").count() == 1
    Case.delete().execute()  # disaster strikes
    store.close()
    assert _kiosk(populated.path, pass_file, "restore", str(out), "--yes") == 0
    store.open_store(populated)
    assert Case.select().count() == 40
    assert AuditEntry.select().where(AuditEntry.action == "restore").count() == 1
    store.close()
    kept = populated.path.with_name(populated.path.name + ".before-restore")
    store.open_store(DbConfig(kept, populated.passphrase, 1000))
    assert Case.select().count() == 0
    store.close()


def test_backup_with_the_wrong_passphrase_fails_cleanly(
    populated: DbConfig, tmp_path: Path, capfd: pytest.CaptureFixture[str]
) -> None:
    out = _backup(populated, tmp_path)
    capfd.readouterr()
    wrong = write(tmp_path / "wrong.txt", "not the passphrase\n")
    before = populated.path.read_bytes()

    assert _kiosk(populated.path, wrong, "restore", str(out), "--yes") == 2
    err = capfd.readouterr().err
    assert err.count("\n") == 1 and "wrong passphrase" in err and "Traceback" not in err
    assert populated.path.read_bytes() == before

    assert main(["verify", "--db", str(out), "--passphrase-file", str(wrong)]) == 2
    assert capfd.readouterr().err.count("\n") == 1


def test_restore_is_refused_while_the_kiosk_has_the_database_open(
    populated: DbConfig, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    pass_file = tmp_path / "pass.txt"
    out = _backup(populated, tmp_path, "b.kbak")
    with held_open(populated):
        capsys.readouterr()
        assert _kiosk(populated.path, pass_file, "restore", str(out), "--yes") == 2
        assert "in use" in capsys.readouterr().err
        new = write(tmp_path / "new.txt", "another passphrase\n")
        assert _kiosk(populated.path, pass_file, "rekey", "--new-passphrase-file", str(new)) == 2
        assert "in use" in capsys.readouterr().err
    assert _kiosk(populated.path, pass_file, "restore", str(out), "--yes") == 0


def test_backup_taken_while_another_process_writes_is_consistent(
    populated: DbConfig, tmp_path: Path
) -> None:
    pass_file = tmp_path / "pass.txt"
    # Each transaction adds one case and its two adults: a torn copy would show
    # a case with fewer than two people.
    writer = python(
        f"""
        import time
        from datetime import datetime
        from models import Case, DbConfig, Person, database
        from kiosk.services import store
        store.open_store(DbConfig(Path({str(populated.path)!r}), {populated.passphrase!r}, 1000))
        n = 0
        while True:
            # A busy kiosk, not a tight loop that would starve every other writer.
            time.sleep(0.002)
            with database.atomic():
                now = datetime(2026, 1, 1)
                case = Case.create(ref=f"W{{n:06d}}", created_at=now, last_used_at=now)
                for role in ("resident", "visiting"):
                    Person.create(case=case, role=role, first_name="W" * 200,
                                  created_at=now, last_used_at=now)
            n += 1
            if n == 20:
                print("writing", flush=True)
        """
    )
    try:
        assert writer.stdout is not None and writer.stdout.readline().strip() == "writing"
        copies = [tmp_path / f"hot{n}.kbak" for n in range(3)]
        for copy in copies:
            assert _kiosk(populated.path, pass_file, "backup", "-o", str(copy)) == 0
    finally:
        writer.kill()
        writer.wait(timeout=30)

    counts = []
    for n, copy in enumerate(copies):
        target = tmp_path / f"restored{n}.db"
        assert (
            main(
                [
                    "restore",
                    str(copy),
                    "--yes",
                    "--db",
                    str(target),
                    "--passphrase-file",
                    str(pass_file),
                ]
            )
            == 0
        )
        check = backup.check_file(target, populated.passphrase, 1000)
        assert check.ok, check.problems
        store.open_store(DbConfig(target, populated.passphrase, 1000))
        people = {c.id: c.people.count() for c in Case.select()}
        assert set(people.values()) == {2}
        counts.append(len(people))
        store.close()
    # The writer was running: later copies hold more families than the start.
    assert counts[0] > 40 and counts == sorted(counts)


def test_rekey_makes_the_old_passphrase_fail_and_the_new_work(
    populated: DbConfig, tmp_path: Path, capfd: pytest.CaptureFixture[str]
) -> None:
    old = tmp_path / "pass.txt"
    new = write(tmp_path / "new.txt", "a much longer new passphrase\n")
    assert _kiosk(populated.path, old, "rekey", "--new-passphrase-file", str(new)) == 0
    capfd.readouterr()

    assert _kiosk(populated.path, old, "verify") == 2
    assert "wrong passphrase" in capfd.readouterr().err
    assert _kiosk(populated.path, new, "verify") == 0
    store.open_store(DbConfig(populated.path, "a much longer new passphrase", 1000))
    assert Case.select().count() == 40
    assert AuditEntry.select().where(AuditEntry.action == "rekey").count() == 1
    store.close()
    # The same new passphrase again is refused: nothing would change.
    assert _kiosk(populated.path, new, "rekey", "--new-passphrase-file", str(new)) == 2


def test_verify_reports_a_corrupted_page(
    populated: DbConfig, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    pass_file = tmp_path / "pass.txt"
    assert _kiosk(populated.path, pass_file, "verify") == 0
    assert "sound" in capsys.readouterr().out
    raw = bytearray(populated.path.read_bytes())
    pages = len(raw) // 4096
    assert pages > 4
    victim = pages - 2  # a data page, not the header or the schema
    raw[victim * 4096 + 200 : victim * 4096 + 208] = bytes(8)
    populated.path.write_bytes(bytes(raw))

    assert _kiosk(populated.path, pass_file, "verify") == 1
    err = capsys.readouterr().err
    assert f"page {victim + 1}" in err and "damaged" in err


def test_backups_never_leave_plaintext_beside_them(
    populated: DbConfig, tmp_path: Path, clock: FixedClock
) -> None:
    store.open_store(populated)
    make_case("LATE", clock.now() + timedelta(days=1), resident="Zenobia")
    target = tmp_path / "out" / "copy.kbak"
    target.parent.mkdir()
    backup.backup(populated, target, clock.now())
    store.close()
    for path in target.parent.iterdir():
        assert b"Zenobia" not in path.read_bytes()
        assert not path.read_bytes().startswith(b"SQLite format 3")
    assert sorted(p.name for p in target.parent.iterdir()) == ["copy.kbak"]


def test_rekey_takes_the_new_passphrase_from_the_environment(
    populated: DbConfig, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("KIOSK_NEW_PASSPHRASE", "from the environment")
    assert _kiosk(populated.path, tmp_path / "pass.txt", "rekey") == 0
    check = backup.check_file(populated.path, "from the environment", 1000)
    assert check.ok
    with pytest.raises(backup.BackupError, match="wrong passphrase"):
        backup.check_file(populated.path, populated.passphrase, 1000)


def test_backup_into_a_missing_directory_is_one_line(
    populated: DbConfig, tmp_path: Path, capfd: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "nowhere" / "b.kbak"
    assert _kiosk(populated.path, tmp_path / "pass.txt", "backup", "-o", str(target)) == 2
    assert capfd.readouterr().err.count("\n") == 1


def test_rekey_refuses_an_empty_new_passphrase_typed_twice(
    populated: DbConfig,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capfd: pytest.CaptureFixture[str],
) -> None:
    # Enter, Enter, then whatever a third prompt would receive.
    answers = iter(["", "", "typed at a third prompt"])
    monkeypatch.delenv("KIOSK_NEW_PASSPHRASE", raising=False)
    monkeypatch.setattr("getpass.getpass", lambda prompt="": next(answers))
    monkeypatch.setattr("sys.stdin.isatty", lambda: True)
    assert _kiosk(populated.path, tmp_path / "pass.txt", "rekey") == 2
    assert "empty new passphrase" in capfd.readouterr().err
    assert backup.check_file(populated.path, populated.passphrase, 1000).ok
