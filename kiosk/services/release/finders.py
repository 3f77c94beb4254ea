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
_DIGIT_RUN = re.compile(r"[\d+(][\dOoIl|\s().\-\u2010-\u2015/_,;\u00b7]*\d")
_AS_DIGITS = str.maketrans("OoIl|", "00111")
_MORE_SEPARATORS = str.maketrans("_,;\u00b7", "    ")
# A word of digits and the letters typed for them, with at least two digits ("O77OO", "92l").
_LOOKS_NUMERIC = re.compile(r"(?<![A-Za-z0-9])(?=(?:[OoIl]*\d){2})[\dOoIl]+(?![A-Za-z0-9])")
# A group of digits (with the brackets and + of "+44 (0)7700") between separators.
_GROUP = re.compile(r"[+(]*\d[\d()]*")
# A number as people write one (from + or 0): nine to fifteen digits, one separator (a space,
# dot, dash, slash, underscore, comma, semicolon or middle dot; and brackets) at most
# between two of them.
_PHONE_LIKE = re.compile(
    r"(?<!\d)(?:\+|\(?0)(?:\)?[ .\-\u2010-\u2015/_,;\u00b7]?\(?\d){8,14}(?!\d)"
)
# Dates and times are never part of a telephone number ("2026-05-05 09:30" has ten digits).
_WHEN = re.compile(
    r"(?<!\d)(?:\d{4}-\d{1,2}-\d{1,2}|\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}|\d{1,2}:\d{2})(?!\d)"
)
# A number from 0 or +44 with ten or eleven digits in all, whatever groups them (dashes, dots,
# slashes, brackets, a line's end): "07700 12-34-56" is a number, though a group looks like a date.
_GROUPED = re.compile(
    r"(?<![\d.:/-])(?:\+\s?44\s?(?:\(0\))?|0)(?:[\s.\-\u2010-\u2015/()]{0,2}\d){9,10}(?![\d:])"
)
# A whole date with its year, or a time, inside such a run: then it is a date, not a number.
_DATED = re.compile(r"\d{1,2}[/.-]\d{1,2}[/.-](?:19|20)\d\d|(?:19|20)\d\d-\d{1,2}-\d{1,2}")
# The UK postcode grammar (outward code, then inward code), with or without the space.
POSTCODE = re.compile(
    r"(?<![A-Za-z0-9])(GIR\s*0AA|[A-Z]{1,2}[0-9][A-Z0-9]?\s*[0-9][A-Z]{2})(?![A-Za-z0-9])",
    re.IGNORECASE,
)
# Written more loosely: a dash, dot, underscore, slash, middle dot or comma between the
# halves, an l or I for the inward code's 1
# ("LS6-1AB", "LS6 lAB"), or every character spaced ("L S 6 1 A B").
_LOOSE_POSTCODE = re.compile(
    r"(?<![A-Za-z0-9])(?:[A-Z]{1,2}[0-9][A-Z0-9]?(?:\s*[-\u2010-\u2015._/\u00b7,]\s*|\s*)[0-9lI][A-Z]{2}"
    r"|[A-Z] (?:[A-Z] )?[0-9] (?:[A-Z0-9] )?[0-9] [A-Z] [A-Z])(?![A-Za-z0-9])",
    re.IGNORECASE,
)
EMAIL = re.compile(r"[\w.%+'-]+@[\w-]+(?:\.[\w-]+)+")
# An address written loosely: "g77 @ outlook.com", "g77 at outlook dot com", "g77(at)outlook.com",
# "g77@outlook .com", an ideographic full stop. The host must end in a usual top-level name.
_DOT = r"\s*(?:[.\u3002\uff0e\uff61]|[(\[]dot[)\]]|\sdot\s)\s*"
_LOOSE_EMAIL = re.compile(
    r"(?P<local>[\w.%+'-]+)(?:\s*@\s*|\s*[(\[]at[)\]]\s*|\s+at\s+)"
    rf"(?P<host>[\w-]+(?:{_DOT}[\w-]+)*{_DOT}(?:com|net|org|uk|io|me|info|biz|ie|eu))(?![\w])",
    re.IGNORECASE,
)
# A national number shorter than this is a reference or a count, not a UK telephone.
_SHORTEST = 9
# At most this many characters between two digits of one written number ("07700 then 921").
_GAP = 12

