"""`kiosk purge` as the co-ordinator runs it."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path

import pytest

from kiosk.cli import main
from kiosk.services import store
from models import AuditEntry, Case, DbConfig
from tests.support.builders import make_case


@pytest.fixture
def aged(db: DbConfig, tmp_path: Path) -> Path:
    """Two cases last used long ago, one recently; returns the passphrase file."""
    now = datetime.now()
    make_case("OLD-1", now - timedelta(days=5 * 365), resident="Odette")
    make_case("OLD-2", now - timedelta(days=4 * 365), resident="Orla")
    make_case("RECENT", now - timedelta(days=20), resident="Rhian")
    store.close()
    pass_file = tmp_path / "pass.txt"
    pass_file.write_text(db.passphrase, encoding="utf-8")
    return pass_file


def _purge(db: DbConfig, pass_file: Path, *args: str) -> int:
    return main(["purge", *args, "--db", str(db.path), "--passphrase-file", str(pass_file)])


def _refs(db: DbConfig) -> list[str]:
    store.open_store(db)
    try:
        return sorted(c.ref for c in Case.select())
    finally:
        store.close()


def test_dry_run_shows_what_is_due_and_deletes_nothing(
    db: DbConfig, aged: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert _purge(db, aged, "--dry-run") == 0
    out = capsys.readouterr().out
    assert "OLD-1, OLD-2" in out and "RECENT" not in out and "Dry run" in out
    assert "people" in out and "Odette" not in out
    assert _refs(db) == ["OLD-1", "OLD-2", "RECENT"]


def test_without_a_terminal_the_purge_needs_yes(
    db: DbConfig, aged: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert _purge(db, aged) == 2
    assert "--yes" in capsys.readouterr().err
    assert len(_refs(db)) == 3


def test_purge_with_yes_destroys_what_is_due(
    db: DbConfig, aged: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert _purge(db, aged, "--yes") == 0
    assert "Destroyed 8 records (2 cases) in" in capsys.readouterr().out
    assert _refs(db) == ["RECENT"]
    store.open_store(db)
    assert AuditEntry.get(AuditEntry.action == "purge").actor_label == "cli"
    store.close()
    assert _purge(db, aged, "--yes") == 0
    assert "Nothing is due." in capsys.readouterr().out


def test_as_of_counts_from_an_earlier_date_and_refuses_the_future(
    db: DbConfig, aged: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    earlier = (datetime.now() - timedelta(days=400)).date().isoformat()
    assert _purge(db, aged, "--as-of", earlier, "--yes") == 0
    assert _refs(db) == ["OLD-2", "RECENT"]
    capsys.readouterr()
    future = (datetime.now() + timedelta(days=1)).date().isoformat()
    assert _purge(db, aged, "--as-of", future, "--yes") == 2
    assert _purge(db, aged, "--as-of", "last tuesday") == 2
    err = capsys.readouterr().err.splitlines()
    assert len(err) == 2 and "later than today" in err[0] and "not a date" in err[1]
