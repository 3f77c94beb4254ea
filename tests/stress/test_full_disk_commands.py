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

from tests.support.cli import init_database
from tests.support.disk_faults import COMMANDS, DiskRun, SmallDisk, opening_commands

FULL = "the disk is full"
NOW = datetime(2026, 11, 21, 9)


@pytest.fixture
def small_disk(tmp_path: Path) -> SmallDisk:
    return SmallDisk(tmp_path)


def _refused_in_one_line(run: DiskRun) -> None:
    assert run.status == 2, (run.room, run.status, run.err)
    assert run.err.count("\n") == 1, (run.room, run.err)
    assert FULL in run.err, (run.room, run.err)


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
