"""The folding behind redaction: one key for every spelling a reader would take as the same word."""

from __future__ import annotations

import pytest

from kiosk.services.release import finders, folding
from kiosk.services.release.folding import fold, view, words


def test_the_confusables_data_is_a_set_of_stars() -> None:
    # The prototype of each line of confusables.txt is recovered from links kept both ways,
    # which holds only while every source links to one prototype and to nothing else.
    links = folding._links()
    sources = folding.prototypes()
    assert len(sources) > 6000
    for source, prototype in sources.items():
        assert len(links[source]) == 1 and prototype in links[source]
        assert prototype not in sources, "a prototype is never itself a source"
    assert sources["\u0396"] == "Z" and sources["\u0430"] == "a" and sources["I"] == "l"


@pytest.mark.parametrize(
    "spelling",
    [
        "Zqvisfirst",
        "ZQVISFIRST",
        "Zqvisfírst",
        "\u0396qvisfirst",  # Greek capital Zeta
        "Zqvis\u200bfirst",  # zero-width space
        "Zqvis\u2060first",  # word joiner
        "".join(chr(ord(c) + 0xFEE0) for c in "Zqvisfirst"),  # full-width
        "Zqv\u0456sf\u0456rst",  # Cyrillic small i
        "Zqv1sf1rst",
        "Zqvisfi\u0301rst",  # a combining accent
    ],
)
def test_every_spelling_of_a_name_folds_to_one_key(spelling: str) -> None:
    assert fold(spelling) == fold("zqvisfirst")


def test_different_words_keep_different_keys() -> None:
    for a, b in [("Dan", "Danbury"), ("Rose", "Rosemary"), ("Lee", "leeming"), ("Ann", "Anne")]:
        assert fold(a) != fold(b)


def test_street_types_fold_with_their_abbreviations() -> None:
    assert [w.key for w in words("Oak Rd")] == [w.key for w in words("oak road")]
    assert [w.key for w in words("Mill Ln.")] == [w.key for w in words("MILL LANE")]


def test_words_split_at_underscores_dots_and_at_signs_never_inside_a_name() -> None:
    found = words("Zqvisfirst_x ann.leeming@example.test Zqvis\u200bfirst2")
    assert [w.key for w in found][:3] == [fold("zqvisfirst"), "x", fold("ann")]
    assert fold("zqvisfirst") in found[-1].loose  # digits stuck on: also read without them


def test_the_plain_view_maps_back_to_the_original_text() -> None:
    text = "at Y\u041e1\u200b 1BB now"  # Cyrillic capital O, a zero-width space
    plain = view(text)
    match = finders.POSTCODE.search(plain.text)
    assert match is not None
    start, end = plain.span(*match.span())
    assert text[start:end] == "Y\u041e1\u200b 1BB"


@pytest.mark.parametrize(
    "written",
    ["+44 7700 900222", "07700 900 222", "(07700) 900-222", "0044 7700 900222", "07700 9OO222"],
)
def test_a_phone_number_is_found_however_it_is_written(written: str) -> None:
    plain = view(f"rang from {written} today")
    spans = finders.phones(plain, own=set(), known={finders.phone_key("07700 900222")})
    assert [plain.text[s:e].strip() for s, e in spans] != []
    assert finders.phones(plain, own={finders.phone_key("07700900222")}, known=set()) == []


def test_short_numbers_dates_and_times_are_not_phones() -> None:
    plain = view("ref 1234 5678 on 2026-12-04 at 10:00, 04/12/2026, room 12")
    assert finders.phones(plain, own=set(), known=set()) == []


@pytest.mark.parametrize(
    ("text", "number"),
    [
        ("ref 4471. 07700/900/107;", "07700/900/107"),
        ("ref 4471 07700 and then 900 107", "07700 and then 900 107"),
        ("AN4 4TG\u201407700-900107", "07700-900107"),
        ("\u00a312.50. 07700 90-01-07", "07700 90-01-07"),
        ("+44 (0)7700 900107", "+44 (0)7700 900107"),
    ],
)
def test_another_adults_number_found_by_its_digits_takes_only_its_own(
    text: str, number: str
) -> None:
    # Found by its digits however grouped, with its own 0 or 44, never a reference, price or
    # postcode's digits written before it.
    plain = view(text)
    spans = finders.phones(plain, own=set(), known={finders.phone_key("07700 900107")})
    assert spans and text[min(s for s, _ in spans) : max(e for _, e in spans)] == number