Span = tuple[int, int]


@functools.lru_cache(maxsize=1024)
def phone_key(text: str) -> str:
    """The number text is, in E.164 ("+447700900222"); "" when it is not a possible number."""
    try:
        # The parser takes spaces, dots, dashes and slashes between groups; these as well.
        number = phonenumbers.parse(text.translate(_MORE_SEPARATORS), REGION)
    except phonenumbers.NumberParseException:
        return ""
    if not phonenumbers.is_possible_number(number):
        return ""
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def numbers_in(field: str) -> list[str]:
    """Every number a phone field holds ("07700 921265 (mobile)", "01632 960555 or 07700
    921265"), each as written; the field itself when it parses whole."""
    if phone_key(field):
        return [field]
    found = [field[start:end] for start, end, _ in _phone_matches(_digit_view(field))]
    return list(dict.fromkeys(found))


def postcode_key(text: str) -> str:
    compact = re.sub(r"[^A-Za-z0-9]", "", text).upper()
    # The inward code starts with a digit: an I or l there is a 1 typed as a letter.
    return compact[:-3] + compact[-3:-2].replace("I", "1").replace("L", "1") + compact[-2:]


def email_key(text: str) -> str:
    return text.strip().casefold()


def _digit_view(text: str) -> str:
    """The text with O/o and I/l/| read as digits inside runs of digits, and inside any
    word made only of digits and such letters ("O77OO", "92l") (same length)."""
    out = list(text)
    for run in _DIGIT_RUN.finditer(text):
        if sum(c.isdigit() for c in run.group()) >= 6:
            out[run.start() : run.end()] = run.group().translate(_AS_DIGITS)
    for word in _LOOKS_NUMERIC.finditer(text):
        out[word.start() : word.end()] = word.group().translate(_AS_DIGITS)
    return "".join(out)


def _phone_matches(text: str) -> Iterator[tuple[int, int, str]]:
    """libphonenumber's matches, and every run of digits that parses as a number.

    The matcher reads a number in context and gives up on some ("07700.900.233.
    07700 900861" yields only "07700"); each digit run (one separator at most
    between digits) is parsed on its own as well.
    """
    leniency = phonenumbers.Leniency.POSSIBLE
    for match in phonenumbers.PhoneNumberMatcher(text, REGION, leniency=leniency):
        # "07700900474, XT8 4LP" reads as an extension "X...8": the digit runs below
        # find such a number without taking the words after it.
        if match.number.extension:
            continue
        key = phonenumbers.format_number(match.number, phonenumbers.PhoneNumberFormat.E164)
        yield match.start, match.end, key
    for run in _PHONE_LIKE.finditer(text):
        yield from _numbers_in(text, run.start(), run.end())


def _numbers_in(text: str, start: int, end: int) -> Iterator[tuple[int, int, str]]:
    """The numbers in a run of digit groups, each the longest run of groups that parses.

    A run can hold a number and a house number beside it ("0044 7700 900038 32
    Oak Road"), or two numbers: the groups are tried from the longest span down.
    """
    groups = [(start + m.start(), start + m.end()) for m in _GROUP.finditer(text[start:end])]
    i = 0
    while i < len(groups):
        for j in range(len(groups), i, -1):
            first, last = groups[i][0], groups[j - 1][1]
            key = phone_key(text[first:last])
            if key and len(national(key)) >= _SHORTEST:
                yield first, last, key
                i = j
                break
        else:
            i += 1


@functools.lru_cache(maxsize=1024)
def national(key: str) -> str:
    """The national significant number of an E.164 key ("7700900222")."""
    return str(phonenumbers.parse(key).national_number)


