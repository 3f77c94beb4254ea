"""The third hostile round's leaks, each closed (each failed before its fix).

The subject is Rosalind Quenby; the other adult Gareth Brennan, 07700 921265,
g.brennan@brennanfamily.co.uk, "12 Danbury Close Leeds ZZ55 4AP"; the text is
in the subject's own check-in note.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from kiosk.clock import FixedClock
from models import Case, DbConfig, Role
from tests.services.test_redaction_leaks import OTHER, PHONE, SUBJECT
from tests.support.builders import add_person
from tests.support.redaction_notes import digits, notes, own_notes, released, standing


def _absent(text: str, absent: list[str]) -> None:
    for value in absent:
        if value.isdigit():
            assert value not in digits(text), value
        else:
            assert not standing(value, text), value


@pytest.mark.parametrize(
    ("address", "written", "absent"),
    [
        # 1. A street type the list lacks, or a one-word street, on one line.
        ("3 Hollin Croft Scarby ZZ55 4AP", "lives on Hollin Croft", ["Hollin"]),
        ("3 Hollin Croft Scarby ZZ55 4AP", "moved to Scarby", ["Scarby"]),
        ("3 Hollin Fold Scarby ZZ55 4AP", "lives on Hollin Fold", ["Hollin"]),
        ("3 Dunmere Paddock Scarby ZZ55 4AP", "at Dunmere Paddock", ["Dunmere"]),
        ("7 Kingsway Scarby", "lives at 7 Kingsway", ["Kingsway"]),
        ("7 Kingsway Scarby", "went to Scarby", ["Scarby"]),
        # 2. A flat's number before the house's.
        ("Flat 3 12a Oak Road Scarby", "lives at 12a Oak Road", ["Oak Road"]),
        ("Flat 3 12a Oak Road Scarby", "lives on Oak Rd", ["Oak Rd"]),
        ("Flat 3 12a Oak Road Scarby", "went to Scarby", ["Scarby"]),
    ],
)
def test_an_address_on_one_line_is_redacted_in_its_parts(
    db: DbConfig, clock: FixedClock, tmp_path: Path, address: str, written: str, absent: list[str]
) -> None:
    notes(clock, SUBJECT, {**OTHER, "address": address}, f"Card left at home; {written}.")
    text = released(tmp_path, clock)
    _absent(text, absent)
    assert "Card left at home" in text


@pytest.mark.parametrize(
    "field",
    [
        "07700 921265 (mobile)",
        "07700 921265 mob",
        "01632 960555 or 07700 921265",
        "01632960555 / 07700921265",
    ],
)
def test_every_number_in_a_phone_field_is_known(
    db: DbConfig, clock: FixedClock, tmp_path: Path, field: str
) -> None:
    notes(clock, SUBJECT, {**OTHER, "phone": field}, "rang 07700 then 921 265")
    _absent(released(tmp_path, clock), [PHONE])


@pytest.mark.parametrize(
    ("written", "absent"),
    [
        # 4. Numbers not on record, grouped like dates or times.
        ("new number 07700 12-34-56", ["0770012"]),
        ("new number 07700 12.34.56", ["0770012"]),
        ("new number 07700 12/34/56", ["0770012"]),
        ("new number 07700-12-34-56", ["0770012"]),
        ("new number 077-00-90-01-23", ["07700900123"]),
        ("new number (01632) 96-01-23", ["01632960123"]),
        ("new number 0113 49-60-123", ["01134960123"]),
        ("new number 07700\n123456", ["07700123456"]),
        # 8. The known number's parts far apart, or with look-alike letters.
        ("starts 07700 and then ends in 921265", ["921265"]),
        ("O77OO then 92l 265", [PHONE]),
        # 9. Postcodes with a dash or spaced out, and a known postcode's halves apart.
        ("now at LS6-1AB", ["LS61AB"]),
        ("now at LS6\u20131AB", ["LS61AB"]),
        ("now at L S 6 1 A B", ["LS61AB"]),
        ("now at LS6 lAB", ["LS6", "lAB"]),
        ("now at ZZ55/4AP", ["ZZ55", "4AP"]),
        ("postcode ZZ55 then 4AP", ["ZZ55", "4AP"]),
        ("now at ZZ55  ,4AP", ["ZZ55", "4AP"]),
        # 10. E-mails written loosely.
        ("mail garethb77 @ outlook.com", ["garethb77"]),
        ("mail garethb77 at outlook dot com", ["garethb77"]),
        ("mail garethb77(at)outlook.com", ["garethb77"]),
        ("mail garethb77@outlook .com", ["garethb77"]),
        ("mail garethb77@outlook\u3002com", ["garethb77"]),
        # 11. Names with other separators, and family plurals.
        ("came with G*a*r*e*t*h", ["G*a*r*e*t*h", "Gareth"]),
        ("came with G/a/r/e/t/h", ["G/a/r/e/t/h"]),
        ("came with G|a|r|e|t|h", ["G|a|r|e|t|h"]),
        ("came with Gar--eth", ["Gar", "eth"]),
        ("came with Gar...eth", ["Gar", "eth"]),
        ("came with Gar(eth)", ["Gar", "eth"]),
        ("came with Gar\u00b7eth", ["Gar", "eth"]),
        ("came with Gar\u2027eth", ["Gar", "eth"]),
        ("came with Gar\u2022eth", ["Gar", "eth"]),
        ("came with Gar\u2212eth", ["Gar", "eth"]),
        ("came with **Gar**eth", ["Gar", "eth"]),
        ("came with <b>Gar</b>eth", ["Gar", "eth"]),
        ("came with Gar&shy;eth", ["Gar", "eth", "Gar&shy;eth"]),
        ("came with &#71;areth", ["areth"]),
        ("went to the Brennans", ["Brennans"]),
        ("at the Brennans\u2019 house", ["Brennans"]),
        ("at the BRENNANS", ["BRENNANS"]),
        # 12. Right-to-left override and enclosed letters.
        ("came with \u202ehteraG\u202c today", ["hteraG"]),
        ("came with \U0001f156\U0001f150\U0001f161\U0001f154\U0001f163\U0001f157", ["Gareth"]),
        ("came with \U0001f176\U0001f170\U0001f181\U0001f174\U0001f183\U0001f177", ["Gareth"]),
        ("came with \u24a2\u249c\u24ad\u24a0\u24af\u24a3", ["Gareth"]),
        ("came with \U0001f1ec\U0001f1e6\U0001f1f7\U0001f1ea\U0001f1f9\U0001f1ed", ["Gareth"]),
    ],
)
def test_a_detail_written_another_way_is_redacted(
    db: DbConfig, clock: FixedClock, tmp_path: Path, written: str, absent: list[str]
) -> None:
    notes(clock, SUBJECT, OTHER, f"Card left at home; {written}.")
    text = released(tmp_path, clock)
    flat = "".join(c for c in text.casefold() if c.isalnum())
    for value in absent:
        if value.isdigit():
            assert value not in digits(text), value
        else:
            assert not standing(value, text), value
            if any(c.isdigit() for c in value):
                assert value.casefold() not in flat, value
    assert "Card left at home" in text


def test_the_o_neills_are_redacted(db: DbConfig, clock: FixedClock, tmp_path: Path) -> None:
    notes(clock, SUBJECT, {**OTHER, "last_name": "O'Neill"}, "went to the O\u2019Neills")
    assert own_notes(tmp_path, clock) == ["went to the [redacted]"]


@pytest.mark.parametrize(
    ("subject", "other", "written"),
    [
        # 7. The subject's own words do not keep another adult's town or street.
        ({"last_name": "Preston"}, {"address": "12 Danbury Close, Preston"}, "moved to Preston"),
        (
            {"email": "rq@leeds.gov.uk"},
            {"address": "12 Danbury Close, Leeds"},
            "now lives in Leeds",
        ),
    ],
)
def test_the_subjects_own_words_never_keep_another_adults_address(
    db: DbConfig,
    clock: FixedClock,
    tmp_path: Path,
    subject: dict[str, str],
    other: dict[str, str],
    written: str,
) -> None:
    notes(clock, {**SUBJECT, **subject}, {**OTHER, **other}, written)
    assert own_notes(tmp_path, clock) == [written.rsplit(" ", 1)[0] + " [redacted]"]


@pytest.mark.parametrize(
    ("other", "written"),
    [
        # C. A street word alone that is an ordinary word stays an ordinary word.
        ({"address": "3 Hope Street, Scarby"}, "I hope she is well"),
        ({"address": "3 Hall Lane, Scarby"}, "waited in the hall"),
        ({"address": "3 Bank Street, Scarby"}, "went to the bank"),
        ({"address": "3 Love Lane, Scarby"}, "sends her love"),
        ({"address": "3 Princess Road, Scarby"}, "dressed as a princess"),
        ({"address": "3 First Avenue, Scarby"}, "the first time"),
        # A short form that is an ordinary word, in lower case.
        ({"first_name": "William"}, "she will call back"),
        ({"first_name": "Susan"}, "said she would sue"),
        ({"first_name": "Robert"}, "did not rob anyone"),
        # A surname is not found in ordinary words split by a space.
        ({"last_name": "Newman"}, "met a new man"),
        ({"last_name": "Tobin"}, "went to bin the wrapper"),
        ({"last_name": "Allgood"}, "all good today"),
        ({"last_name": "Atwell"}, "was at well being group"),
        # A surname's particle alone is no term.
        ({"last_name": "van Dijk"}, "came by van"),
        ({"last_name": "St John"}, "walked along St Mary's"),
    ],
)
def test_ordinary_words_are_not_redacted_for_a_name_or_street(
    db: DbConfig, clock: FixedClock, tmp_path: Path, other: dict[str, str], written: str
) -> None:
    notes(clock, SUBJECT, {**OTHER, **other}, written)
    assert own_notes(tmp_path, clock) == [written]


@pytest.mark.parametrize(
    ("other", "written", "kept"),
    [
        ({"address": "3 Hope Street, Scarby"}, "lives on Hope Street", "lives on [redacted]"),
        ({"first_name": "William"}, "Will came", "[redacted] came"),
        ({"last_name": "Newman"}, "with Gareth Newman", "with [redacted]"),
        ({"last_name": "van Dijk"}, "with Dijk", "with [redacted]"),
    ],
)
def test_the_name_or_street_itself_is_still_redacted(
    db: DbConfig, clock: FixedClock, tmp_path: Path, other: dict[str, str], written: str, kept: str
) -> None:
    notes(clock, SUBJECT, {**OTHER, **other}, written)
    assert own_notes(tmp_path, clock) == [kept]


def test_a_word_that_is_one_adults_name_and_anothers_short_form_is_a_name_anywhere(
    db: DbConfig, clock: FixedClock, tmp_path: Path
) -> None:
    # "bill" is a short form of Will's name (capitals only) and Bill's own name (anywhere).
    ref = notes(clock, SUBJECT, {**OTHER, "first_name": "Will"}, "paid the bill today")
    add_person(Case.get(Case.ref == ref), Role.ADULT, "Bill", clock.now(), last_name="Dumani")
    assert own_notes(tmp_path, clock) == ["paid the [redacted] today"]
