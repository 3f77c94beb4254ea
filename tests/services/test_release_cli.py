"""The release commands end to end: real database file, real files out, one-line errors."""

from __future__ import annotations

import csv
import json
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from pypdf import PdfReader

from kiosk.cli import main
from kiosk.services import store
from models import Attendance, AuditEntry, DbConfig, Disclosure, Policy
from tests.support.release_data import REFERRER, RESIDENT, VISITING, family_case, identifying


@pytest.fixture
def cli_db(db: DbConfig, tmp_path: Path) -> list[str]:
    # The CLI runs on the real clock: sessions in the recent past.
    family_case("C-1", datetime.now() - timedelta(days=1))
    store.close()
    secret = tmp_path / "passphrase"
    secret.write_text(db.passphrase + "\n", encoding="utf-8")
    return ["--db", str(db.path), "--passphrase-file", str(secret)]


def _reopen(db: DbConfig) -> None:
    store.open_store(db)


def test_export_csv_and_pdf(
    cli_db: list[str], db: DbConfig, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    base = ["export", "attendance", "--case", "C-1", "--recipient", REFERRER, *cli_db]
    assert main([*base, "--format", "csv", "-o", str(tmp_path / "a.csv")]) == 0
    assert "Wrote 8 rows" in capsys.readouterr().out
    with (tmp_path / "a.csv").open(encoding="utf-8-sig", newline="") as f:
        assert len(list(csv.reader(f))) == 9
    assert (
        main([*base, "--format", "pdf", "--from", "2020-01-01", "-o", str(tmp_path / "a.pdf")]) == 0
    )
    text = PdfReader(tmp_path / "a.pdf").pages[0].extract_text()
    assert "C-1" in text and "2020-01-01" in text
    for value in identifying(RESIDENT) + identifying(VISITING):
        assert value not in text
    _reopen(db)
    assert [d.made_by_label for d in Disclosure.select()] == ["cli", "cli"]


def test_export_errors_are_one_line(
    cli_db: list[str], db: DbConfig, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = str(tmp_path / "x.csv")
    args = ["export", "attendance", "--case", "C-1", "--format", "csv", "-o", out, *cli_db]
    assert main([*args, "--recipient", ""]) == 2
    assert capsys.readouterr().err.strip().count("\n") == 0
    assert main([*args, "--recipient", "A Solicitor"]) == 2
    err = capsys.readouterr().err
    assert "--other-recipient" in err and err.count("\n") == 1
    assert not Path(out).exists()
    assert main([*args, "--recipient", "A Solicitor", "--other-recipient"]) == 0
    with pytest.raises(SystemExit):
        main([*args, "--recipient", REFERRER, "--from", "yesterday"])


def test_sar_command(cli_db: list[str], db: DbConfig, tmp_path: Path) -> None:
    folder = tmp_path / "sar"
    args = ["sar", "--case", "C-1", "--role", "resident", "-o", str(folder), *cli_db]
    assert main([*args, "--without-preview"]) == 0
    (json_file,) = folder.glob("*.json")
    (pdf_file,) = folder.glob("*.pdf")
    held = json.loads(json_file.read_text(encoding="utf-8"))
    assert held["you"]["first name"] == RESIDENT["first_name"]
    everything = json_file.read_text(encoding="utf-8") + PdfReader(pdf_file).pages[0].extract_text()
    for value in identifying(VISITING):
        assert value not in everything
    _reopen(db)
    assert Disclosure.get().kind == "subject_access"
    assert Disclosure.get().what.endswith("; not previewed")


def test_sar_preview_lists_each_redaction_masked_and_writes_nothing(
    cli_db: list[str], db: DbConfig, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "sar"
    args = ["sar", "--case", "C-1", "--role", "resident", "-o", str(folder), *cli_db]
    assert main([*args, "--preview", "--redact", "Card left"]) == 0
    out = capsys.readouterr().out
    assert "3 redactions: 1 name, 1 phone number, 1 added term" in out
    assert (
        "your check-ins and check-outs 1: note (name): "
        "[redacted] at home; [name] confirmed by phone [redacted]"
    ) in out
    for said in ("Victor", "Hargreave", "07700 900222", "Card left"):
        assert said not in out
    assert not folder.exists()
    # Made only as previewed: the digest printed, or unseen by saying so.
    assert main(args) == 2
    assert capsys.readouterr().err.startswith("kiosk: preview first (--preview)")
    assert main([*args, "--preview"]) == 0
    out = capsys.readouterr().out
    # Every value released is shown, a note with nothing redacted too.
    assert "  your check-ins and check-outs 2: note: " in out
    digest = out.split("Previewed: ")[1].split()[0]
    assert main([*args, "--previewed", "0" * 16]) == 2
    assert capsys.readouterr().err.startswith("kiosk: the records changed since the preview")
    assert main([*args, "--previewed", digest]) == 0
    out = capsys.readouterr().out
    assert "2 redactions: 1 name, 1 phone number" in out and "Victor" not in out
    _reopen(db)
    assert Disclosure.select().count() == 1
    assert "not previewed" not in Disclosure.get().what


def test_disclose_and_list(
    cli_db: list[str], db: DbConfig, capsys: pytest.CaptureFixture[str]
) -> None:
    args = ["disclose", "safeguarding", "--case", "C-1", "--to", "Police", *cli_db]
    assert main([*args, "--reason", "violence_risk", "--what", "Attendance dates"]) == 0
    assert main([*args, "--reason", "violence_risk", "--what", " "]) == 2
    capsys.readouterr()
    assert main(["disclose", "list", "--case", "C-1", *cli_db]) == 0
    out = capsys.readouterr().out
    assert "safeguarding\tPolice\tcli\tviolence_risk" in out


def test_policy_set_and_show(
    cli_db: list[str], db: DbConfig, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = tmp_path / "policy.md"
    text.write_text("# Our policy\n\nWe keep things confidential.\n", encoding="utf-8")
    args = ["policy", "set", str(text), "--reviewed-by", "Board", "--reviewed-on", "2026-01-10"]
    assert main([*args, *cli_db]) == 0
    assert main(["policy", "show", *cli_db]) == 0
    out = capsys.readouterr().out
    assert "We keep things confidential." in out and "Reviewed by Board on 2026-01-10" in out
    assert (
        main(
            [
                "policy",
                "set",
                str(tmp_path / "missing.md"),
                "--reviewed-by",
                "B",
                "--reviewed-on",
                "2026-01-10",
                *cli_db,
            ]
        )
        == 2
    )
    _reopen(db)
    assert Policy.select().count() == 1
    assert AuditEntry.get(AuditEntry.action == "policy_set").actor_label == "cli"


def test_audit_command(
    cli_db: list[str], db: DbConfig, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    sar = ["sar", "--case", "C-1", "--role", "visiting", "-o", str(tmp_path)]
    main([*sar, "--without-preview", *cli_db])
    capsys.readouterr()
    assert main(["audit", "--action", "disclosure_subject_access", *cli_db]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 1 and "\tcli\tdisclosure_subject_access\tdisclosure:" in lines[0]


def test_policy_set_refuses_a_future_review_date(
    cli_db: list[str], db: DbConfig, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = tmp_path / "policy.md"
    text.write_text("# Our policy\n", encoding="utf-8")
    later = (date.today() + timedelta(days=30)).isoformat()
    args = ["policy", "set", str(text), "--reviewed-by", "Board", "--reviewed-on", later]
    capsys.readouterr()
    assert main([*args, *cli_db]) == 2
    err = capsys.readouterr().err
    assert "in the future" in err and err.count("\n") == 1
    _reopen(db)
    assert Policy.select().count() == 0


def test_export_refuses_to_replace_a_file_unless_forced(
    cli_db: list[str], db: DbConfig, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "a.csv"
    out.write_text("somebody else's file", encoding="utf-8")
    base = ["export", "attendance", "--case", "C-1", "--recipient", REFERRER, *cli_db]
    args = [*base, "--format", "csv", "-o", str(out)]
    assert main(args) == 2
    err = capsys.readouterr().err
    assert "already exists" in err and "--force" in err and err.count("\n") == 1
    assert out.read_text(encoding="utf-8") == "somebody else's file"
    assert main([*args, "--force"]) == 0
    assert out.read_bytes().startswith(b"\xef\xbb\xbf")
    _reopen(db)
    assert Disclosure.select().count() == 1


def test_sar_preview_prints_stored_control_characters_escaped(
    cli_db: list[str], db: DbConfig, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # Old data, stored before free text was checked at entry, with a terminal's escapes in it.
    _reopen(db)
    Attendance.update(reason="came\x1b[2J alone\rVictor").execute()
    store.close()
    args = ["sar", "--case", "C-1", "--role", "resident", "-o", str(tmp_path / "sar"), *cli_db]
    assert main([*args, "--preview"]) == 0
    out = capsys.readouterr().out
    assert "\x1b" not in out and "\r" not in out
    assert "came\\x1b[2J alone\\r" in out
