"""Databases are private from their first byte, passphrases are real, and odd input is one line."""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest

from kiosk.cli import main
from kiosk.services import store
from kiosk.services.cases import importer
from kiosk.services.cases.checks import check
from kiosk.services.cases.importer import ImportRejected
from kiosk.services.cases.records import CaseFile, PersonData
from models import DbConfig, Role
from tests.support.builders import PASSPHRASE, TEST_KDF_ITER
from tests.support.files import write


@pytest.fixture
def loose_umask() -> Iterator[None]:
    # The usual desktop umask: files are 0644 unless the product says otherwise.
    old = os.umask(0o022)
    yield
    os.umask(old)


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def _init(tmp_path: Path, passphrase: str) -> tuple[int, Path]:
    db = tmp_path / "kiosk.db"
    pw = write(tmp_path / "pass", passphrase + "\n")
    coord = write(tmp_path / "coord", "a long password\n")
    code = main(
        [
            *("init", "--db", str(db), "--passphrase-file", str(pw)),
            *("--coordinator", "Co Ordinator", "--coordinator-password-file", str(coord)),
        ]
    )
    return code, db


def test_init_makes_the_database_and_its_companions_0600(tmp_path: Path, loose_umask: None) -> None:
    code, db = _init(tmp_path, PASSPHRASE)
    assert code == 0
    store.open_store(DbConfig(db, PASSPHRASE, TEST_KDF_ITER))
    try:
        companions = [p for p in store.sidecar_files(db) if p.exists()]
        assert companions, "an open WAL database has its -wal and -shm"
        assert {p.name: _mode(p) for p in [db, *companions]} == {
            p.name: 0o600 for p in [db, *companions]
        }
    finally:
        store.close()


def test_demo_makes_its_database_0600(tmp_path: Path, loose_umask: None) -> None:
    db = tmp_path / "demo.db"
    assert main(["demo", "--db", str(db), "--no-launch"]) == 0
    assert _mode(db) == 0o600


@pytest.mark.parametrize("passphrase", [" ", "        ", "short12"])
def test_init_refuses_a_passphrase_under_eight_characters_or_all_spaces(
    tmp_path: Path, passphrase: str, capsys: pytest.CaptureFixture[str]
) -> None:
    code, db = _init(tmp_path, passphrase)
    err = capsys.readouterr().err
    assert code == 2 and not db.exists()
    assert err.count("\n") == 1 and "8 characters" in err


# Eight characters each, none of which shows: zero-width and format characters, controls.
INVISIBLE = [
    "\u200b" * 8,
    "\u200b\u200c\u200d\u2060\ufeff\u200b\u200c\u200d",
    "\u00a0\u2003\u3000\u00a0\u2003\u3000\u00a0\u2003",
    "abc\u200b\u200b\u200b\u200b\u200b",
    "\x01\x02\x03\x04\x05\x06\x07\x08",
]


@pytest.mark.parametrize("passphrase", INVISIBLE, ids=["zwsp", "format", "spaces", "abc", "ctl"])
def test_init_and_rekey_refuse_a_passphrase_of_characters_that_do_not_show(
    tmp_path: Path, passphrase: str, capsys: pytest.CaptureFixture[str]
) -> None:
    code, db = _init(tmp_path, passphrase)
    err = capsys.readouterr().err
    assert code == 2 and not db.exists()
    assert err.count("\n") == 1 and "8 characters that show" in err
    code, db = _init(tmp_path, PASSPHRASE)
    assert code == 0
    old = write(tmp_path / "old", PASSPHRASE)
    new = write(tmp_path / "new", passphrase)
    capsys.readouterr()
    args = ["rekey", "--db", str(db), "--passphrase-file", str(old)]
    assert main([*args, "--new-passphrase-file", str(new)]) == 2
    assert "8 characters that show" in capsys.readouterr().err


def test_eight_characters_that_show_are_enough_whatever_else_is_there(tmp_path: Path) -> None:
    code, _ = _init(tmp_path, "\u200bpässwörd\u200b")
    assert code == 0


