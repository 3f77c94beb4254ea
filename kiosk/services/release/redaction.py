"""Redaction for subject access: every detail of the other adults, out of free text, by meaning.

The rule, for every free-text value a person typed (`scrubbed` is given which keys hold one;
dates, times and counts are never touched):

- Phone numbers, postcodes and e-mail addresses are found by what they are
  (finders.py) and each one that is not the subject's own is redacted: a phone
  number however it is written (+44 7700 900222, 07700 900 222), a postcode with
  or without its space.
- The other adults' names, their street names and address lines, the words of
  their e-mail addresses, the referrer's contact (identifiers.py) and any term
  the co-ordinator adds are redacted where they stand as whole words, compared
  by their folded keys (folding.py: case, accents, zero-width characters and
  look-alike letters make no difference). A street is redacted with or without
  its number.
- The subject's own words stay: "Rosemary" is not "Rose", "Danbury" is not
  "Dan". A term the subject shares as whole words (the same surname) is not
  redacted on its own; the other adult's full name still is. Never another
  adult's address part or postcode: over-redaction is the safer error there.
- Ordinary words stay: a short form that is a word ("Will") only capitalised, a
  name spelt with spaces not found in ordinary words ("a new man"), a house
  number never alone. Markup and reversed text are read as shown (readings.py).

Each redaction is kept (where, what kind, and the released text around it), and
every value scrubbed as released, so the co-ordinator can read all of it before
the files are written; the disclosure log keeps only how many of each kind.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, replace
from itertools import pairwise

from kiosk.services.release import finders, wordlists
from kiosk.services.release.folding import Word, joins, view, words
from kiosk.services.release.identifiers import Kind, Own
from kiosk.services.release.readings import placed, readings

REDACTED = "[redacted]"
# A term spelt in pieces or glued to another is matched by its keys run together, if at
# least this long: shorter, pieces of ordinary words run together would match by chance.
_GLUED_SHORTEST = 4
# How much released text a preview shows either side of a redaction, in characters.
CONTEXT = 40
# A house or flat number ("12", "12a"): never a term alone.
_HOUSE_NUMBER = re.compile(r"\d{1,4}[A-Za-z]?")


# Each kind as the disclosure log and the preview count it: (one, several).
KINDS = {
    Kind.NAME: ("name", "names"),
    Kind.PHONE: ("phone number", "phone numbers"),
    Kind.POSTCODE: ("postcode", "postcodes"),
    Kind.EMAIL: ("e-mail part", "e-mail parts"),
    Kind.ADDRESS: ("address part", "address parts"),
    Kind.ADDED: ("added term", "added terms"),
}


@dataclass(frozen=True)
class Term:
    keys: tuple[str, ...]
    kind: str
    # The words' keys run together, no abbreviation read as a street's kind ("dr29rg").
    glued: str
    # Matched only where the note capitalises it: a short form that is a word ("Will").
    capital: bool = False
    # A one-word address part that is a town: kept in a body's name.
    town: bool = False


@dataclass(frozen=True)
class Redaction:
    """One redaction: `said` is what was removed, for the co-ordinator's eyes only."""

    where: str
    kind: str
    said: str
    before: str
    after: str


@dataclass(frozen=True)
class Released:
    """One free-text value as it will be released, and where each redaction stands in it."""

    where: str
    text: str
    marks: tuple[tuple[int, int], ...]


def _term(text: str, kind: str) -> Term | None:
    found = words(text)
    keys = tuple(w.key for w in found)
    if not keys:
        return None
    capital = kind == Kind.SHORT and len(found) == 1 and wordlists.ordinary(found[0].bare)
    town = kind == Kind.TOWN and len(keys) == 1
    kind = {Kind.SHORT: Kind.NAME, Kind.TOWN: Kind.ADDRESS}.get(kind, kind)
    return Term(keys, kind, "".join(w.bare for w in found), capital, town)


