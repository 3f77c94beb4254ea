"""Phone numbers, postcodes and e-mail addresses in free text, found by what they are.

Each is found in the plain view of the text (folding.view: full-width digits,
zero-width characters and look-alike letters already made plain) and compared
by meaning with the subject's own: a phone number by the number it parses to
(libphonenumber, UK by default), a postcode by its letters and digits without
the space, an e-mail address case-folded. Whatever is found and is not the
subject's own is redacted: a note has no business giving the subject anyone
else's number or address, known to the centre or not.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator

import phonenumbers

from kiosk.services.release.folding import View

REGION = "GB"
# A run of digits and what people put between them; letters O and l typed for 0 and 1 inside it.
_DIGIT_RUN = re.compile(r"[\d+(][\dOoIl|\s().\-\u2010-\u2015/]*\d")
_AS_DIGITS = str.maketrans("OoIl|", "00111")
# The UK postcode grammar (outward code, then inward code), with or without the space.
POSTCODE = re.compile(
    r"(?<![A-Za-z0-9])(GIR\s*0AA|[A-Z]{1,2}[0-9][A-Z0-9]?\s*[0-9][A-Z]{2})(?![A-Za-z0-9])",
    re.IGNORECASE,
)
EMAIL = re.compile(r"[\w.%+'-]+@[\w-]+(?:\.[\w-]+)+")
# A national number shorter than this is a reference or a count, not a UK telephone.
_SHORTEST = 9

Span = tuple[int, int]


@functools.lru_cache(maxsize=1024)
def phone_key(text: str) -> str:
    """The number text is, in E.164 ("+447700900222"); "" when it is not a possible number."""
    try:
        number = phonenumbers.parse(text, REGION)
    except phonenumbers.NumberParseException:
        return ""
    if not phonenumbers.is_possible_number(number):
        return ""
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def postcode_key(text: str) -> str:
    return re.sub(r"\s", "", text).upper()


def email_key(text: str) -> str:
    return text.strip().casefold()


def _digit_view(text: str) -> str:
    """The text with O/o and I/l/| read as digits inside runs of digits (same length)."""
    out = list(text)
    for run in _DIGIT_RUN.finditer(text):
        if sum(c.isdigit() for c in run.group()) >= 6:
            out[run.start() : run.end()] = run.group().translate(_AS_DIGITS)
    return "".join(out)


def _phone_matches(text: str) -> Iterator[tuple[int, int, str]]:
    leniency = phonenumbers.Leniency.POSSIBLE
    for match in phonenumbers.PhoneNumberMatcher(text, REGION, leniency=leniency):
        key = phonenumbers.format_number(match.number, phonenumbers.PhoneNumberFormat.E164)
        yield match.start, match.end, key


def phones(plain: View, own: set[str], known: set[str]) -> list[Span]:
    """Spans of phone numbers that are not the subject's own.

    A number of another adult (in `known`) is redacted however short; any other
    must be long enough to be a telephone number.
    """
    found: list[Span] = []
    for text in {plain.text, _digit_view(plain.text)}:
        for start, end, key in _phone_matches(text):
            if key in own:
                continue
            national = str(phonenumbers.parse(key).national_number)
            if key in known or len(national) >= _SHORTEST:
                found.append(plain.span(start, end))
    return found


def postcodes(plain: View, own: set[str]) -> list[Span]:
    return [
        plain.span(*m.span())
        for m in POSTCODE.finditer(plain.text)
        if postcode_key(m.group()) not in own
    ]


def emails(plain: View, own: set[str]) -> list[Span]:
    return [
        plain.span(*m.span()) for m in EMAIL.finditer(plain.text) if email_key(m.group()) not in own
    ]