def test_rekey_refuses_a_short_new_passphrase(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, db = _init(tmp_path, PASSPHRASE)
    assert code == 0
    old = write(tmp_path / "old", PASSPHRASE)
    new = write(tmp_path / "new", "   x   ")
    args = ["rekey", "--db", str(db), "--passphrase-file", str(old)]
    capsys.readouterr()
    assert main([*args, "--new-passphrase-file", str(new)]) == 2
    assert "8 characters" in capsys.readouterr().err
    # The old passphrase still opens it.
    assert main(["verify", "--db", str(db), "--passphrase-file", str(old)]) == 0


def test_an_existing_database_still_opens_with_the_passphrase_it_has(tmp_path: Path) -> None:
    short = DbConfig(tmp_path / "old.db", "abc", TEST_KDF_ITER)
    store.create(short)
    store.close()
    pw = write(tmp_path / "pw", "abc")
    assert main(["verify", "--db", str(short.path), "--passphrase-file", str(pw)]) == 0


def test_the_copy_set_aside_by_a_restore_is_0600(tmp_path: Path, loose_umask: None) -> None:
    code, db = _init(tmp_path, PASSPHRASE)
    assert code == 0
    pw = write(tmp_path / "pass2", PASSPHRASE)
    args = ["--db", str(db), "--passphrase-file", str(pw)]
    assert main(["backup", *args, "-o", str(tmp_path / "copy.db")]) == 0
    os.chmod(db, 0o644)  # as `kiosk init` left it before databases were made private
    assert main(["restore", *args, str(tmp_path / "copy.db"), "--yes"]) == 0
    assert _mode(db.with_name("kiosk.db.before-restore")) == 0o600


def _cases_csv(path: Path, ref: str, first_name: str = "Rosa") -> Path:
    header = ",".join(importer.CASE_COLUMNS)
    row = {c: "" for c in importer.CASE_COLUMNS}
    row.update(case_ref=ref, role="resident", first_name=first_name, last_name="Quill")
    return write(path, header + "\n" + ",".join(row[c] for c in importer.CASE_COLUMNS) + "\n")


def test_a_huge_field_is_one_problem_with_its_line(
    db: DbConfig, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = _cases_csv(tmp_path / "big.csv", "RCC-1", first_name="R" * 200_000)
    with pytest.raises(ImportRejected) as caught:
        importer.import_cases(source, __import__("datetime").datetime(2026, 12, 2, 9, 0))
    lines = caught.value.lines()
    assert any("line 2" in line and "too long" in line for line in lines), lines
    assert all(len(line) < 200 for line in lines)


@pytest.mark.parametrize("ref", ["RCC/2025/001", "RCC 001", "..", "a\\b", "ref:1"])
def test_a_case_reference_is_letters_digits_dash_underscore_and_dot(
    db: DbConfig, tmp_path: Path, ref: str
) -> None:
    person = PersonData(Role.RESIDENT, "Rosa", "Quill")
    problems = check(CaseFile(ref=ref, people=(person,)))
    assert [p.field for p in problems if p.field == "ref"] == ["ref"]
    assert "letters, digits" in next(p.message for p in problems if p.field == "ref")
    source = _cases_csv(tmp_path / "cases.csv", ref)
    with pytest.raises(ImportRejected) as caught:
        importer.import_cases(source, __import__("datetime").datetime(2026, 12, 2, 9, 0))
    assert any("letters, digits" in str(p) for p in caught.value.problems)


@pytest.mark.parametrize("ref", ["RCC-2025-001", "rcc_7.b"])
def test_ordinary_references_pass(db: DbConfig, ref: str) -> None:
    person = PersonData(Role.RESIDENT, "Rosa", "Quill")
    assert not [p for p in check(CaseFile(ref=ref, people=(person,))) if p.field == "ref"]


def test_subject_access_writes_for_a_reference_stored_with_a_slash(
    db: DbConfig, tmp_path: Path
) -> None:
    from datetime import datetime

    from kiosk.services.release import subject_access
    from tests.support.builders import make_case

    # References with "/" were accepted before entry was restricted; they must still export.
    make_case("RCC/2025/001", datetime(2026, 11, 1, 9, 0))
    result = subject_access.export(
        "RCC/2025/001", "resident", tmp_path / "out", datetime(2026, 12, 2, 9, 0), None
    )
    assert result.json_path.parent == tmp_path / "out" and result.json_path.exists()
    # Named by the case's number: a reference may spell a name or a postcode.
    assert result.json_path.name.startswith("subject-access-case")
    assert "RCC" not in result.json_path.name
