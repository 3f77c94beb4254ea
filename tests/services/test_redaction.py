"""Subject access redacts by meaning: the other adults' details however written, the subject's own
words kept even when a redacted term hides inside them.

Each example is one a hostile tester got through the substring scrubbing: a note on the subject's
own check-in names another adult in that form, and the files must not hold it.
"""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest

from kiosk.clock import FixedClock
from models import Case, DbConfig, Role
from tests.support.builders import add_person
from tests.support.redaction_notes import notes, own_notes, released

ZW = "\u200b"
GREEK_ZETA = "\u0396"


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
    notes(clock, SUBJECT, OTHER, f"Card left at home; {written}.")
    text = released(tmp_path, clock)
    for value in absent:
        for form in (value, unicodedata.normalize("NFKC", value)):
            assert form.casefold() not in text.casefold(), form
    assert "Card left at home" in text


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
    notes(
        clock,
        subject,
        {"first_name": other, "last_name": "Hargreave"},
        f"{other} rang the centre",
        f"Walked from {own_words} today",
    )
    assert own_notes(tmp_path, clock) == [
        "[redacted] rang the centre",
        f"Walked from {own_words} today",
    ]


def test_a_third_adults_street_named_without_its_number_is_redacted(
    db: DbConfig, clock: FixedClock, tmp_path: Path
) -> None:
    ref = notes(clock, SUBJECT, OTHER, "Grandmother lives on Mill Lane, near the school")
    add_person(
        Case.get(Case.ref == ref),
        Role.ADULT,
        "Gwendolyn",
        clock.now(),
        address="7 Mill Lane, Ashby",
    )
    text = released(tmp_path, clock)
    assert "Mill Lane" not in text and "near the school" in text


def test_each_word_of_a_name_of_several_is_redacted_but_not_a_title(
    db: DbConfig, clock: FixedClock, tmp_path: Path
) -> None:
    notes(
        clock,
        SUBJECT,
        {**OTHER, "first_name": "Mary-Jane", "last_name": "Dr Hargreave"},
        "Jane rang; Mary came later",
        "Dr Patel saw the children",
    )
    assert own_notes(tmp_path, clock) == [
        "[redacted] rang; [redacted] came later",
        "Dr Patel saw the children",
    ]


def test_a_number_the_subject_shares_with_another_adult_stays_theirs(
    db: DbConfig, clock: FixedClock, tmp_path: Path
) -> None:
    # A family landline: it is the subject's own number too.
    notes(
        clock,
        {**SUBJECT, "phone": "01632 960123"},
        {**OTHER, "phone": "01632 960123"},
        "On 01632 960123 at home",
    )
    assert own_notes(tmp_path, clock) == ["On 01632 960123 at home"]
