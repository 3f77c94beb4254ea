"""`kiosk stats`: the format from the file's ending, a mismatch refused, one plain message."""

from __future__ import annotations

from pathlib import Path

import pytest

from kiosk.cli import main
from kiosk.services import store
from models import AuditEntry, DbConfig
from tests.support.stats_centre import small_centre


def _base(db: DbConfig, tmp_path: Path) -> list[str]:
    small_centre()
    store.close()
    secret = tmp_path / "passphrase"
    secret.write_text(db.passphrase + "\n", encoding="utf-8")
    return ["stats", "--db", str(db.path), "--passphrase-file", str(secret)]


@pytest.mark.parametrize("ending", ["pdf", "csv", "md"])
def test_the_format_is_the_file_ending_when_not_given(
    db: DbConfig, tmp_path: Path, ending: str
) -> None:
    out = tmp_path / f"figures.{ending.upper()}"
    assert main([*_base(db, tmp_path), "--period", "month", "-o", str(out)]) == 0
    data = out.read_bytes()
    if ending == "pdf":
        assert data.startswith(b"%PDF")
    elif ending == "csv":
        assert data.decode("utf-8-sig").startswith("section,")
    else:
        assert data.startswith(b"# ")


def test_a_format_the_ending_contradicts_is_refused_in_one_line(
    db: DbConfig, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "x.csv"
    base = _base(db, tmp_path)
    assert main([*base, "--period", "month", "--format", "pdf", "-o", str(out)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "x.csv" in err and "not .pdf" in err
    assert not out.exists()
    unknown = tmp_path / "figures.txt"
    assert main([*base, "--period", "month", "-o", str(unknown)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and ".pdf, .csv or .md" in err
    store.open_store(db)
    assert AuditEntry.select().where(AuditEntry.action == "stats_export").count() == 0


def test_the_message_has_one_pair_of_brackets(
    db: DbConfig, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "q.csv"
    args = ["--period", "quarter", "--from", "2026-08-01", "-o", str(out)]
    assert main([*_base(db, tmp_path), *args]) == 0
    said = capsys.readouterr().out
    assert "Q3 2026 (Jul to Sep), small numbers withheld," in said
    assert said.count("(") == 1
