"""What every co-ordinator form shares: field-by-field problems and date parsing."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from datetime import date, datetime, time

from kiosk.services.store.errors import KioskError


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a form: `field` names the input, `message` says why."""

    field: str
    message: str


class FormError(KioskError, ValueError):
    """A record that cannot be saved; nothing was written."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__("; ".join(p.message for p in problems))
        self.problems = problems


# Dates a centre's records can hold. Outside them a session's times would overflow
# (9999-12-31 plus a departure hold), and such a date is a typing slip anyway.
EARLIEST, LATEST = date(1900, 1, 1), date(2199, 12, 31)


def counted(count: int, thing: str, things: str | None = None) -> str:
    """A count and its noun, agreeing: "1 session", "2 sessions", "0 cases"."""
    if count == 1:
        return f"{count} {thing}"
    return f"{count} {things if things is not None else thing + 's'}"


# What a date field says it takes, as its placeholder or hint.
DATE_HINT = "YYYY-MM-DD or DD/MM/YYYY"


def read_date(text: str) -> date:
    """YYYY-MM-DD or the UK's DD/MM/YYYY, everywhere; ValueError says why in one line."""
    text = text.strip()
    for fmt in ("%Y-%m-%d", "%d/%m/%Y"):
        try:
            found = datetime.strptime(text, fmt).date()
        except ValueError:
            continue
        if not EARLIEST <= found <= LATEST:
            raise ValueError(f"{text!r} is not a date the centre's records can hold")
        return found
    raise ValueError(f"{text!r} is not a date (YYYY-MM-DD or DD/MM/YYYY)")


def read_moment(text: str) -> datetime:
    """A date in either form, then HH:MM: a wall-clock time at the centre, never a zone."""
    words = text.split()
    if len(words) != 2:
        raise ValueError(f"{text.strip()!r} is not a date and a time (YYYY-MM-DD HH:MM)")
    day = read_date(words[0])
    try:
        at = datetime.strptime(words[1], "%H:%M").time()
    except ValueError:
        raise ValueError(f"{words[1]!r} is not a 24-hour time (YYYY-MM-DD HH:MM)") from None
    return datetime.combine(day, at)


def parse_date(text: str, field: str, problems: list[Problem]) -> date | None:
    """A form's date field; blank is None. A bad date adds a problem for the field."""
    if not text.strip():
        return None
    try:
        return read_date(text)
    except ValueError as exc:
        problems.append(Problem(field, str(exc)))
        return None


def optional_date(text: str, what: str) -> date | None:
    """Blank means "not given"; anything else must be a date (ValueError names `what`)."""
    if not text.strip():
        return None
    try:
        return read_date(text)
    except ValueError as exc:
        raise ValueError(f"{what}: {exc}") from None


def parse_time(text: str, field: str, problems: list[Problem]) -> time | None:
    text = text.strip()
    try:
        return datetime.strptime(text, "%H:%M").time()
    except ValueError:
        problems.append(Problem(field, f"{text!r} is not a 24-hour time (HH:MM)"))
        return None


def parse_minutes(text: str, field: str, problems: list[Problem]) -> int | None:
    text = text.strip()
    # ASCII digits only: "²" and "٣" pass str.isdigit() but are no number of minutes.
    if text.isascii() and text.isdigit() and int(text) <= 240:
        return int(text)
    # Blank quotes nothing ("'' is not..."): it says what to give instead.
    said = f"{text!r} is not a number of minutes" if text else "give a number of minutes"
    problems.append(Problem(field, f"{said} (0 to 240)"))
    return None


# Joiners some scripts need inside a name (Persian, Indic, emoji sequences).
JOINERS = {"\u200c", "\u200d"}
# Letters and symbols that print as nothing: the Hangul fillers and the braille blank. No
# name or note needs one, and inside a word one hides the word from a reader's search.
BLANKS = frozenset("\u115f\u1160\u3164\uffa0\u2800")
UNSHOWABLE = (
    "contains control characters or blanks (such as ESC, a text-direction mark or a Hangul"
    " filler) that cannot be shown"
)


def unshowable(text: str, *, lines: bool = False) -> bool:
    """True if text holds a character a screen or file must not be given.

    Control characters reach a terminal as they are: ESC starts a sequence that
    can clear the screen, retitle the window or write the clipboard; bidi
    overrides make a name read as something else; a blank letter (BLANKS) looks
    like a space or like nothing. Newlines and tabs are allowed
    where a field holds several lines.
    """
    for ch in text:
        if ch in JOINERS or (lines and ch in "\n\t"):
            continue
        if ch in BLANKS:
            return True
        # Zl/Zp: U+2028 and U+2029 break a line on screen as a newline would.
        if unicodedata.category(ch) in ("Cc", "Cf", "Cs", "Co", "Zl", "Zp"):
            return True
    return False


def check_showable(
    fields: dict[str, str], problems: list[Problem], *, multiline: frozenset[str] = frozenset()
) -> None:
    """A problem for each field holding control characters."""
    for name, text in fields.items():
        if unshowable(text, lines=name in multiline):
            problems.append(Problem(name, UNSHOWABLE))


def refused_text(what: str) -> str:
    """The one line refusing a typed text that holds such characters, naming its field."""
    return f"{what} {UNSHOWABLE}"


def first_unshowable(fields: dict[str, str], *, multiline: frozenset[str] = frozenset()) -> str:
    """The refusal for the first field (named in words) holding control characters, else "".

    Every free text a person types is held to the rule names are held to: a
    reason, a note or a description reaches screens and files as a name does.
    """
    for what, text in fields.items():
        if unshowable(text, lines=what in multiline):
            return refused_text(what)
    return ""
