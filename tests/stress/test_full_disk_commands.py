"""The `kiosk` commands on a disk that is full, or nearly (tests/support/disk_faults.py).

Each command is run with more and more room left on the disk. At every amount it
either does its work whole (exit 0) or refuses in one line saying the disk is full
(exit 2) and leaves the files as they were: never a traceback, never a database
half-changed, never a half-made file.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest

from kiosk.cli import main
from kiosk.services import store
from models import AuditEntry, Case, DbConfig, OpenError
from models.db import WRONG_KEY
from tests.support.builders import PASSPHRASE, TEST_KDF_ITER, make_case
from tests.support.cli import init_database
from tests.support.disk_faults import COMMANDS, KIB, DiskRun, SmallDisk, opening_commands
from tests.support.files import write

FULL = "the disk is full"
NOW = datetime(2026, 11, 21, 9)


@pytest.fixture
def small_disk(tmp_path: Path) -> SmallDisk:
    return SmallDisk(tmp_path)


def _refused_in_one_line(run: DiskRun) -> None:
    assert run.status == 2, (run.room, run.status, run.err)
    assert run.err.count("\n") == 1, (run.room, run.err)
    assert FULL in run.err, (run.room, run.err)


def _count(db: Path, model: type[Case] | type[AuditEntry], passphrase: str = PASSPHRASE) -> int:
    """How many rows of model the database at db holds (it must open with passphrase)."""
    store.open_store(DbConfig(db, passphrase, TEST_KDF_ITER))
    try:
        return int(model.select().count())
    finally:
        store.close()


def _restores(db: Path) -> int:
    store.open_store(DbConfig(db, PASSPHRASE, TEST_KDF_ITER))
    try:
        return int(AuditEntry.select().where(AuditEntry.action == "restore").count())
    finally:
        store.close()


def test_opening_a_database_on_a_full_disk_says_the_disk_is_full(
    small_disk: SmallDisk, tmp_path: Path
) -> None:
    _, pw = init_database(small_disk.stage)
    db = small_disk.disk / "kiosk.db"
    commands = opening_commands(tmp_path)
    runs = small_disk.run_each(
        [([*commands[c], "--db", str(db), "--passphrase-file", str(pw)], 0) for c in COMMANDS]
    )
    for command, run in zip(COMMANDS, runs, strict=True):
        assert "wrong passphrase" not in run.err, command
        _refused_in_one_line(run)


def test_rekey_on_a_nearly_full_disk_changes_the_passphrase_whole_or_not_at_all(
    small_disk: SmallDisk,
) -> None:
    _, pw = init_database(small_disk.stage)
    new = write(small_disk.stage.parent / "new", "a brand new passphrase\n")
    db = small_disk.disk / "kiosk.db"
    argv = ["rekey", "--db", str(db), "--passphrase-file", str(pw)]
    rooms = [0, 48 * KIB, 128 * KIB, 256 * KIB, 4096 * KIB]
    runs = small_disk.run([*argv, "--new-passphrase-file", str(new)], rooms)
    assert [run.status for run in runs] == [2, 2, 2, 2, 0], [(r.room, r.err) for r in runs]
    for run in runs:
        after = run.files / "kiosk.db"
        if run.status == 0:
            assert _count(after, Case, "a brand new passphrase") == 0
            with pytest.raises(OpenError, match=WRONG_KEY):
                store.open_store(DbConfig(after, PASSPHRASE, TEST_KDF_ITER))
            continue
        _refused_in_one_line(run)
        # Untouched: the old passphrase opens it, and no key change is on record.
        assert _count(after, AuditEntry) == 1  # `kiosk init`'s own entry
        assert main(["verify", "--db", str(after), "--passphrase-file", str(pw)]) == 0


@pytest.fixture
def restore_stage(small_disk: SmallDisk) -> Path:
    """A live database of five cases, and a backup of it taken when it had three."""
    db, pw = init_database(small_disk.stage)
    cfg = DbConfig(db, PASSPHRASE, TEST_KDF_ITER)
    with store.opened(cfg):
        for n in range(3):
            make_case(f"OLD-{n}", NOW)
    backup = small_disk.stage / "nightly.kbak"
    assert main(["backup", "--db", str(db), "--passphrase-file", str(pw), "-o", str(backup)]) == 0
    with store.opened(cfg):
        for n in range(2):
            make_case(f"NEW-{n}", NOW)
    return backup


def test_restore_on_a_nearly_full_disk_is_all_or_nothing_and_says_which(
    small_disk: SmallDisk, restore_stage: Path
) -> None:
    size = restore_stage.stat().st_size
    db = small_disk.disk / "kiosk.db"
    pw = small_disk.stage / "pass"
    argv = ["restore", "--db", str(db), "--passphrase-file", str(pw), "--yes"]
    # From no room, through just room for the copy, to plenty, in 8 KiB steps around
    # what the copy and its first write need.
    rooms = [0, size // 2, *(size + k * 8 * KIB for k in range(13)), 4 * size]
    runs = small_disk.run([*argv, str(small_disk.disk / restore_stage.name)], rooms)
    assert {run.status for run in runs} == {0, 2}, [(r.room, r.status, r.err) for r in runs]
    for run in runs:
        live, kept = run.files / "kiosk.db", run.files / "kiosk.db.before-restore"
        assert not list(run.files.glob(".kiosk.db.restoring*")), run.room
        if run.status == 0:
            assert _count(live, Case) == 3 and _restores(live) == 1
            assert _count(kept, Case) == 5 and _restores(kept) == 0
            assert str(small_disk.disk / kept.name) in run.out
            continue
        _refused_in_one_line(run)
        assert f"nothing was changed: {db} is as it was" in run.err, run.err
        assert _count(live, Case) == 5 and _restores(live) == 0
        assert not kept.exists(), run.room


def _new_files(run: DiskRun, stage: Path) -> set[str]:
    return {p.name for p in run.files.iterdir()} - {p.name for p in stage.iterdir()}


def test_init_on_a_nearly_full_disk_creates_a_whole_database_or_nothing(
    small_disk: SmallDisk,
) -> None:
    pw = write(small_disk.stage / "pass", PASSPHRASE + "\n")
    coord = write(small_disk.stage / "coord", "a long password\n")
    db = small_disk.disk / "new.db"
    argv = ["init", "--db", str(db), "--passphrase-file", str(pw), "--coordinator", "Co Ord"]
    rooms = [0, 16 * KIB, 64 * KIB, 128 * KIB, 192 * KIB, 4096 * KIB]
    runs = small_disk.run([*argv, "--coordinator-password-file", str(coord)], rooms)
    assert [run.status for run in runs][-1] == 0
    for run in runs:
        if run.status == 0:
            assert _count(run.files / "new.db", AuditEntry) == 1
            continue
        _refused_in_one_line(run)
        assert _new_files(run, small_disk.stage) == set(), run.room


def test_demo_on_a_nearly_full_disk_creates_a_whole_demo_or_nothing(
    small_disk: SmallDisk,
) -> None:
    argv = ["demo", "--db", str(small_disk.disk / "demo.db"), "--no-launch"]
    rooms = [0, 64 * KIB, 400 * KIB, 1024 * KIB, 8192 * KIB]
    runs = small_disk.run(argv, rooms)
    assert [run.status for run in runs][-1] == 0
    for run in runs:
        made = _new_files(run, small_disk.stage)
        if run.status == 0:
            assert made >= {"demo.db", "demo-cards.txt"}
            assert (run.files / "demo-cards.txt").stat().st_size > 0
            continue
        _refused_in_one_line(run)
        assert made == set(), (run.room, made)


def test_a_backup_onto_a_nearly_full_disk_is_whole_or_not_there(
    small_disk: SmallDisk, tmp_path: Path
) -> None:
    """The live database on a sound disk, the copy onto a small one (a USB stick)."""
    (tmp_path / "centre").mkdir()
    db, pw = init_database(tmp_path / "centre")
    copy = small_disk.disk / "copy.kbak"
    argv = ["backup", "--db", str(db), "--passphrase-file", str(pw), "-o", str(copy)]
    runs = small_disk.run(argv, [0, 64 * KIB, 200 * KIB, 4096 * KIB])
    assert runs[-1].status == 0
    for run in runs:
        if run.status == 0:
            assert (
                main(["verify", "--db", str(run.files / copy.name), "--passphrase-file", str(pw)])
                == 0
            )
            continue
        _refused_in_one_line(run)
        assert _new_files(run, small_disk.stage) == set(), run.room
