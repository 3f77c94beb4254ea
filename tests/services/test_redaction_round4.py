"""The fourth hostile round's leaks, each closed (each failed before its fix).

The subject is Rosalind Quenby; the other adult Gareth Brennan, 07700 921265,
g.brennan@brennanfamily.co.uk, "12 Danbury Close Leeds ZZ55 4AP".
"""

from __future__ import annotations

import json
from collections.abc import Callable
from io import BytesIO
from pathlib import Path

import pytest
from pypdf import PdfReader

from kiosk.clock import FixedClock
from kiosk.services.release import pdf, subject_access
from kiosk.services.release.redaction import REDACTED
from kiosk.services.release.subject_access import SubjectAccessRefused
from models import Case, Child, Consent, DbConfig, Person, Referral, Role
from tests.services.test_redaction_leaks import OTHER, SUBJECT
from tests.support.redaction_notes import notes, own_notes

# A symbol, a pictograph or a letter of another script inside a word: the PDF's font
# draws none of them, so a reader of the PDF saw the word whole.
INSIDE = [
    "Gar★eth",
    "Gar中eth",
    "Bren🙂nan",
    "Bren\u2764\ufe0fnan",
    "07700★921265",
    "ZZ55★4AP",
    "g.brennan★@brennanfamily.co.uk",
    "Dan★bury Close",
    # Not on record: found by their form.
    "07700★900512",
    "LS6★1AB",
    "tiger77★@gmail.com",
]


@pytest.mark.parametrize("written", INSIDE)
def test_a_symbol_or_foreign_letter_inside_a_word_does_not_hide_it(
    db: DbConfig, clock: FixedClock, tmp_path: Path, written: str
) -> None:
    notes(clock, SUBJECT, OTHER, f"Card left at home; {written} rang.")
    (note,) = own_notes(tmp_path, clock)
    assert written not in note
    assert REDACTED in note
    assert note.startswith("Card left at home;")


def _drawn(*text: str) -> str:
    doc = pdf.new_document("Test")
    for t in text:
        pdf.line(doc, t)
    pdf.table(doc, ["Note"], [[t] for t in text])
    return "\n".join(p.extract_text() for p in PdfReader(BytesIO(pdf.to_bytes(doc))).pages)


def test_the_pdf_marks_every_character_its_font_cannot_draw() -> None:
    text = _drawn("Gar★eth", "Bren🙂nan", "07700中921265")
    assert "Gareth" not in text
    assert "Brennan" not in text
    assert "07700921265" not in text
    assert "Gar?eth" in text
    assert "07700?921265" in text


CHILD = "Noah (at dad's, 12 Danbury Close ZZ55 4AP, 07700 921265)"


def test_the_case_reference_and_childrens_names_are_scrubbed_and_previewed(
    db: DbConfig, clock: FixedClock, tmp_path: Path
) -> None:
    notes(clock, SUBJECT, OTHER, "came alone")
    case = Case.get()
    Child.create(case=case, first_name=CHILD)
    Case.update(ref="BRENNAN-ZZ554AP").where(Case.id == case.id).execute()
    seen = subject_access.preview("BRENNAN-ZZ554AP", "resident", clock.now())
    where = {v.where for v in seen.values}
    assert {"case: case reference", "children 1"} <= where
    result = subject_access.export(
        "BRENNAN-ZZ554AP", "resident", tmp_path / "sar", clock.now(), None, previewed=seen.digest
    )
    held = json.loads(result.json_path.read_text(encoding="utf-8"))
    text = json.dumps(held, ensure_ascii=False)
    for absent in ("BRENNAN", "ZZ554AP", "ZZ55 4AP", "Danbury", "921265"):
        assert absent not in text, absent
    assert any(c.startswith("Noah") for c in held["children"])


@pytest.mark.parametrize(
    "change",
    [
        lambda: Person.update(phone="07700 900222").where(Person.role == Role.RESIDENT).execute(),
        lambda: Child.create(case=Case.get(), first_name="Noah"),
        lambda: Case.update(ref="C-R2").execute(),
    ],
    ids=["own phone", "a child", "the reference"],
)
def test_any_change_to_what_is_released_after_the_preview_refuses_the_export(
    db: DbConfig, clock: FixedClock, tmp_path: Path, change: Callable[[], object]
) -> None:
    notes(clock, SUBJECT, OTHER, "came alone")
    seen = subject_access.preview("C-R", "resident", clock.now())
    change()
    ref = Case.get().ref
    with pytest.raises(SubjectAccessRefused, match=r"^the records changed since the preview"):
        subject_access.export(
            ref, "resident", tmp_path / "sar", clock.now(), None, previewed=seen.digest
        )


@pytest.mark.parametrize(
    ("to", "organisation", "absent", "kept"),
    [
        # A street name of the other adult is never kept in a body's name; a town is.
        ("Danbury Family Hub", "Leeds Family Court", ["Danbury"], ["Family Hub", "Leeds"]),
        ("Leeds CAFCASS", "Danbury Family Hub", ["Danbury"], ["Leeds CAFCASS", "Family Hub"]),
        # A recipient naming a person is no body: scrubbed fully, the town too.
        ("Gareth's mother, Danbury, Leeds", "Leeds CAFCASS", ["Gareth", "Danbury", "Leeds,"], []),
    ],
)
def test_a_bodys_name_keeps_only_towns(
    db: DbConfig,
    clock: FixedClock,
    tmp_path: Path,
    to: str,
    organisation: str,
    absent: list[str],
    kept: list[str],
) -> None:
    notes(clock, SUBJECT, OTHER, "came alone")
    subject = Person.get(Person.role == Role.RESIDENT)
    Consent.create(person=subject, recipient=to, scope="attendance", given_on=clock.now().date())
    Referral.create(case=Case.get(), organisation=organisation)
    result = subject_access.export("C-R", "resident", tmp_path / "sar", clock.now(), None)
    held = json.loads(result.json_path.read_text(encoding="utf-8"))
    said = held["consents you gave"][0]["to"] + " / " + held["case"]["referred by"]
    for word in absent:
        assert word not in said, said
    for word in kept:
        assert word in said, said


@pytest.mark.parametrize(
    "written",
    [
        *(f"Gar{mark}eth" for mark in '#!?&,:;"\\$%@'),
        "new pc LS6.1AB",
        "new pc LS6_1AB",
        "new pc LS6/1AB",
        "new pc LS6·1AB",
        "new pc LS6, 1AB",
        "new: 07700_900_512",
        "new: 07700,900,512",
        "new: 07700;900512",
        "new: 07700·900·512",
    ],
)
def test_one_mark_inside_a_name_postcode_or_number_does_not_hide_it(
    db: DbConfig, clock: FixedClock, tmp_path: Path, written: str
) -> None:
    notes(clock, SUBJECT, OTHER, f"Card left at home; {written} today.")
    (note,) = own_notes(tmp_path, clock)
    hidden = written.split()[-1]
    assert hidden not in note and REDACTED in note, note
    assert note.startswith("Card left at home;") and note.endswith("today.")
