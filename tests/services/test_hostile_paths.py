"""What a hostile tester tried on files, dates and prompts: each is refused in one line."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from datetime import datetime
from pathlib import Path

import pytest

from kiosk.cli import main
from kiosk.clock import FixedClock
from kiosk.passphrase import PassphraseError, read_passphrase
from kiosk.services import store
from kiosk.services.cards import issue as card_issue
from kiosk.services.release import subject_access
from kiosk.services.staff.auth import StaffMember
from kiosk.services.store import private_files
from kiosk.services.store.forms import Problem, parse_minutes, read_date
from models import DbConfig, Role
from tests.support.builders import PASSPHRASE, make_case, person
from tests.support.cli import ROOT
from tests.support.files import write

NOW = datetime(2026, 11, 21, 9, 0)


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.lstat().st_mode)


def test_a_named_pipe_is_refused_at_once(tmp_path: Path) -> None:
    pipe = tmp_path / "card.png"
    os.mkfifo(pipe)
    # In a process of its own: opening a pipe to look inside it would wait for a writer.
    probe = (
        "import sys; from pathlib import Path\n"
        "from kiosk.services.store import private_files as p\n"
        "try:\n    p.write_new(Path(sys.argv[1]), b'x', replace=True)\n"
        "except p.FileRefused as exc:\n    print(exc)"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe, str(pipe)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert "not a plain file" in done.stdout, done.stderr[-2000:]


def test_an_empty_file_is_not_taken_for_a_database(db: DbConfig, tmp_path: Path) -> None:
    empty = tmp_path / "left-empty.csv"
    empty.write_bytes(b"")
    private_files.write_new(empty, b"new", replace=True)
    assert empty.read_bytes() == b"new"


def test_a_planted_link_in_the_card_folder_is_never_followed(
    coordinator: StaffMember, clock: FixedClock, tmp_path: Path
) -> None:
    case = make_case("CASE-1", NOW)
    victim = tmp_path / "victim.txt"
    victim.write_text("keep me")
    folder = tmp_path / "cards"
    folder.mkdir()
    for n in range(1, 4):  # whichever number the next card takes
        (folder / f".card-{n}.png.part").symlink_to(victim)
    issued = card_issue.issue(person(case, Role.RESIDENT).id, coordinator, clock, folder=folder)
    assert victim.read_text() == "keep me"
    assert not issued.path.is_symlink() and issued.path.read_bytes().startswith(b"\x89PNG")


def test_a_card_issued_by_the_command_removes_the_revoked_cards_file(
    coordinator: StaffMember,
    clock: FixedClock,
    db: DbConfig,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    case = make_case("CASE-1", NOW)
    first = card_issue.issue(person(case, Role.RESIDENT).id, coordinator, clock)
    assert first.path.exists()
    store.close()
    monkeypatch.setenv("KIOSK_PASSPHRASE", PASSPHRASE)
    card = ["card", "--db", str(db.path), "--case", "CASE-1", "--role", "resident"]
    assert main([*card, "-o", str(tmp_path / "new.png")]) == 0
    assert not first.path.exists()


def test_a_refused_replacement_leaves_both_subject_access_files_as_they_were(
    db: DbConfig, tmp_path: Path
) -> None:
    make_case("CASE-1", NOW)
    out = tmp_path / "sar"
    first = subject_access.export("CASE-1", "resident", out, NOW, None)
    before = first.json_path.read_bytes()
    first.pdf_path.unlink()
    first.pdf_path.symlink_to(tmp_path / "elsewhere.pdf")
    with pytest.raises(subject_access.SubjectAccessRefused, match="link"):
        subject_access.export("CASE-1", "resident", out, NOW, None, replace=True)
    assert first.json_path.read_bytes() == before


def test_a_db_option_naming_another_file_leaves_its_mode_alone(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    other = write(tmp_path / "notes.txt", "not a database")
    os.chmod(other, 0o644)
    folder = tmp_path / "folder"
    folder.mkdir(mode=0o755)
    pw = write(tmp_path / "pw", PASSPHRASE)
    for target in (other, folder):
        assert main(["audit", "--db", str(target), "--passphrase-file", str(pw)]) == 2
    assert (_mode(other), _mode(folder)) == (0o644, 0o755)
    for command in (["rekey"], ["restore", str(other), "--yes"]):
        assert main([*command, "--db", str(folder), "--passphrase-file", str(pw)]) == 2
    assert all(line.startswith("kiosk: ") for line in capsys.readouterr().err.splitlines())


def test_init_without_a_coordinators_name_creates_nothing(tmp_path: Path) -> None:
    db = tmp_path / "kiosk.db"
    pw = write(tmp_path / "pw", PASSPHRASE)
    coord = write(tmp_path / "coord", "a long password")
    args = ["init", "--db", str(db), "--passphrase-file", str(pw)]
    assert main([*args, "--coordinator", " ", "--coordinator-password-file", str(coord)]) == 2
    assert not db.exists()
    dangling = tmp_path / "dangling.db"
    dangling.symlink_to(tmp_path / "nowhere.db")
    args = ["init", "--db", str(dangling), "--passphrase-file", str(pw)]
    assert main([*args, "--coordinator", "Co", "--coordinator-password-file", str(coord)]) == 2


def test_ctrl_d_at_the_passphrase_prompt_is_one_line() -> None:
    def eof(_: str) -> str:
        raise EOFError

    with pytest.raises(PassphraseError, match="no passphrase given"):
        read_passphrase(None, env={}, prompt=eof, interactive=True)


@pytest.mark.parametrize("text", ["²", "٣", "99999999999999999999"])
def test_minutes_are_ascii_digits_up_to_240(text: str) -> None:
    problems: list[Problem] = []
    assert parse_minutes(text, "settings.arrival_gap_min", problems) is None
    assert [p.field for p in problems] == ["settings.arrival_gap_min"]


@pytest.mark.parametrize("text", ["9999-12-31", "0001-01-01", "31/12/9999"])
def test_dates_beyond_the_records_are_refused_everywhere(
    text: str, db: DbConfig, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    with pytest.raises(ValueError, match="not a date the centre"):
        read_date(text)
    store.close()
    monkeypatch.setenv("KIOSK_PASSPHRASE", PASSPHRASE)
    with pytest.raises(SystemExit) as stopped:
        main(["audit", "--db", str(db.path), "--until", text])
    assert stopped.value.code == 2


def test_both_date_forms_are_taken_by_the_commands(
    db: DbConfig, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert read_date("04/12/2026") == read_date("2026-12-04")
    store.close()
    monkeypatch.setenv("KIOSK_PASSPHRASE", PASSPHRASE)
    assert main(["audit", "--db", str(db.path), "--from", "04/12/2026"]) == 0
