"""Subject access redacts by meaning: the other adults' details however written, the subject's own
words kept even when a redacted term hides inside them.

Each example is one a hostile tester got through the substring scrubbing: a note on the subject's
own check-in names another adult in that form, and the files must not hold it.
"""

from __future__ import annotations

import json
import unicodedata
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from pypdf import PdfReader

from kiosk.clock import FixedClock
from kiosk.services.release import subject_access
from models import Case, DbConfig, Person, Role
from tests.support.builders import add_person, make_booking, make_case, person
from tests.support.release_data import checked

ZW = "\u200b"
GREEK_ZETA = "\u0396"


def _released(tmp_path: Path, clock: FixedClock) -> str:
    """Everything the subject receives: the JSON, the PDF's text and both files' raw bytes."""
    result = subject_access.export("C-R", "resident", tmp_path / "sar", clock.now(), None)
    as_json = result.json_path.read_text(encoding="utf-8")
    as_pdf = "\n".join(p.extract_text() for p in PdfReader(result.pdf_path).pages)
    raw = (result.json_path.read_bytes() + result.pdf_path.read_bytes()).decode("latin-1")
    return "\n".join([as_json, json.dumps(json.loads(as_json), ensure_ascii=True), as_pdf, raw])


def _notes(clock: FixedClock, resident: dict[str, str], other: dict[str, str], *notes: str) -> str:
    """A case whose resident parent checked in by name with each note as the reason."""
    case = make_case("C-R", clock.now() - timedelta(days=30), resident=resident["first_name"])
    subject = person(case, Role.RESIDENT)
    Person.update(**resident).where(Person.id == subject.id).execute()
    visiting = person(case, Role.VISITING)
    Person.update(**other).where(Person.id == visiting.id).execute()
    start = datetime(2026, 11, 7, 10, 0)
    booking = make_booking(case, start)
    for i, note in enumerate(notes):
        checked(booking, subject, "in", start + timedelta(minutes=i), reason=note)
    return case.ref


OTHER = {
    "first_name": "Zqvisfirst",
    "last_name": "Hargreave",
    "phone": "07700 900222",
    "email": "zq.hargreave@example.test",
    "address": "3 Oak Road, Scarby",
    "postcode": "YO1 1BB",
}
SUBJECT = {
    "first_name": "Rosalind",
    "last_name": "Quenby",
    "phone": "07700 900111",
    "email": "rosalind.quenby@example.test",
    "address": "4 Orchard Close, Millbridge",
    "postcode": "ZZ4 7QA",
}


@pytest.mark.parametrize(
    ("written", "absent"),
    [
        ("called from +44 7700 900222", ["7700 900222", "7700900222"]),
        ("called from 07700 900 222", ["900 222", "7700900222"]),
        ("called from (07700) 900-222", ["900-222", "7700900222"]),
        ("now lives at YO11BB", ["YO11BB"]),
        ("now lives at yo1 1bb", ["yo1 1bb"]),
        ("lives on Oak Road now", ["Oak Road"]),
        ("lives on Oak Rd now", ["Oak Rd"]),
        ("came with Zqvisfirst_x", ["Zqvisfirst"]),
        ("came with Zqvisfírst", ["Zqvisfírst"]),
        (f"came with {GREEK_ZETA}qvisfirst", [f"{GREEK_ZETA}qvisfirst"]),
        (f"came with Zqvis{ZW}first", [f"Zqvis{ZW}first", "Zqvisfirst"]),
        ("came with ZQVISFIRST", ["ZQVISFIRST"]),
        ("wrote from zq.hargreave", ["zq.hargreave"]),
    ],
)
def test_another_adult_written_another_way_is_redacted(
    db: DbConfig, clock: FixedClock, tmp_path: Path, written: str, absent: list[str]
) -> None:
    _notes(clock, SUBJECT, OTHER, f"Card left at home; {written}.")
    released = _released(tmp_path, clock)
    for value in absent:
        for form in (value, unicodedata.normalize("NFKC", value)):
            assert form.casefold() not in released.casefold(), form
    assert "Card left at home" in released


@pytest.mark.parametrize(
    ("subject", "other", "own_words"),
    [
        ({"first_name": "Rosa", "address": "12 Danbury Close, Scarby"}, "Dan", "Danbury Close"),
        ({"first_name": "Ann", "email": "ann.leeming@example.test"}, "Lee", "ann.leeming"),
        ({"first_name": "Rosemary"}, "Rose", "Rosemary"),
    ],
)
def test_the_subjects_own_words_stay_when_a_redacted_name_hides_inside_them(
    db: DbConfig,
    clock: FixedClock,
    tmp_path: Path,
    subject: dict[str, str],
    other: str,
    own_words: str,
) -> None:
    _notes(
        clock,
        subject,
        {"first_name": other, "last_name": "Hargreave"},
        f"{other} rang the centre",
        f"Walked from {own_words} today",
    )
    assert _own_notes(tmp_path, clock) == [
        "[redacted] rang the centre",
        f"Walked from {own_words} today",
    ]


def _own_notes(tmp_path: Path, clock: FixedClock) -> list[str]:
    result = subject_access.export("C-R", "resident", tmp_path / "sar", clock.now(), None)
    held = json.loads(result.json_path.read_text(encoding="utf-8"))
    return [e["note"] for e in held["your check-ins and check-outs"]]


def test_a_third_adults_street_named_without_its_number_is_redacted(
    db: DbConfig, clock: FixedClock, tmp_path: Path
) -> None:
    ref = _notes(clock, SUBJECT, OTHER, "Grandmother lives on Mill Lane, near the school")
    add_person(
        Case.get(Case.ref == ref),
        Role.ADULT,
        "Gwendolyn",
        clock.now(),
        address="7 Mill Lane, Ashby",
    )
    released = _released(tmp_path, clock)
    assert "Mill Lane" not in released and "near the school" in released


def test_each_word_of_a_name_of_several_is_redacted_but_not_a_title(
    db: DbConfig, clock: FixedClock, tmp_path: Path
) -> None:
    _notes(
        clock,
        SUBJECT,
        {**OTHER, "first_name": "Mary-Jane", "last_name": "Dr Hargreave"},
        "Jane rang; Mary came later",
        "Dr Patel saw the children",
    )
    assert _own_notes(tmp_path, clock) == [
        "[redacted] rang; [redacted] came later",
        "Dr Patel saw the children",
    ]


def test_a_number_the_subject_shares_with_another_adult_stays_theirs(
    db: DbConfig, clock: FixedClock, tmp_path: Path
) -> None:
    # A family landline: it is the subject's own number too.
    _notes(
        clock,
        {**SUBJECT, "phone": "01632 960123"},
        {**OTHER, "phone": "01632 960123"},
        "On 01632 960123 at home",
    )
    assert _own_notes(tmp_path, clock) == ["On 01632 960123 at home"]
