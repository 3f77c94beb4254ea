"""`kiosk incidents` and `kiosk accidents` as a user runs them: real file, one-line errors."""

from __future__ import annotations

import csv
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from pypdf import PdfReader

from kiosk.cli import main
from kiosk.clock import FixedClock
from kiosk.services import store
from kiosk.services.door import logbooks
from kiosk.services.door.logbooks import AccidentReport
from kiosk.services.safeguarding import follow_up
from kiosk.services.safeguarding.incidents import Action
from kiosk.services.staff.auth import StaffMember
from models import AuditEntry, DbConfig, Disclosure, Incident
from tests.support.builders import door_day, make_coordinator, make_volunteer

CONCERN = "Mia said her dad shouted at her\nin the car park \x1b[2J"


@pytest.fixture
def cli_db(db: DbConfig, tmp_path: Path) -> list[str]:
    # The commands run on the real clock: everything was recorded in the last hours.
    clock = FixedClock(datetime.now().replace(microsecond=0) - timedelta(hours=3))
    volunteer: StaffMember = make_volunteer(clock.now())
    coordinator: StaffMember = make_coordinator(clock.now())
    ba, _ = door_day(clock.now())
    first = logbooks.incident(volunteer, ba.id, "Mia said her dad shouted at her", clock)
    # Typed before the door refused control characters: printed without them.
    Incident.update(description=CONCERN).where(Incident.id == first).execute()
    follow_up.record_action(
        coordinator, first, Action.POLICE, clock.now(), reason="violence_risk", what="The concern"
    )
    clock.advance(minutes=30)
    second = logbooks.incident(volunteer, None, "A man waited at the gate", clock)
    follow_up.add_note(coordinator, second, "Told the police community officer", clock.now())
    follow_up.record_action(coordinator, second, Action.NOTHING_FURTHER, clock.now())
    follow_up.close(coordinator, second, "He has not come back", clock.now())
    hall = AccidentReport("Mia", "Tripped in the hall", "the hall", "graze", "plaster")
    entry = logbooks.accident(volunteer, hall, clock)
    logbooks.accident(volunteer, AccidentReport("Mia", "Tripped on the rug", corrects=entry), clock)
    store.close()
    secret = tmp_path / "passphrase"
    secret.write_text(db.passphrase + "\n", encoding="utf-8")
    return ["--db", str(db.path), "--passphrase-file", str(secret)]


def test_incidents_list_one_a_line_starting_with_its_number(
    cli_db: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["incidents", "list", *cli_db]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert [line.split("\t")[:2] for line in lines] == [["1", "new"], ["2", "closed"]]
    assert lines[0].split("\t")[3:] == ["case CASE-A", "Priya Shah"]
    assert "shouted" not in "\n".join(lines)  # a list never shows what one says
    assert main(["incidents", "list", "--status", "closed", *cli_db]) == 0
    assert capsys.readouterr().out.splitlines()[0].startswith("2\tclosed\t")
    assert main(["incidents", "list", "--status", "under_review", *cli_db]) == 0
    assert capsys.readouterr().out == "No incidents.\n"


def test_incidents_show_prints_text_and_follow_up_and_is_audited(
    cli_db: list[str], db: DbConfig, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["incidents", "show", "2", *cli_db]) == 0
    out = capsys.readouterr().out
    for expected in (
        "Incident 2 (closed)",
        "by Priya Shah, about the centre",
        "  A man waited at the gate",
        "Alex Morgan:\n    Told the police community officer",
        "What was done: nothing further",
        "Outcome:\n  He has not come back",
    ):
        assert expected in out, expected
    assert main(["incidents", "show", "1", *cli_db]) == 0
    out = capsys.readouterr().out
    assert "  Mia said her dad shouted at her\n  in the car park [2J" in out
    assert "\x1b" not in out
    assert main(["incidents", "show", "9", *cli_db]) == 2
    assert capsys.readouterr().err == "kiosk: There is no incident 9.\n"
    store.open_store(db)
    viewed = AuditEntry.select().where(AuditEntry.action == "incident_viewed")
    assert [(a.target, a.actor_label) for a in viewed] == [
        ("incident:2", "cli"),
        ("incident:1", "cli"),
    ]
    # Read at the terminal, it is still new: the co-ordinator's home goes on saying so
    # until they open it themselves.
    assert Incident.get_by_id(1).opened_at is None


def test_a_disclosure_made_from_an_incident_names_it_and_the_incident_names_it(
    cli_db: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["disclose", "list", "--case", "CASE-A", *cli_db]) == 0
    assert capsys.readouterr().out.rstrip("\n").endswith("\tThe concern\tincident 1")
    assert main(["incidents", "show", "1", *cli_db]) == 0
    assert "Disclosure 1: to Police" in capsys.readouterr().out


def test_accidents_export_by_the_file_s_ending(
    cli_db: list[str], db: DbConfig, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    pdf, table = tmp_path / "book.pdf", tmp_path / "book.csv"
    assert main(["accidents", "export", "-o", str(pdf), "--recipient", "HSE", *cli_db]) == 0
    assert "Wrote 1 accident (2 entries with corrections)" in capsys.readouterr().out
    text = "\n".join(p.extract_text() for p in PdfReader(pdf).pages)
    assert "Tripped on the rug" in text and "HSE" in text
    assert main(["accidents", "export", "-o", str(table), *cli_db]) == 0
    with table.open(encoding="utf-8-sig", newline="") as f:
        assert [r[4] for r in list(csv.reader(f))[1:]] == ["Mia", "Mia"]
    assert main(["accidents", "export", "-o", str(table), *cli_db]) == 2
    err = capsys.readouterr().err
    assert "--force" in err and err.count("\n") == 1
    assert main(["accidents", "export", "-o", str(table), "--force", *cli_db]) == 0
    store.open_store(db)
    assert [d.kind for d in Disclosure.select()] == ["safeguarding"] + ["accident_book"] * 3


def test_any_other_ending_is_one_line_and_exit_2_before_the_passphrase(
    db: DbConfig, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    store.close()
    # No passphrase file and no KIOSK_PASSPHRASE: asking for one would fail differently.
    args = ["accidents", "export", "--db", str(db.path), "-o", str(tmp_path / "book.xlsx")]
    assert main(args) == 2
    assert capsys.readouterr().err == (
        "kiosk: book.xlsx: the file's ending chooses the format, .pdf or .csv\n"
    )
    assert not (tmp_path / "book.xlsx").exists()
