"""Words compared as a reader sees them: the folding behind subject access's redaction.

Two spellings of a name are the same word to a reader when they differ only in
case, accents, compatibility forms (full-width or mathematical letters),
invisible format characters (a zero-width space inside a name), or letters that
look alike (a Greek capital Zeta for a Z, a Cyrillic a for a Latin a). `fold`
maps every such spelling to one key: NFKC, format characters dropped, accents
dropped, then the confusable skeleton of Unicode TR39 (UTS #39), case-folded.

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
    "cres": "crescent",
    "ct": "court",
    "pl": "place",
    "sq": "square",
    "gdns": "gardens",
    "tce": "terrace",
    "gr": "grove",
    "pk": "park",
}
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


def _plain(text: str) -> str:
    """NFKC, with format characters and accents (combining marks) taken out."""
    text = unicodedata.normalize("NFD", unicodedata.normalize("NFKC", text))
    return "".join(c for c in text if unicodedata.category(c) not in _DROPPED)


def _skeleton(text: str) -> str:
    table = prototypes()
    return "".join(table.get(c, c) for c in text)


def _key(word: str) -> str:
    # The skeleton before case folding (a capital Zeta is a Z, a small zeta nothing) and after
    # (a Cyrillic small a is an a); marks again, since a prototype may carry one.
    key = _plain(_skeleton(_plain(_skeleton(_plain(word)).casefold()))).casefold()
    return key.replace("l", "i")


@functools.cache
def _streets() -> dict[str, str]:
    return {_key(short): _key(full) for short, full in STREET_WORDS.items()}


@functools.lru_cache(maxsize=65536)
def fold(word: str) -> str:
    """The key two spellings of one word share; see the module's docstring."""
    key = _key(word)
    return _streets().get(key, key)


@functools.lru_cache(maxsize=8192)
def _inside_word(ch: str) -> bool:
    """Can ch stand inside a word? Punctuation and spaces separate; look-alike letters do not."""
    if ch.isascii():
        return ch.isalnum()
    if unicodedata.category(ch) in _INSIDE or ch.isalnum():
        return True
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
    return Word(start, end, key, frozenset(k for k in loose if k))


@dataclass(frozen=True)
class View:
    """Text made plain for finding phones, postcodes and e-mails, and where each character was.

    Each character of the text is NFKC'd, format characters are dropped and a
    look-alike of a Latin letter or digit becomes it; `at[i]` is the index in
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
            if unicodedata.category(c) == "Cf":
                continue
            if not c.isascii():
                like = table.get(c, c)
                c = like if len(like) == 1 and like.isascii() and like.isalnum() else c
            chars.append(c)
            at.append(i)
    return View("".join(chars), tuple(at))
