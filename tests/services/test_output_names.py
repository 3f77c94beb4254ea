"""The file a command is told to write (-o): what a hostile tester tried, each refused in one line.

A name with a new line and an escape forged an audit entry and coloured the
terminal; `-o -` made a file named `-`; --force replaced the passphrase file
just read; and with standard output closed the command ended in a crash report.
"""

from __future__ import annotations

import subprocess
import sys
from datetime import datetime
from pathlib import Path

import pytest

from kiosk.cli import main
from kiosk.services import store
from kiosk.services.release import audit_query
from kiosk.services.store import audit, private_files
from models import AuditEntry, DbConfig
from tests.support.builders import PASSPHRASE, TEST_KDF_ITER
from tests.support.cli import ROOT, init_database

FORGED = "x\n2026-12-02 09:00:00\tcli\tpurge\t\tall cases purged\x1b[31mRED"
STATS = ["stats", "--period", "month", "--from", "2026-10-01", "--format", "csv"]


def _opts(db: Path, pw: Path) -> list[str]:
    return ["--db", str(db), "--passphrase-file", str(pw)]


def _refused(argv: list[str]) -> None:
    """An option refused as the parser refuses one: exit status 2."""
    with pytest.raises(SystemExit) as ended:
        main(argv)
    assert ended.value.code == 2


def _one_line(capsys: pytest.CaptureFixture[str]) -> str:
    captured = capsys.readouterr()
    assert captured.err.count("\n") == 1, captured.err
    assert "\x1b" not in captured.err + captured.out
    return captured.err


@pytest.mark.parametrize("name", [FORGED, "report\u202eVSC.md", "a\tb.csv"])
def test_a_file_name_with_a_control_character_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, name: str
) -> None:
    """Failed before the fix: the file was written and its name went into the audit log."""
    db, pw = init_database(tmp_path)
    monkeypatch.chdir(tmp_path)
    _refused([*STATS, *_opts(db, pw), "-o", name])
    assert "control character" in _one_line(capsys)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["coord", "kiosk.db", "pass"]
    with pytest.raises(private_files.FileRefused, match="control character"):
        private_files.write_new(tmp_path / name, b"x")


def test_the_audit_log_prints_a_control_character_escaped(
    db: DbConfig, capsys: pytest.CaptureFixture[str]
) -> None:
    """Failed before the fix: a detail written as it was printed a second line and an ESC."""
    audit.record("stats_export", datetime(2026, 12, 2, 9), detail=f"csv, to {FORGED}")
    (line,) = audit_query.search(audit_query.AuditFilter())
    assert "\n" not in line.detail and "\x1b" not in line.detail and "\t" not in line.detail
    assert line.detail.endswith("\\x1b[31mRED")


def test_o_dash_is_refused_and_the_path_logged_is_whole(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Failed before the fix: `-o -` made a file named `-`, and a relative name was logged."""
    db, pw = init_database(tmp_path)
    monkeypatch.chdir(tmp_path)
    _refused([*STATS, *_opts(db, pw), "-o", "-"])
    assert "not -" in _one_line(capsys)
    assert not (tmp_path / "-").exists()
    assert main([*STATS, *_opts(db, pw), "-o", "october.csv"]) == 0
    assert f"to {tmp_path / 'october.csv'};" in capsys.readouterr().out
    with store.opened(DbConfig(db, PASSPHRASE, TEST_KDF_ITER)):
        entry = AuditEntry.get(AuditEntry.action == "stats_export")
    assert entry.detail.endswith(f"to {tmp_path / 'october.csv'}")


def test_force_never_replaces_the_passphrase_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Failed before the fix: --force wrote the figures over the passphrase just read."""
    db, pw = init_database(tmp_path)
    before = pw.read_bytes()
    assert main([*STATS, *_opts(db, pw), "-o", str(pw), "--force"]) == 2
    assert "passphrase file" in _one_line(capsys)
    assert pw.read_bytes() == before


def test_with_standard_output_closed_the_command_ends_without_a_crash(tmp_path: Path) -> None:
    """Failed before the fix: AttributeError at kiosk/cli.py, and a crash report."""
    db, pw = init_database(tmp_path)
    argv = [*STATS, *_opts(db, pw), "-o", str(tmp_path / "out.csv")]
    done = subprocess.run(
        ["bash", "-c", '"$@" >&-', "kiosk", sys.executable, "-m", "kiosk", *argv],
        cwd=ROOT,
        stdin=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 141, done.stderr
    assert done.stderr == ""
    assert (tmp_path / "out.csv").exists()
