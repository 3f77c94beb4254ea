"""Cards on A4 (`kiosk card --sheet`, today's cards) and printing them through CUPS's lp.

The sheet's QR codes are read back from the PDF's images with zxing-cpp, as a
scanner would read the cut-out cards. lp is not installed here: a small script of
that name on PATH stands for it, recording what it was asked to print.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
import zxingcpp
from pypdf import PdfReader

from kiosk import printing
from kiosk.cli import main
from kiosk.clock import FixedClock
from kiosk.services import store
from kiosk.services.cards import issue as card_issue
from kiosk.services.cards import sheet
from kiosk.services.cards.issue import CardFileError
from kiosk.services.cards.render import CARD_H, CARD_W
from kiosk.services.cards.tokens import issue_card
from kiosk.services.staff.auth import StaffMember
from kiosk.services.store.faults import StoreFault
from models import Card, Case, DbConfig, Person, Role
from tests.support.builders import DAY, PASSPHRASE, add_person, make_booking, make_case, person
from tests.support.fault_helpers import (
    digest,
    full_disk,
    lock_held,
    read_only_file,
    writer_between,
)


def _codes(pdf: Path) -> list[str]:
    """Every QR code on every page, in page order."""
    found = []
    for page in PdfReader(pdf).pages:
        for image in page.images:
            found += [c.text for c in zxingcpp.read_barcodes(image.image)]
    return found


def _two_families() -> Case:
    """CASE-1 (Rosa, Victor and Gran, an adult) and CASE-2 (Nadia and Omar)."""
    case = make_case("CASE-1", DAY)
    add_person(case, Role.ADULT, "Gran", DAY, last_name="Gransdottir", phone="07700 900999")
    make_case("CASE-2", DAY, resident="Nadia", visiting="Omar")
    return case


def _sheet_command(db: DbConfig, out: Path, *extra: str) -> int:
    store.close()
    argv = ["card", "--db", str(db.path), "--sheet", "--case", "CASE-1", "-o", str(out)]
    return main([*argv, *extra])


@pytest.fixture
def env(monkeypatch: pytest.MonkeyPatch) -> pytest.MonkeyPatch:
    monkeypatch.setenv("KIOSK_PASSPHRASE", PASSPHRASE)
    return monkeypatch


def test_the_sheet_command_issues_every_adult_a_card_and_each_reads_back_from_the_pdf(
    db: DbConfig, tmp_path: Path, env: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    case = _two_families()
    old = issue_card(person(case, Role.RESIDENT).id, DAY)
    out = tmp_path / "case-1.pdf"
    assert _sheet_command(db, out) == 0
    printed = capsys.readouterr().out.splitlines()
    # One line a card, its code first: no code sits on a line of its own.
    cards = [line.split("  ", 1) for line in printed if line.startswith("CCK")]
    assert len(cards) == 3 and all(whose.startswith("Card for ") for _, whose in cards)
    codes = [code for code, _ in cards]
    assert sorted(_codes(out)) == sorted(codes)
    assert printed[-1].startswith(f"3 cards on an A4 sheet written to {out}")
    store.open_store(db)
    # The earlier card stops working; three new ones, all of CASE-1.
    assert Card.get(Card.token_hash == card_issue.token_hash(old)).revoked_at is not None
    active = Card.select().join(Person).where(Card.revoked_at.is_null())
    assert {c.person.case.ref for c in active} == {"CASE-1"} and active.count() == 3


def test_a_cases_sheet_holds_nothing_of_another_family_nor_anyones_phone_or_address(
    db: DbConfig, tmp_path: Path, env: pytest.MonkeyPatch
) -> None:
    _two_families()
    store.close()
    out = tmp_path / "case-1.pdf"
    assert _sheet_command(db, out) == 0
    store.open_store(db)
    reader = PdfReader(out)
    text = "\n".join(page.extract_text() for page in reader.pages)
    raw = out.read_bytes()
    others = Person.select().join(Case).where(Case.ref == "CASE-2")
    everyone = Person.select()
    secrets = [p.first_name for p in others] + [p.last_name for p in others]
    secrets += [d for p in everyone for d in (p.phone, p.address, p.postcode, p.email) if d]
    for secret in secrets:
        assert secret not in text and secret.encode() not in raw
    # Only this case's new codes are on it.
    mine = {c.person.case.ref for c in Card.select().join(Person).where(Card.revoked_at.is_null())}
    assert mine == {"CASE-1"} and len(_codes(out)) == 3


def test_a_sheet_that_cannot_be_written_issues_nothing(
    db: DbConfig, tmp_path: Path, env: pytest.MonkeyPatch
) -> None:
    case = _two_families()
    old = issue_card(person(case, Role.RESIDENT).id, DAY)
    # Its folder is a file (permissions would not stop root, who runs some test machines).
    not_a_folder = tmp_path / "cards"
    not_a_folder.write_text("")
    with pytest.raises(CardFileError, match="cannot write"):
        sheet.issue_case_sheet("CASE-1", not_a_folder / "sheet.pdf", DAY)
    assert Card.get(Card.token_hash == card_issue.token_hash(old)).revoked_at is None
    assert Card.select().count() == 1


def test_cards_sit_on_a4_at_their_real_size_with_room_for_the_cut_marks() -> None:
    places = sheet.card_positions(10)
    assert [p for p, _, _ in places] == [0] * 9 + [1]
    for _, x, y in places:
        margin = sheet.MARK_OFFSET + sheet.MARK
        assert margin <= x and x + CARD_W + margin <= sheet.A4_W
        assert margin <= y and y + CARD_H + margin <= sheet.A4_H
    # Side by side, a gap wide enough for both cards' marks; none overlap.
    (_, x0, y0), (_, x1, _), (_, _, y3) = places[0], places[1], places[3]
    assert x1 - (x0 + CARD_W) >= 2 * sheet.MARK_OFFSET and y3 - (y0 + CARD_H) > 0


def test_todays_sheet_lays_out_the_cards_issued_today_from_the_card_folder(
    coordinator: StaffMember, clock: FixedClock, tmp_path: Path
) -> None:
    case = _two_families()
    folder = tmp_path / "cards"
    issued = [
        card_issue.issue(person(case, role).id, coordinator, clock, folder=folder)
        for role in (Role.RESIDENT, Role.VISITING)
    ]
    out = tmp_path / "today.pdf"
    assert sheet.todays_sheet(coordinator, clock.now(), out, folder=folder) == 2
    assert sorted(_codes(out)) == sorted(i.token for i in issued)


def _fake_lp(folder: Path, status: int = 0, said: str = "") -> Path:
    """An `lp` that writes its arguments, and what it read on its input, to files: what CUPS
    would have been asked, and sent."""
    folder.mkdir(exist_ok=True)
    lp = folder / "lp"
    lp.write_text(
        "#!/bin/sh\n"
        f'printf "%s\\n" "$@" > "{folder}/asked"\n'
        f'/bin/cat > "{folder}/got"\n'
        f'[ -n "{said}" ] && echo "{said}" >&2\n'
        f"exit {status}\n"
    )
    lp.chmod(0o755)
    return folder / "asked"


def test_print_sends_the_sheet_to_lp_at_its_real_size(
    db: DbConfig, tmp_path: Path, env: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    _two_families()
    asked = _fake_lp(tmp_path / "bin")
    env.setenv("PATH", f"{tmp_path / 'bin'}{os.pathsep}{os.environ['PATH']}")
    out = tmp_path / "-case.pdf"
    assert _sheet_command(db, out, "--print") == 0
    assert capsys.readouterr().out.splitlines()[-1] == "Sent -case.pdf to the printer."
    # The title is fixed; the sheet goes on lp's input, its name never reaches CUPS.
    assert (tmp_path / "bin" / "got").read_bytes() == out.read_bytes()
    assert asked.read_text().splitlines() == [
        "-s",
        "-t",
        "Contact Centre Kiosk",
        "-o",
        "media=A4",
        "-o",
        "print-scaling=none",
    ]


def test_where_no_printer_is_set_up_print_says_so_in_one_line_and_the_file_stays(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    made = tmp_path / "roll-call.txt"
    made.write_text("x")
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))
    with pytest.raises(printing.PrintError) as caught:
        printing.send(made)
    # In the co-ordinator's words (not CUPS's), naming the file once.
    assert str(caught.value) == (
        f"No printer is set up on this computer: {made} is written; "
        "print it from a computer with a printer"
    )
    assert "\n" not in str(caught.value) and made.exists()
    # CUPS installed, no printer chosen: lp's own reason, in one line.
    _fake_lp(tmp_path / "bin", 1, "lp: Error - No default destination.")
    monkeypatch.setenv("PATH", str(tmp_path / "bin"))
    with pytest.raises(printing.PrintError, match="No default destination"):
        printing.send(made)


def test_the_export_command_prints_its_file_with_print(
    db: DbConfig, tmp_path: Path, env: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    make_case("CASE-1", DAY)
    asked = _fake_lp(tmp_path / "bin")
    env.setenv("PATH", f"{tmp_path / 'bin'}{os.pathsep}{os.environ['PATH']}")
    store.close()
    out = tmp_path / "export.csv"
    argv = ["export", "attendance", "--db", str(db.path), "--case", "CASE-1"]
    argv += ["--recipient", "Anyone", "--other-recipient", "--format", "csv", "-o", str(out)]
    assert main([*argv, "--print"]) == 0
    assert capsys.readouterr().out.splitlines()[-1] == "Sent export.csv to the printer."
    assert (tmp_path / "bin" / "got").read_bytes() == out.read_bytes()
    assert "export" not in asked.read_text()


@pytest.mark.parametrize("fault", ["read-only", "locked", "full"])
def test_a_sheet_under_a_database_fault_is_one_line_and_leaves_nothing(
    db: DbConfig, tmp_path: Path, fault: str
) -> None:
    case = _two_families()
    old = issue_card(person(case, Role.RESIDENT).id, DAY)
    filler = make_case("FILL-1", DAY.replace(year=2024), resident="Olive", visiting="Oscar")
    held = {
        "read-only": lambda: read_only_file(db),
        "locked": lambda: lock_held(db),
        "full": lambda: full_disk(make_booking(filler, DAY), person(filler, Role.RESIDENT), DAY),
    }[fault]()
    out = tmp_path / "sheet.pdf"
    with held:
        before = digest()
        with pytest.raises(StoreFault) as caught:
            sheet.issue_case_sheet("CASE-1", out, DAY)
        assert digest() == before
    assert "\n" not in str(caught.value) and "Nothing was saved" in str(caught.value)
    assert not out.exists()
    assert Card.get(Card.token_hash == card_issue.token_hash(old)).revoked_at is None


def test_a_sheet_with_another_program_writing_meanwhile_is_whole(
    db: DbConfig, tmp_path: Path
) -> None:
    _two_families()
    out = tmp_path / "sheet.pdf"
    with writer_between(db) as other:
        made = sheet.issue_case_sheet("CASE-1", out, DAY)
    # The sheet's transaction took the write lock first: the other program waited.
    assert other == ["waited"]
    assert sorted(_codes(out)) == sorted(c.token for c in made.cards)


def test_a_sheet_not_ending_pdf_is_refused_before_the_passphrase_is_asked(
    db: DbConfig, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # No passphrase anywhere: the first thing said must be the file's ending, as for one card.
    store.close()
    argv = ["card", "--db", str(db.path), "--sheet", "--case", "CASE-1", "-o", "cards.png"]
    assert main(argv) == 2
    said = capsys.readouterr().err
    assert ".pdf" in said and "passphrase" not in said


def test_card_lines_on_the_terminal_carry_no_control_characters(
    db: DbConfig, tmp_path: Path, env: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # A name that came in before names were checked (or by import) cannot clear the
    # terminal or ring its bell when the card is issued.
    _two_families()
    Person.update(first_name="Ro\x1b[2Jsa\x07\u202e").where(Person.first_name == "Rosa").execute()
    assert _sheet_command(db, tmp_path / "case.pdf") == 0
    out = capsys.readouterr().out
    assert "Card for Ro[2Jsa (resident" in out  # the sequence is broken, the name kept
    assert not any(ch in out for ch in "\x1b\x07\u202e")
