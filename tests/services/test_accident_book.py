"""The accident book: written at the door with the HSE's fields, read with each correction
beside its entry, exported as PDF or CSV, logged, and never changed."""

from __future__ import annotations

import csv
import dataclasses
import stat
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from peewee import IntegrityError
from pypdf import PdfReader

from kiosk.clock import FixedClock
from kiosk.services.door import logbooks
from kiosk.services.door.access import DoorError
from kiosk.services.door.logbooks import AccidentReport
from kiosk.services.release import accident_book, accident_export
from kiosk.services.release.accident_book import AccidentBookRefused
from kiosk.services.staff.auth import StaffMember
from kiosk.services.store.private_files import FileExists
from models import AccidentEntry, AuditEntry, Disclosure
from tests.support.release_data import (
    REFERRER,
    REFERRER_CONTACT,
    RESIDENT,
    VISITING,
    family_case,
    identifying,
)

HALL = AccidentReport(
    "Mia", "Tripped running in the hall", "the hall", "graze to the knee", "plaster; mum told"
)


def _book(volunteer: StaffMember, clock: FixedClock) -> tuple[int, int, int]:
    """Two accidents; the first corrected once, and that correction corrected again."""
    first = logbooks.accident(volunteer, HALL, clock)
    clock.advance(minutes=20)
    second = logbooks.accident(
        volunteer, AccidentReport("Sam", "Cut a finger on a box", "store room", "cut"), clock
    )
    clock.advance(minutes=20)
    fix = AccidentReport("Mia", "Tripped on the hall rug", "the hall", corrects=first)
    fixed = logbooks.accident(volunteer, fix, clock)
    clock.advance(minutes=5)
    logbooks.accident(
        volunteer, AccidentReport("Mia", "Tripped on the hall mat", corrects=fixed), clock
    )
    return first, second, fixed


def test_the_door_writes_the_hse_fields_and_refuses_what_cannot_be_kept(
    volunteer: StaffMember, clock: FixedClock
) -> None:
    at = logbooks.happened_when("21/11/2026 08:15", clock.now())
    number = logbooks.accident(volunteer, dataclasses.replace(HALL, happened_at=at), clock)
    row = AccidentEntry.get_by_id(number)
    assert (row.person_hurt, row.place, row.description) == (
        "Mia",
        "the hall",
        "Tripped running in the hall",
    )
    assert (row.injury, row.action_taken, row.at) == ("graze to the knee", "plaster; mum told", at)
    assert logbooks.happened_when("08:15", clock.now()) == at
    assert logbooks.happened_when("2026-11-21 08:15", clock.now()) == at
    assert logbooks.happened_when(" ", clock.now()) is None
    with pytest.raises(DoorError, match="When: 'quarter past'"):
        logbooks.happened_when("quarter past", clock.now())
    refused = [
        AccidentReport("", "fell"),
        AccidentReport("Mia", " "),
        AccidentReport("Mia", "fell", injury="\x1b]52;c;bad\x07"),
        AccidentReport("Mia", "fell", happened_at=clock.now() + timedelta(minutes=1)),
    ]
    for report in refused:
        with pytest.raises(DoorError):
            logbooks.accident(volunteer, report, clock)
    assert AccidentEntry.select().count() == 1


def test_the_book_shows_each_correction_beside_the_entry_it_corrects(
    volunteer: StaffMember, coordinator: StaffMember, clock: FixedClock
) -> None:
    first, second, fixed = _book(volunteer, clock)
    book = accident_book.read_book(coordinator)
    assert [g.entry.id for g in book] == [second, first]  # newest first
    assert [(c.id, c.corrects) for c in book[1].corrections] == [
        (fixed, first),
        (fixed + 1, fixed),
    ]
    assert book[0].corrections == []
    oldest = accident_book.read_book(coordinator, newest_first=False)
    assert [g.entry.id for g in oldest] == [first, second]
    with pytest.raises(AccidentBookRefused, match="Only the co-ordinator"):
        accident_book.read_book(volunteer)
    # Entries are never changed or deleted, whoever asks.
    with pytest.raises(IntegrityError, match="append-only"):
        AccidentEntry.update(person_hurt="someone else").execute()
    with pytest.raises(IntegrityError, match="append-only"):
        AccidentEntry.delete().where(AccidentEntry.id == second).execute()


def _csv(path: Path) -> list[list[str]]:
    with path.open(encoding="utf-8-sig", newline="") as f:
        return list(csv.reader(f))


def test_the_export_holds_every_entry_and_its_corrections(
    volunteer: StaffMember, coordinator: StaffMember, clock: FixedClock, tmp_path: Path
) -> None:
    first, second, fixed = _book(volunteer, clock)
    out = tmp_path / "book.csv"
    done = accident_export.export_book(out, clock.now(), coordinator, recipient="Insurer Ltd")
    rows = _csv(out)
    assert rows[0] == list(accident_export.COLUMNS)
    assert [(r[0], r[1]) for r in rows[1:]] == [
        (str(first), ""),
        (str(fixed), str(first)),
        (str(fixed + 1), str(fixed)),
        (str(second), ""),
    ]
    assert rows[1][2:] == [
        "2026-11-21",
        "09:00",
        "Mia",
        "Tripped running in the hall",
        "the hall",
        "graze to the knee",
        "plaster; mum told",
        "Priya Shah",
        "2026-11-21 09:00",
    ]
    assert (done.accidents, done.entries) == (2, 4)
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    logged = Disclosure.get_by_id(done.disclosure_id)
    assert (logged.kind, logged.recipient, logged.case_id) == ("accident_book", "Insurer Ltd", None)
    assert logged.made_by_id == coordinator.id
    audit = AuditEntry.get(AuditEntry.action == "disclosure_accident_book")
    assert audit.target == f"disclosure:{done.disclosure_id}" and "Mia" not in audit.detail

    pdf = tmp_path / "book.pdf"
    accident_export.export_book(pdf, clock.now(), None)
    text = "\n".join(page.extract_text() for page in PdfReader(pdf).pages)
    for expected in (
        "Accident book",
        f"Entry {first}",
        f"Correction: entry {fixed}, correcting entry {first}",
        f"Correction: entry {fixed + 1}, correcting entry {fixed}",
        "Tripped on the hall mat",
        "Cut a finger on a box",
        "graze to the knee",
        "Priya Shah",
        "not stated",
    ):
        assert expected in text, expected
    assert (
        text.index(f"Entry {first}")
        < text.index("Tripped on the hall mat")
        < text.index(f"Entry {second}")
    )
    assert Disclosure.select().count() == 2