class Redactor:
    """Scrubs free text of every term and found detail, keeping a record of each redaction."""

    def __init__(self, own: Own, others: list[tuple[str, str]], added: Iterable[str] = ()) -> None:
        self.own = own
        self.own_words = own.words
        terms = [
            t
            for text, kind in others
            if (t := _term(text, kind)) and not _numbers(text) and not _kept(own, t)
        ]
        terms += [t for text in added if (t := _term(text, Kind.ADDED))]
        # One kind for the same words: the first given (a name before an e-mail's words).
        unique = {t.keys: t for t in reversed(terms)}
        # A word that is one adult's name and another's short form ("Bill") is a name anywhere.
        anywhere = {t.keys for t in terms if not t.capital}
        unique = {k: replace(t, capital=k not in anywhere) for k, t in unique.items()}
        self.index: dict[str, list[Term]] = {}
        for t in sorted(unique.values(), key=lambda t: -len(t.keys)):
            self.index.setdefault(t.keys[0], []).append(t)
        # Each term's keys run together: "GarethBrennan", "Gar-eth", "ZZ 55 4AP" are found by it.
        self.glued = {t.glued: t for t in unique.values() if len(t.glued) >= _GLUED_SHORTEST}
        self.longest = max((len(k) for k in self.glued), default=0)
        self.known_phones = {
            k for text, kind in others if kind == Kind.PHONE and (k := finders.phone_key(text))
        }
        self.redactions: list[Redaction] = []
        # Every value scrubbed, redacted or not: the preview shows the co-ordinator all of it.
        self.released: list[Released] = []

    def _fits(self, key: str, word: Word) -> bool:
        # A word the subject uses is matched only as itself, never by a looser reading.
        return key == word.key or (key in word.loose and word.key not in self.own_words)

    def _term_at(
        self, found: list[Word], joined: list[bool], i: int, places: bool
    ) -> tuple[int, int, str] | None:
        first = found[i]
        for key in first.loose:
            for t in self.index.get(key, []):
                n = len(t.keys)
                if (
                    (places or not _place(t))
                    and (first.capital or not t.capital)
                    and i + n <= len(found)
                    and all(joined[i : i + n - 1])
                    and all(self._fits(k, w) for k, w in zip(t.keys, found[i : i + n], strict=True))
                ):
                    return first.start, found[i + n - 1].end, t.kind
        return None

    def _glued_at(
        self, text: str, found: list[Word], joined: list[bool], i: int, places: bool
    ) -> tuple[int, int, str] | None:
        """The longest term spelt from word i on in joined pieces ("G a r e t h", "Gar-eth") or
        glued to another ("GarethBrennan"), unless every piece is the subject's own word."""
        hit = None
        key = ""
        for j in range(i, len(found)):
            if j > i and not joined[j - 1]:
                break
            key += found[j].bare
            if len(key) > self.longest:
                break
            loose = {key, *found[j].loose} if j == i else {key}
            t = next((self.glued[k] for k in loose if k in self.glued), None)
            if (
                t
                and (places or not _place(t))
                and (found[i].capital or not t.capital)
                and not _ordinary_words(text, found[i : j + 1])
                and not all(w.key in self.own_words for w in found[i : j + 1])
            ):
                hit = (found[i].start, found[j].end, t.kind)
        return hit

    def spans(self, text: str, places: bool = True) -> list[tuple[int, int, str]]:
        """Every part of text to redact, as (start, end, kind), overlaps merged; without
        places, a one-word part of an address (a town) is left where it stands."""
        hits = self._hits(text, places)
        # Reversed text and markup are searched as a reader sees them too (readings.py).
        for read, at in readings(text):
            hits += [(*placed((s, e), at), kind) for s, e, kind in self._hits(read, places)]
        merged: list[tuple[int, int, str]] = []
        for start, end, kind in sorted(hits):
            if merged and start < merged[-1][1]:
                last = merged[-1]
                merged[-1] = (last[0], max(last[1], end), last[2])
            else:
                merged.append((start, end, kind))
        return merged

    def _hits(self, text: str, places: bool) -> list[tuple[int, int, str]]:
        found = words(text)
        # A term of several words is one phrase: "3 Oak Road", "zq.hargreave", not "10:30, Oak".
        joined = [joins(text[a.end : b.start]) for a, b in pairwise(found)]
        at = range(len(found))
        hits = [hit for i in at if (hit := self._term_at(found, joined, i, places))]
        hits += [hit for i in at if (hit := self._glued_at(text, found, joined, i, places))]
        plain = view(text)
        own = self.own
        hits += [
            (*s, Kind.PHONE) for s in finders.phones(plain, set(own.phones), self.known_phones)
        ]
        hits += [(*s, Kind.POSTCODE) for s in finders.postcodes(plain, set(own.postcodes))]
        hits += [(*s, Kind.EMAIL) for s in finders.emails(plain, set(own.emails))]
        return hits

    def scrub_body(self, text: str, where: str = "") -> str:
        """scrub for the name of an organisation: "Harrogate Family Court Service" is the
        court's name, and a town redacted in it would tell the subject the other's town.
        A street's name is never kept, and a "body" that names another adult ("Gareth's
        mother, Leeds") is no body: scrubbed as any free text."""
        named = any(kind == Kind.NAME for _, _, kind in self.spans(text, places=False))
        return self.scrub(text, where, places=named)

    def scrub(self, text: str, where: str = "", places: bool = True) -> str:
        spans = self.spans(text, places)
        if not spans:
            self.released.append(Released(where, text, ()))
            return text
        parts: list[str] = []
        placed: list[int] = []
        done = length = 0
        for start, end, _ in spans:
            parts += [text[done:start], REDACTED]
            length += start - done
            placed.append(length)
            length += len(REDACTED)
            done = end
        released = "".join([*parts, text[done:]])
        marks = tuple((at, at + len(REDACTED)) for at in placed)
        self.released.append(Released(where, released, marks))
        for (start, end, kind), at in zip(spans, placed, strict=True):
            before = released[max(0, at - CONTEXT) : at]
            after = released[at + len(REDACTED) : at + len(REDACTED) + CONTEXT]
            self.redactions.append(
                Redaction(where, kind, text[start:end], _words_before(before), _words_after(after))
            )
        return released


