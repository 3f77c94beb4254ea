"""Words compared as a reader sees them: the folding behind subject access's redaction.

Two spellings of a name are the same word to a reader when they differ only in
case, accents, compatibility forms (full-width or mathematical letters),
invisible characters (a zero-width space, a Hangul filler or the braille blank
inside a name), or letters that look alike (a Greek capital Zeta for a Z, a
Cyrillic a for a Latin a). `fold` maps every such spelling to one key: NFKC,
format characters and blanks dropped, accents dropped (NFD), any decimal digit
made ASCII, the letters in LATIN made Latin, then the confusable skeleton of
Unicode TR39 (UTS #39), case-folded.

LATIN holds look-alikes the confusables data leaves out or sends elsewhere:
small capitals (U+1D00 on), Greek epsilon (the data makes it U+A793), kappa,
tau, chi and omega, and letters with a stroke. Cherokee capitals are in the
data; Cherokee small letters case-fold to them. A transliterating library
(anyascii, Unidecode) was not taken: it reads letters by sound, not by look
(the Cherokee letter that looks like an A is "go" to it, the Cyrillic letter
that looks like a p is an "r"), which is not what a reader of a note sees.

Punctuation and spaces (every dash, every apostrophe look-alike) separate words
before any of this: the confusables data maps an em dash to a letter-like mark,
which would glue "Brennan—Gareth" into one word.

The skeleton comes from Unicode's confusables data as the `confusable-homoglyphs`
package ships it. That package offers no skeleton function and keeps each
"source -> prototype" line of confusables.txt as a link both ways; the
direction is recovered because the data is a set of stars: every source links
to exactly one prototype, and a prototype is the end that is several
characters long or has other links (`tests/services/test_folding.py` checks
this holds for the data installed). A pair of single characters linked only to
each other may be read either way round: both fold to the same key.

TR39's skeleton is case-sensitive (capital I and small l are one prototype,
small i another), so after case folding "i" and "l" are taken as one letter,
as TR39 takes "I", "l" and "1": a name is caught whichever of them a note uses.
"""

from __future__ import annotations

import functools
import json
import unicodedata
from collections import defaultdict
from dataclasses import dataclass
from importlib import resources

from kiosk.services.store.forms import BLANKS

# Format characters and accents: dropped from a key, and never separate two words.
_DROPPED = ("Cf", "Mn", "Me")
# Spacing vowel signs (Devanagari and other scripts) stand inside words and are kept in keys.
_INSIDE = (*_DROPPED, "Mc")
# Street types as a note might shorten them: "Oak Rd" is "Oak Road".
STREET_WORDS = {
    "rd": "road",
    "st": "street",
    "ave": "avenue",
    "av": "avenue",
    "ln": "lane",
    "dr": "drive",
    "cl": "close",
    "cls": "close",
    "clo": "close",
    "cres": "crescent",
    "cresc": "crescent",
    "ct": "court",
    "pl": "place",
    "sq": "square",
    "gdns": "gardens",
    "gdn": "gardens",
    "tce": "terrace",
    "terr": "terrace",
    "ter": "terrace",
    "gr": "grove",
    "gro": "grove",
    "pk": "park",
    "blvd": "boulevard",
    "pde": "parade",
    "wy": "way",
    "wk": "walk",
    "hts": "heights",
    "mws": "mews",
    "grn": "green",
    "cotts": "cottages",
}
# Look-alikes of Latin letters that the confusables data misses (see the docstring).
LATIN = str.maketrans(
    "ᴀʙᴄᴅᴇꜰɢʜɪᴊᴋʟᴍɴᴏᴘʀꜱᴛᴜᴠᴡʏᴢꞯεϵɛꞓκϰĸτχωøđłħŧƀɨʉı",
    "abcdefghijklmnoprstuvwyzqeeeekkktxwodlhtbiui",
)
# Bidirectional marks wrap right-to-left characters in the data's comments.
_MARKS = str.maketrans("", "", "\u200e\u200f")


def _links() -> dict[str, set[str]]:
    data = resources.files("confusable_homoglyphs").joinpath("confusables.json")
    raw: dict[str, list[dict[str, str]]] = json.loads(data.read_text(encoding="utf-8"))
    links: dict[str, set[str]] = defaultdict(set)
    for key, entries in raw.items():
        for entry in entries:
            a, b = key.translate(_MARKS), entry["c"].translate(_MARKS)
            if a and b and a != b:
                links[a].add(b)
                links[b].add(a)
    return links


def _is_prototype(end: str, other: str, links: dict[str, set[str]]) -> bool:
    if len(end) > 1 or len(links[end]) > 1:
        return True
    if len(other) > 1 or len(links[other]) > 1:
        return False
    # A lone pair: either way round folds alike; the Latin end reads best.
    return (end.isascii(), -ord(end)) > (other.isascii(), -ord(other))


@functools.cache
def prototypes() -> dict[str, str]:
    """TR39's skeleton map: each confusable character to its prototype."""
    links = _links()
    found: dict[str, str] = {}
    for source, ends in links.items():
        if len(source) != 1:
            continue
        for end in ends:
            if _is_prototype(end, source, links):
                found[source] = end
    return found


def ascii_digit(c: str) -> str:
    """A decimal digit of any script as its ASCII digit ("٣" is "3"); anything else as it is."""
    return str(unicodedata.decimal(c)) if c.isdecimal() and not c.isascii() else c


def _plain(text: str) -> str:
    """NFKC, format characters, blanks and accents (combining marks) taken out, digits made
    ASCII and the look-alikes in LATIN made Latin."""
    text = unicodedata.normalize("NFD", unicodedata.normalize("NFKC", text).translate(LATIN))
    return "".join(
        ascii_digit(c) for c in text if unicodedata.category(c) not in _DROPPED and c not in BLANKS
    )


