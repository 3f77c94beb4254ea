"""The generated families of redaction_cases.py on record, and the oracle that judges the files.

`store` puts a case on record with every note in its free-text field. `leaks`
looks for each other person's detail as it was written and as it is (a name as
a whole word after accents and case are folded away, a phone number by its
digits, a postcode without spaces), independently of the product's own folding.
`words_kept` counts the subject's own words that a released note still holds,
for bench/redaction.py's over-redaction figure.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from datetime import date, datetime, timedelta
from typing import AnyStr

from models import (
    AccidentEntry,
    Attendance,
    BookingEvent,
    Case,
    Child,
    Consent,
    Declaration,
    Disclosure,
    Incident,
    Person,
    Referral,
    Volunteer,
    database,
)
from tests.support.builders import make_booking
from tests.support.redaction_cases import Spec


def store(spec: Spec, ref: str, now: datetime) -> Person:
    """Put the case on record with every note in its field; returns the subject."""
    with database.atomic():
        return _store(spec, ref, now)


def _store(spec: Spec, ref: str, now: datetime) -> Person:
    case = Case.create(ref=ref, created_at=now - timedelta(days=90), last_used_at=now)
    people = {}
    for adult in [spec.subject, *spec.others]:
        people[adult.first] = Person.create(
            case=case, role=adult.role, created_at=now, last_used_at=now, **adult.details()
        )
    subject = people[spec.subject.first]
    other = people[spec.others[0].first]
    for name in spec.children:
        Child.create(case=case, first_name=name)
    by_field: dict[str, list[str]] = {}
    for note in spec.notes:
        by_field.setdefault(note.field, []).append(note.text)
    Referral.create(
        case=case,
        organisation=by_field["organisation"][0],
        contact_name=spec.referrer[0],
        contact_email=spec.referrer[1],
        risk_notes=by_field["risk notes"][0],
    )
    start = datetime(now.year, now.month, now.day, 10) - timedelta(days=28)
    booking = make_booking(case, start, room=by_field["room"][0])
    for i, text in enumerate(by_field["attendance"]):
        at = start + timedelta(minutes=i)
        Attendance.create(
            booking=booking, person=subject, kind="in", at=at, method="manual", reason=text
        )
    for text in by_field["others' attendance"]:
        Attendance.create(
            booking=booking, person=other, kind="in", at=start, method="manual", reason=text
        )
    Consent.create(
        person=subject,
        recipient=by_field["consent recipient"][0],
        scope=by_field["consent scope"][0],
        given_on=date(now.year, 1, 2),
    )
    ended = make_booking(case, start + timedelta(days=14))
    ended.state, ended.outcome_reason = "curtailed", by_field["ended early"][0]
    ended.save()
    BookingEvent.create(booking=ended, kind="curtailed", at=start, reason=by_field["door event"][0])
    Incident.create(at=start, case=case, description=by_field["incident"][0])
    AccidentEntry.create(
        at=start, recorded_at=start, recorded_by_name="Door", description=by_field["accident"][0]
    )
    volunteer = Volunteer.create(name=f"Vol {ref}", created_at=now)
    Declaration.create(
        volunteer=volunteer, case=case, declared_on=now.date(), note=by_field["declaration"][0]
    )
    Disclosure.create(
        at=start, kind="safeguarding", recipient="Police", case=case, what=by_field["disclosure"][0]
    )
    return subject


# Characters that print as nothing (Hangul fillers, the braille blank): a reader skips them.
_BLANKS = "\u3164\u115f\u1160\uffa0\u2800"


def plain(text: str) -> str:
    """Case, accents, format characters, blanks, symbols and letters of scripts without case
    folded away, digits of any script made ASCII (the oracle's own, simple folding)."""
    text = unicodedata.normalize("NFKD", text)
    kept = (
        str(unicodedata.decimal(c)) if c.isdecimal() else c
        for c in text
        # Symbols and other scripts' letters too: a reader skips a star inside "Gar★eth".
        if unicodedata.category(c) not in ("Mn", "Cf", "So", "Sm", "Sc", "Sk", "Lo")
        and c not in _BLANKS
    )
    return "".join(kept).casefold()


def _standing(written: AnyStr, text: AnyStr) -> bool:
    """Is written in text, not as part of a longer word (the subject's own may hold it)?"""
    at = text.find(written)
    while at >= 0:
        end = at + len(written)
        if not text[at - 1 : at].isalnum() and not text[end : end + 1].isalnum():
            return True
        at = text.find(written, at + 1)
    return False


def _mended(pdf_text: str, as_json: str) -> str:
    """The PDF's text with each word it broke (at a line's end, or across a space the text
    extraction put in) made whole again: two pieces the JSON holds as one word are one."""
    whole = {w.casefold() for w in re.findall(r"\w+", as_json)}

    def mend(m: re.Match[str]) -> str:
        return m[1] + m[2] if (m[1] + m[2]).casefold() in whole else m[0]

    return re.sub(r"(\w+)[ \n](\w+)", mend, pdf_text)


def _written(written: str, text: str, mended: str) -> bool:
    """Does written stand in text, as it was written or with its spaces made single, and
    still stand once broken words are mended?"""
    return any(
        _standing(form, text) and _standing(form, mended)
        for form in (written, " ".join(written.split()))
    )


def leaks(spec: Spec, as_json: str, pdf_text: str, raw: tuple[bytes, bytes]) -> list[str]:
    """Every other person's detail found in a subject access file, however written.

    Whole words are looked for in the JSON (the PDF wraps long words inside table
    cells, so a fragment of the subject's own word could pass for a name); the
    PDF's text is searched for each detail as written (standing alone both as the
    PDF broke its lines and with each word it broke mended, for "Nava" at the end
    of a line may be the start of "Navaela"), by its digits and without spaces.
    Raw bytes: the JSON's, and the PDF's for details of six bytes or more (its
    streams are compressed, and a shorter run turns up by chance).
    """
    json_words = plain(as_json)
    texts = [
        (where, text, re.sub(r"\D", "", plain(text)))
        for where, text in (("JSON", as_json), ("PDF", pdf_text))
    ]
    compact = {where: re.sub(r"\s", "", plain(text)).upper() for where, text, _ in texts}
    mended = {"JSON": as_json, "PDF": _mended(pdf_text, as_json)}
    found = []
    for note in spec.notes:
        for s in note.secrets:
            for where, text, digits in texts:
                if _written(s.written, text, mended[where]):
                    found.append(f"{note.field}: {s.written!r} as written, in the {where}")
                if s.digits and s.digits in digits:
                    found.append(f"{note.field}: phone {s.written!r}, in the {where}")
                if s.compact and s.compact.replace(" ", "") in compact[where]:
                    found.append(f"{note.field}: postcode {s.written!r}, in the {where}")
            if any(_standing(plain(w), json_words) for w in s.words):
                found.append(f"{note.field}: {s.words} as a word, from {s.written!r}")
            written = s.written.encode()
            if _standing(written, raw[0]) or (len(written) >= 6 and _standing(written, raw[1])):
                found.append(f"{note.field}: {s.written!r} in the files' bytes")
    return found


def words_kept(after: str, words: list[str]) -> tuple[int, int]:
    """How many of `words` (a note's words and phrases) after still holds whole: (kept, all)."""
    tokens = Counter(re.findall(r"[^\W_]+", after))
    kept = 0
    for phrase, n in Counter(words).items():
        single = re.fullmatch(r"[^\W_]+", phrase) is not None
        have = tokens[phrase] if single else after.count(phrase)
        kept += min(n, have)
    return kept, len(words)