def phones(plain: View, own: set[str], known: set[str]) -> list[Span]:
    """Spans of phone numbers that are not the subject's own.

    A number of another adult (in `known`) is redacted however short and
    wherever it stands, and found by its digits too (_known_digits). Any other
    must be long enough to be a telephone number and must not overlap one of the
    subject's own or another adult's found by its digits (the matcher sometimes
    reads the end of one and the house number or price before it as another).
    """
    text = _WHEN.sub(lambda m: " " * len(m.group()), plain.text)
    hits = [hit for view in {text, _digit_view(text)} for hit in _phone_matches(view)]
    hits += _grouped(_digit_view(plain.text))
    theirs = _known_digits(_digit_view(plain.text), {national(k) for k in known - own})
    taken = theirs + [(start, end) for start, end, key in hits if key in own]
    found = [plain.span(start, end) for start, end in theirs]
    for start, end, key in hits:
        if key in own:
            continue
        overlaps = any(s < end and start < e for s, e in taken)
        if key in known or (len(national(key)) >= _SHORTEST and not overlaps):
            found.append(plain.span(start, end))
    return found


def _grouped(text: str) -> list[tuple[int, int, str]]:
    """Numbers grouped like dates or times ("07700 12-34-56", "(01632) 96-01-23"), keyed by
    their digits read as a UK number."""
    found = []
    for m in _GROUPED.finditer(text):
        if _DATED.search(m.group()):
            continue
        digits = re.sub(r"\D", "", m.group())
        key = "+44" + (digits[2:] if m.group().lstrip().startswith("+") else digits[1:])
        found.append((m.start(), m.end(), key))
    return found


def _digit_runs(text: str) -> Iterator[list[int]]:
    """Where the digits of text stand, in runs: a run ends where more than _GAP characters
    (or a line's end) stand between two digits."""
    run: list[int] = []
    for i, c in enumerate(text):
        if not c.isdigit():
            continue
        if run and (i - run[-1] > _GAP + 1 or "\n" in text[run[-1] : i]):
            yield run
            run = []
        run.append(i)
    if run:
        yield run


def _known_digits(text: str, nationals: set[str]) -> list[Span]:
    """Another adult's number however its digits are grouped or what stands between them.

    Dates, times, brackets, slashes or words between the groups ("07700 92-12-65",
    "0770 0921:265", "07700 then 921 265") hide a number from a parser, not from its
    digits: every run of digits is searched for each national number, with the 0,
    44 or 0044 written just before it.
    """
    # The number's last six digits standing alone ("... then ends in 921265").
    found: list[Span] = [
        (m.start(), m.end())
        for number in nationals
        for m in re.finditer(rf"(?<!\d){number[-6:]}(?!\d)", text)
    ]
    for run in _digit_runs(text):
        digits = "".join(text[i] for i in run)
        for number in nationals:
            at = digits.find(number)
            while at >= 0:
                start = _with_prefix(text, run, digits, at)
                found.append((run[start], run[at + len(number) - 1] + 1))
                at = digits.find(number, at + 1)
    return found


def _with_prefix(text: str, run: list[int], digits: str, at: int) -> int:
    """Where a number found at `at` starts: with the trunk 0 or country code written just
    before it ("+44 (0)7700"), never a house number or postcode's digit ("AN4 07700")."""
    for prefix in ("0044", "440", "44", "0"):
        first = at - len(prefix)
        if first < 0 or not digits[:at].endswith(prefix):
            continue
        between = text[run[first] : run[at]]
        if (
            all(c.isdigit() or c in " +()-." for c in between)
            and not text[run[first] - 1 : run[first]].isalnum()
        ):
            return first
    return at


def postcodes(plain: View, own: set[str]) -> list[Span]:
    return [
        plain.span(*m.span())
        for pattern in (POSTCODE, _LOOSE_POSTCODE)
        for m in pattern.finditer(plain.text)
        if postcode_key(m.group()) not in own
    ]


def emails(plain: View, own: set[str]) -> list[Span]:
    found = [(m, email_key(m.group())) for m in EMAIL.finditer(plain.text)]
    found += [(m, _loose_key(m)) for m in _LOOSE_EMAIL.finditer(plain.text)]
    return [plain.span(*m.span()) for m, key in found if key not in own]


def _loose_key(m: re.Match[str]) -> str:
    """The address a loosely written one stands for ("g at outlook dot com": g@outlook.com)."""
    host = re.split(r"\s*(?:[.\u3002\uff0e\uff61]|[(\[]dot[)\]]|\sdot\s)\s*", m["host"])
    return email_key(f"{m['local']}@{'.'.join(host)}")