def _skeleton(text: str) -> str:
    table = prototypes()
    return "".join(table.get(c, c) for c in text)


def _key(word: str) -> str:
    # The skeleton before case folding (a capital Zeta is a Z, a small zeta nothing) and after
    # (a Cyrillic small a is an a); marks again, since a prototype may carry one.
    key = _plain(_skeleton(_plain(_skeleton(_plain(word)).casefold()))).casefold()
    return key.translate(LATIN).replace("l", "i")


@functools.cache
def _streets() -> dict[str, str]:
    return {_key(short): _key(full) for short, full in STREET_WORDS.items()}


@functools.lru_cache(maxsize=65536)
def fold(word: str) -> str:
    """The key two spellings of one word share; see the module's docstring."""
    key = bare(word)
    return _streets().get(key, key)


@functools.lru_cache(maxsize=65536)
def bare(word: str) -> str:
    """fold's key without reading a street abbreviation: a piece of a postcode spelt out
    ("DR 2 9RG") is not a Drive."""
    return _key(word)


# Marks put between the letters or pieces of a word to spell it out or emphasise a part.
_SPELLING = "*/|.()[]_~^+=\u00b7\u2027\u2022\u2219\u22c5\u2212"
# Apostrophes as a keyboard, a word processor or a phone writes them ("O'Neill", a curly one).
APOSTROPHES = "'\u2018\u2019\u02bc\u02b9`\u00b4\u2032"


def joins(gap: str) -> bool:
    """Does the text between two words join them into one phrase, or one word spelt out?

    Spaces, or one dot, underscore, apostrophe or dash (of any kind), spaces around
    it or not: "3 Oak Road", "zq.hargreave", "O'Neill", "Gar-eth", "G a r e t h";
    a comma or a colon ends a phrase ("10:30, Oak").
    """
    mark = gap.strip()
    if not mark:
        return True
    # One mark of any kind with no space about it stands inside a word: "Gar#eth", "Gar,eth".
    if len(gap) == 1 and unicodedata.category(gap)[0] in "PS":
        return True
    if len(mark) == 1 and (mark in "._" + APOSTROPHES or unicodedata.category(mark) == "Pd"):
        return True
    # Marks that spell a word out or emphasise a part of it: "G*a*r*e*t*h", "G/a/r/e/t/h",
    # "Gar--eth", "Gar...eth", "Gar(eth)", "**Gar**eth", "Gar·eth", "Gar•eth".
    return len(mark) <= 3 and all(c in _SPELLING or unicodedata.category(c) == "Pd" for c in mark)


@functools.lru_cache(maxsize=8192)
def _inside_word(ch: str) -> bool:
    """Can ch stand inside a word? Punctuation and spaces separate; look-alike letters do not.

    Decided before the skeleton: the data maps an em dash to a letter-like mark and
    a modifier apostrophe (U+02BC, a letter) to an apostrophe.
    """
    if ch.isascii():
        return ch.isalnum()
    category = unicodedata.category(ch)
    if category in _INSIDE or ch in BLANKS:
        return True
    if category[0] in "PZ":
        return False
    folded = fold(ch)
    return bool(folded) and folded.isalnum()


def _trimmed(word: str) -> str:
    """The word without digits stuck to either end ("Zqvisfirst2" is the name)."""
    core = word.strip("0123456789")
    return core if core and core != word else ""


@dataclass(frozen=True)
class Word:
    """One word of a text: where it stands, its key and the keys it may also be read as."""

    start: int
    end: int
    key: str
    loose: frozenset[str]
    bare: str
    # Written with a capital first ("Will", not "will"): a short form that is a word needs one.
    capital: bool = False


def words(text: str) -> list[Word]:
    """The text's words in order. An underscore, a dot or an @ separates two words."""
    found: list[Word] = []
    start = -1
    for i, ch in enumerate([*text, " "]):
        if _inside_word(ch):
            if start < 0:
                start = i
            continue
        if start >= 0:
            found.append(_word(text, start, i))
            start = -1
    return [w for w in found if w.key]


def _word(text: str, start: int, end: int) -> Word:
    raw = text[start:end]
    key = fold(raw)
    trimmed = _trimmed(raw)
    loose = {key, fold(trimmed)} if trimmed else {key}
    # A family named in the plural: "the Brennans", "the O'Neills".
    if len(raw) > 4 and raw[-1] in "sS":
        loose.add(fold(raw[:-1]))
    capital = not raw[:1].islower()
    return Word(start, end, key, frozenset(k for k in loose if k), bare(raw), capital)


@dataclass(frozen=True)
class View:
    """Text made plain for finding phones, postcodes and e-mails, and where each character was.

    Each character of the text is NFKC'd, format characters and blanks are
    dropped, a digit of any script becomes its ASCII digit and a look-alike of a
    Latin letter or digit becomes it; `at[i]` is the index in
    the original text of the view's i-th character.
    """

    text: str
    at: tuple[int, ...]

    def span(self, start: int, end: int) -> tuple[int, int]:
        """The original text's span for the view's [start, end)."""
        return self.at[start], self.at[end - 1] + 1


def view(text: str) -> View:
    table = prototypes()
    chars: list[str] = []
    at: list[int] = []
    for i, ch in enumerate(text):
        for c in unicodedata.normalize("NFKC", ch):
            if unicodedata.category(c) == "Cf" or c in BLANKS:
                continue
            c = ascii_digit(c)
            if not c.isascii():
                like = table.get(c, c)
                c = like if len(like) == 1 and like.isascii() and like.isalnum() else c
            chars.append(c)
            at.append(i)
    return View("".join(chars), tuple(at))
