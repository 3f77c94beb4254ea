"""Opening the database fails closed and tells the user one clear line."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from kiosk.cli import main
from kiosk.services import store
from models import DbConfig, OpenError, database
from models.db import WRONG_KEY
from tests.support.builders import PASSPHRASE, TEST_KDF_ITER
from tests.support.cli import init_database, kiosk_init
from tests.support.files import digest, write


def test_init_creates_an_encrypted_database(tmp_path: Path) -> None:
    db, _ = init_database(tmp_path)
    header = db.read_bytes()[:16]
    assert header != b"SQLite format 3\x00"
    with pytest.raises(sqlite3.DatabaseError):
        sqlite3.connect(db).execute("SELECT count(*) FROM sqlite_master").fetchone()


def test_empty_passphrase_is_refused_and_nothing_is_created(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "kiosk.db"
    empty = write(tmp_path / "empty", "\n")
    coord = write(tmp_path / "coord", "a long password\n")
    assert kiosk_init(db, empty, coord) == 2
    assert "empty passphrase" in capsys.readouterr().err
    assert list(tmp_path.glob("kiosk.db*")) == []


def test_empty_passphrase_is_refused_by_the_store_itself(tmp_path: Path) -> None:
    with pytest.raises(OpenError):
        store.create(DbConfig(tmp_path / "k.db", "", TEST_KDF_ITER))
    assert not (tmp_path / "k.db").exists()


def test_wrong_passphrase_exits_2_with_one_line_and_changes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db, _ = init_database(tmp_path)
    before = digest(db)
    capsys.readouterr()
    wrong = write(tmp_path / "wrong", "not the passphrase")
    code = main(
        [
            "import",
            "cases",
            str(tmp_path / "x.csv"),
            "--db",
            str(db),
            "--passphrase-file",
            str(wrong),
        ]
    )
    err = capsys.readouterr().err
    assert code == 2
    assert err.strip().splitlines() == [f"kiosk: {WRONG_KEY}"]
    assert "Traceback" not in err
    assert digest(db) == before


@pytest.mark.parametrize("content", [b"", b"hello, not a database" * 100])
def test_a_file_that_is_not_a_kiosk_database_is_refused(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "other.db"
    path.write_bytes(content)
    with pytest.raises(OpenError, match=WRONG_KEY):
        store.open_store(DbConfig(path, PASSPHRASE, TEST_KDF_ITER))
    assert path.read_bytes() == content


def test_a_plain_sqlite_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "plain.db"
    sqlite3.connect(path).execute("CREATE TABLE t(x)").connection.commit()
    before = path.read_bytes()
    with pytest.raises(OpenError, match=WRONG_KEY):
        store.open_store(DbConfig(path, PASSPHRASE, TEST_KDF_ITER))
    assert path.read_bytes() == before


def test_missing_database_says_run_init(tmp_path: Path) -> None:
    with pytest.raises(OpenError, match="kiosk init"):
        store.open_store(DbConfig(tmp_path / "none.db", PASSPHRASE, TEST_KDF_ITER))


def test_connection_pragmas(db: DbConfig) -> None:
    def pragma(name: str) -> object:
        return database.execute_sql(f"PRAGMA {name}").fetchone()[0]

    assert pragma("journal_mode") == "wal"
    assert pragma("foreign_keys") == 1
    assert pragma("secure_delete") == 1
    assert pragma("busy_timeout") == 5000
    assert str(pragma("cipher_memory_security")) == "1"
    assert int(str(pragma("kdf_iter"))) == TEST_KDF_ITER


def test_init_refuses_an_existing_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db, pw = init_database(tmp_path)
    before = digest(db)
    coord = write(tmp_path / "coord2", "another password\n")
    assert kiosk_init(db, pw, coord) == 2
    assert "already exists" in capsys.readouterr().err
    assert digest(db) == before


def test_empty_passphrase_when_opening_says_so_without_talk_of_encryption(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db, _ = init_database(tmp_path)
    empty = write(tmp_path / "empty", "\n")
    assert main(["verify", "--db", str(db), "--passphrase-file", str(empty)]) == 2
    err = capsys.readouterr().err
    assert "empty passphrase" in err
    assert "would not be encrypted" not in err