def summary(redactions: Iterable[Redaction]) -> str:
    """How many redactions of each kind ("3 redactions: 2 names, 1 postcode"), never what."""
    counts = Counter(r.kind for r in redactions)
    total = sum(counts.values())
    if not total:
        return "nothing redacted"
    each = [f"{n} {KINDS[k][n != 1]}" for k in KINDS if (n := counts[k])]
    return f"{total} redaction{'s' if total != 1 else ''}: {', '.join(each)}"


def _words_before(text: str) -> str:
    """The whole words at the end of text (a word cut by the window is left out), on one line."""
    found = text.split()
    if found and not text[:1].isspace() and len(text) == CONTEXT:
        found = found[1:]
    return " ".join(found)


def _words_after(text: str) -> str:
    found = text.split()
    if found and not text[-1:].isspace() and len(text) == CONTEXT:
        found = found[:-1]
    return " ".join(found)


def _ordinary_words(text: str, pieces: list[Word]) -> bool:
    """Are these pieces ordinary words apart ("a new man", "to bin"), not a name split by a
    space? Pieces joined by a mark ("Do-so") are a name spelt out."""
    return (
        len(pieces) > 1
        and all(not text[a.end : b.start].strip() for a, b in pairwise(pieces))
        and all(wordlists.ordinary(w.bare) for w in pieces)
    )


def _kept(own: Own, t: Term) -> bool:
    """Is a term the subject's own too, so kept? Never an address part or postcode of another
    adult: the subject named Preston loses the word where another adult lives in Preston,
    for over-redaction is the safer error there."""
    return t.kind not in (Kind.ADDRESS, Kind.POSTCODE) and own.shares(t.keys)


def _place(t: Term) -> bool:
    return t.town


def _numbers(text: str) -> bool:
    """Are the words all numbers? A house number alone ("12" of "12, Danbury Close") is no
    term: it would redact "12:00" and "14:12", and the street is redacted by its name."""
    return all(_HOUSE_NUMBER.fullmatch(w) for w in re.findall(r"[^\W_]+", text))
