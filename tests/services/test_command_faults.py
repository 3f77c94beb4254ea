"""The commands that make, keep, copy and change whole databases, and the command line
itself, under faults.

A read-only file or folder, a full disk, an option out of range: each is one line with
exit status 2, and the files are left as they were, or in a state the line names. A
reader that goes away ends a command silently with 141."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest

from kiosk.cli import main
from tests.support.builders import PASSPHRASE
from tests.support.disk_faults import immutable
from tests.support.files import write

NOW = datetime(2026, 11, 21, 9)


def _one_line(capsys: pytest.CaptureFixture[str]) -> str:
    err = capsys.readouterr().err
    assert err.count("\n") == 1, err
    assert "Traceback" not in err and "unexpected error" not in err, err
    return err


def _opts(db: Path, pw: Path) -> list[str]:
    return ["--db", str(db), "--passphrase-file", str(pw)]


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
