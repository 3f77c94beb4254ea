"""One case whose subject's check-in notes name another adult, and what its subject access says.

For the redaction examples (tests/services/test_redaction*.py): `notes` puts the
case on record, `released` is everything the subject receives (the JSON, the
PDF's text and both files' raw bytes), `own_notes` the notes as released, and
`standing` asks whether a word stands whole in that text, as a reader folds it.
"""

from __future__ import annotations

import json
import re
import unicodedata
from datetime import datetime, timedelta
from pathlib import Path

from pypdf import PdfReader

from kiosk.clock import FixedClock
from kiosk.services.release import subject_access
from models import Person, Role
from tests.support.builders import make_booking, make_case, person
from tests.support.release_data import checked

REF = "C-R"


def released(tmp_path: Path, clock: FixedClock) -> str:
    """Everything the subject receives: the JSON, the PDF's text and both files' raw bytes."""
    result = subject_access.export(REF, "resident", tmp_path / "sar", clock.now(), None)
    as_json = result.json_path.read_text(encoding="utf-8")
    as_pdf = "\n".join(p.extract_text() for p in PdfReader(result.pdf_path).pages)
    raw = (result.json_path.read_bytes() + result.pdf_path.read_bytes()).decode("latin-1")
    return "\n".join([as_json, json.dumps(json.loads(as_json), ensure_ascii=True), as_pdf, raw])


def notes(clock: FixedClock, resident: dict[str, str], other: dict[str, str], *said: str) -> str:
    """A case whose resident parent checked in by name with each note as the reason."""
    case = make_case(REF, clock.now() - timedelta(days=30), resident=resident["first_name"])
    subject = person(case, Role.RESIDENT)
    Person.update(**resident).where(Person.id == subject.id).execute()
    visiting = person(case, Role.VISITING)
    Person.update(**other).where(Person.id == visiting.id).execute()
    start = datetime(2026, 11, 7, 10, 0)
    booking = make_booking(case, start)
    for i, note in enumerate(said):
        checked(booking, subject, "in", start + timedelta(minutes=i), reason=note)
    return case.ref


def own_notes(tmp_path: Path, clock: FixedClock) -> list[str]:
    result = subject_access.export(REF, "resident", tmp_path / "sar", clock.now(), None)
    held = json.loads(result.json_path.read_text(encoding="utf-8"))
    return [e["note"] for e in held["your check-ins and check-outs"]]


def folded(text: str) -> str:
    """NFKC, accents dropped, case folded, any decimal digit as its ASCII digit."""
    text = unicodedata.normalize("NFKD", unicodedata.normalize("NFKC", text))
    kept = (
        str(unicodedata.digit(c)) if c.isdecimal() else c
        for c in text
        if unicodedata.category(c) != "Mn"
    )
    return "".join(kept).casefold()


def standing(word: str, text: str) -> bool:
    """Does word stand whole (not inside a longer word) in text, both folded?"""
    return re.search(rf"(?<![^\W_]){re.escape(folded(word))}(?![^\W_])", folded(text)) is not None


def digits(text: str) -> str:
    """Every decimal digit of text, as ASCII, in order."""
    return "".join(c for c in folded(text) if c.isdigit())
