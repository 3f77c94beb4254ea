"""What the kiosk hands to CUPS's lp: the file's contents on lp's input, never its name
(kept in the printer's job history), an environment without the database's passphrase,
and a printer that does not answer refused in plain words."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from kiosk import printing

FAKE_LP = """#!/bin/sh
printf '%s\\n' "$@" > "{bin}/asked"
env > "{bin}/env"
cat > "{bin}/got"
"""


def _printer(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, script: str = FAKE_LP) -> Path:
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    (bin_dir / "lp").write_text(script.format(bin=bin_dir))
    (bin_dir / "lp").chmod(0o755)
    monkeypatch.setenv("PATH", f"{bin_dir}{os.pathsep}{os.environ['PATH']}")
    return bin_dir


def test_lp_reads_the_file_on_its_input_and_never_learns_its_name(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    bin_dir = _printer(tmp_path, monkeypatch)
    card = tmp_path / "rosa-smith-card.png"
    card.write_bytes(b"\x89PNG the card")
    assert printing.send(card, actual_size=True) == "Sent rosa-smith-card.png to the printer."
    asked = (bin_dir / "asked").read_text()
    assert "rosa" not in asked and str(tmp_path) not in asked
    assert asked.splitlines()[:4] == ["-s", "-t", printing.JOB_TITLE, "-o"]
    assert (bin_dir / "got").read_bytes() == b"\x89PNG the card"


def test_lp_is_not_given_the_database_passphrase_or_another_secret(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    bin_dir = _printer(tmp_path, monkeypatch)
    monkeypatch.setenv("KIOSK_PASSPHRASE", "correct horse battery")
    monkeypatch.setenv("SMTP_PASSWORD", "hunter2")
    monkeypatch.setenv("PRINTER", "office")
    (tmp_path / "list.txt").write_text("Roll call\n")
    printing.send(tmp_path / "list.txt")
    env = (bin_dir / "env").read_text()
    assert "correct horse battery" not in env and "hunter2" not in env
    # What lp needs to find the printer is passed on.
    assert "PRINTER=office" in env.splitlines()


def test_a_printer_that_does_not_answer_is_refused_in_plain_words(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # lp waits for a file nobody makes: it never answers, whatever the machine's speed.
    never = '#!/bin/sh\nwhile [ ! -e "{bin}/never" ]; do sleep 0.05; done\n'
    _printer(tmp_path, monkeypatch, never)
    monkeypatch.setattr(printing, "LP_TIMEOUT_SECONDS", 0.5)
    (tmp_path / "list.txt").write_text("Roll call\n")
    with pytest.raises(printing.PrintError) as refused:
        printing.send(tmp_path / "list.txt")
    assert str(refused.value) == (
        f"The printer did not answer within 0.5 seconds: {tmp_path / 'list.txt'} is written; "
        "print it from a computer with a printer"
    )