def test_the_export_holds_nobody_else_s_details(
    volunteer: StaffMember, coordinator: StaffMember, clock: FixedClock, tmp_path: Path
) -> None:
    family_case("C-1", clock.now() - timedelta(days=1))
    _book(volunteer, clock)
    texts = []
    for name in ("book.csv", "book.pdf"):
        out = tmp_path / name
        accident_export.export_book(out, clock.now(), coordinator)
        texts.append(
            out.read_text(encoding="utf-8-sig")
            if name.endswith(".csv")
            else "\n".join(p.extract_text() for p in PdfReader(out).pages)
        )
    for text in texts:
        assert "Mia" in text  # the person hurt, as written
        for value in [*identifying(RESIDENT), *identifying(VISITING), *REFERRER_CONTACT]:
            assert value.casefold() not in text.casefold(), value
        assert "C-1" not in text and REFERRER not in text


def test_a_period_keeps_its_accidents_with_all_their_corrections(
    volunteer: StaffMember, coordinator: StaffMember, clock: FixedClock, tmp_path: Path
) -> None:
    _book(volunteer, clock)
    clock.advance(days=3)
    logbooks.accident(volunteer, AccidentReport("Ben", "Fell off a chair"), clock)
    out = tmp_path / "nov.csv"
    day = date(2026, 11, 21)
    done = accident_export.export_book(out, clock.now(), coordinator, period=(day, day))
    assert (done.accidents, done.entries) == (2, 4)
    assert "Ben" not in out.read_text(encoding="utf-8-sig")
    assert Disclosure.get().period_from == day
    with pytest.raises(AccidentBookRefused, match="From: the first day is after the last"):
        accident_export.export_book(
            tmp_path / "x.csv", clock.now(), coordinator, period=(day, day - timedelta(days=1))
        )


def test_the_file_s_ending_chooses_the_format_and_a_file_is_never_replaced_unasked(
    volunteer: StaffMember, coordinator: StaffMember, clock: FixedClock, tmp_path: Path
) -> None:
    _book(volunteer, clock)
    with pytest.raises(AccidentBookRefused, match=r"book.txt: the file's ending chooses"):
        accident_export.export_book(tmp_path / "book.txt", clock.now(), coordinator)
    out = tmp_path / "BOOK.PDF"
    out.write_bytes(b"an earlier export")
    with pytest.raises(FileExists):
        accident_export.export_book(out, clock.now(), coordinator)
    assert out.read_bytes() == b"an earlier export"
    assert not Disclosure.select().exists()
    accident_export.export_book(out, clock.now(), coordinator, replace=True)
    assert out.read_bytes().startswith(b"%PDF")
    with pytest.raises(AccidentBookRefused, match="Only the co-ordinator"):
        accident_export.export_book(tmp_path / "v.csv", clock.now(), volunteer)
    assert not (tmp_path / "v.csv").exists()
    assert Disclosure.select().count() == 1


def test_an_entry_written_before_the_book_had_its_fields_is_exported_whole(
    coordinator: StaffMember, clock: FixedClock, tmp_path: Path
) -> None:
    AccidentEntry.create(
        at=datetime(2021, 5, 1, 14, 0),
        recorded_at=datetime(2021, 5, 1, 14, 5),
        recorded_by_name="Alex Morgan",
        description="Child tripped on the garden step; graze to the knee.",
        action_taken="Plaster.",
    )
    out = tmp_path / "old.csv"
    accident_export.export_book(out, clock.now(), coordinator)
    row = _csv(out)[1]
    assert row[2:6] == [
        "2021-05-01",
        "14:00",
        "",
        "Child tripped on the garden step; graze to the knee.",
    ]


def test_a_correction_given_no_time_keeps_the_time_of_the_entry_it_corrects(
    volunteer: StaffMember, clock: FixedClock
) -> None:
    at = clock.now() - timedelta(hours=2)
    first = logbooks.accident(volunteer, dataclasses.replace(HALL, happened_at=at), clock)
    clock.advance(minutes=30)
    fix = logbooks.accident(
        volunteer, AccidentReport("Mia", "Tripped on the rug", corrects=first), clock
    )
    row = AccidentEntry.get_by_id(fix)
    assert (row.at, row.recorded_at) == (at, clock.now())


@pytest.mark.parametrize("number", [10**23, 2**63, 0, -1])
def test_a_correction_of_an_entry_number_past_any_entry_is_one_line(
    volunteer: StaffMember, clock: FixedClock, number: int
) -> None:
    # 99999999999999999999999 in "Corrects entry" ended the door console (OverflowError).
    with pytest.raises(DoorError, match="no accident book entry"):
        logbooks.accident(volunteer, AccidentReport("Mia", "Fell", corrects=number), clock)
    assert AccidentEntry.select().count() == 0
