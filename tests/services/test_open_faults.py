"""Opening a database: only a key that does not fit is called a wrong passphrase.

Every other failure to open (another program's lock, a full disk, a folder where
SQLite cannot make its working files) is named for what it is, in one line with
exit status 2: "wrong passphrase" sends a co-ordinator hunting for a passphrase
that was right all along. The full disk is in tests/stress/test_full_disk_commands.py.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from kiosk.cli import main
from kiosk.services.store.opening import BUSY
from models import DbConfig
from models.db import WRONG_KEY
from tests.support.builders import PASSPHRASE, TEST_KDF_ITER
from tests.support.cli import init_database
from tests.support.disk_faults import (
    COMMANDS,
    held_exclusively,
    immutable,
    kiosk_process,
    opening_commands,
)
from tests.support.files import write


@pytest.fixture
def centre(tmp_path: Path) -> tuple[Path, Path]:
    """A database in a folder of its own (so the folder can be made read-only), closed."""
    folder = tmp_path / "centre"
    folder.mkdir()
    db, pw = init_database(folder)
    return db, pw


@pytest.mark.parametrize("command", COMMANDS)
def test_a_folder_where_the_working_files_cannot_be_made_is_named(
    command: str, centre: tuple[Path, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db, pw = centre
    argv = [*opening_commands(tmp_path)[command], "--db", str(db), "--passphrase-file", str(pw)]
    capsys.readouterr()
    with immutable(db.parent):
        status = main(argv)
    err = capsys.readouterr().err
    assert status == 2, err
    assert err.count("\n") == 1, err
    assert WRONG_KEY not in err
    assert f"cannot create the database's working files in {db.parent}" in err
    # Once the folder can be written again, the same passphrase opens it.
    assert main(["verify", "--db", str(db), "--passphrase-file", str(pw)]) == 0


def test_a_database_held_by_another_program_is_busy_not_a_wrong_passphrase(
    centre: tuple[Path, Path], tmp_path: Path
) -> None:
    db, pw = centre
    options = ["--db", str(db), "--passphrase-file", str(pw)]
    commands = opening_commands(tmp_path)
    # In parallel: each waits out SQLite's busy timeout (5 s) before it gives up.
    with held_exclusively(DbConfig(db, PASSPHRASE, TEST_KDF_ITER)):
        running = {name: kiosk_process([*argv, *options]) for name, argv in commands.items()}
        said = {name: p.communicate(timeout=120) for name, p in running.items()}
    for name, p in running.items():
        err = said[name][1]
        assert p.returncode == 2, (name, err)
        assert err.count("\n") == 1, (name, err)
        assert WRONG_KEY not in err, name
        # rekey finds the other program before opening the file, and says so.
        words = "is in use" if name == "rekey" else BUSY
        assert words in err, (name, err)


def test_a_wrong_passphrase_is_still_called_one(
    centre: tuple[Path, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db, _ = centre
    wrong = write(tmp_path / "wrong", "not the passphrase at all\n")
    for command in COMMANDS:
        argv = opening_commands(tmp_path)[command]
        capsys.readouterr()
        assert main([*argv, "--db", str(db), "--passphrase-file", str(wrong)]) == 2, command
        assert WRONG_KEY in capsys.readouterr().err, command
