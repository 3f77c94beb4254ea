"""What identifies an adult, and what is the subject's own, for subject access's redaction.

Another adult is identified by their names (each, together either way round,
each word of a name of several but not a particle such as "van", and the usual
short forms of the first name), every number their phone fields hold, their
postcode and each half, their e-mail address, its local
part and that part's words, its domain unless a public provider's (wordlists.py),
and each part of their address: each line, or each part of a line typed without
commas (split after the word naming the street's kind, or with none, the last
word taken as the town), a flat's number dropped, with and without its house
number, and a distinctive street name alone that is not an ordinary word. The referrer's contact is
identified by their name, its short forms and their e-mail (not its domain: the
referrer's organisation is no secret). The subject's own are their names,
address, e-mail, phones, postcode and their children's names: redaction.py keeps
them wherever they stand.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from itertools import pairwise

from kiosk.services.release import finders, wordlists
from kiosk.services.release.folding import words
from models import Person

# A flat's, apartment's or unit's number before the house's ("Flat 3 12a Oak Road").
_FLAT = re.compile(r"^\s*(?:flat|apartment|apt|unit)\.?\s*\w+\b[\s,]*", re.IGNORECASE)
# Titles that stand in a name but identify nobody.
TITLES = frozenset({"mr", "mrs", "ms", "miss", "mx", "dr", "prof", "rev", "sir"})
# Particles of a surname ("van Dijk", "bin Said", "St John"): never a term alone.
PARTICLES = frozenset(
    {"van", "von", "der", "den", "de", "del", "della", "di", "da", "du", "la", "le", "les"}
    | {"bin", "bint", "ibn", "al", "el", "st", "ter", "ten", "ap", "mac"}
)


class Kind:
    NAME = "name"
    PHONE = "phone"
    POSTCODE = "postcode"
    EMAIL = "e-mail"
    ADDRESS = "address"
    ADDED = "added term"
    # A short form of a first name: counted as a name.
    SHORT = "short name"
    # A one-word part of an address that is the town, not a street: counted as an address
    # part, and kept in a body's name ("Leeds Family Court").
    TOWN = "town"


def _address_parts(address: str) -> list[tuple[str, str]]:
    """Each line of an address, and each part of one typed on one line without commas.

    A line is split after a word naming a kind of street ("12 Oak Road Leeds": "12 Oak
    Road", "Leeds"); a postcode in it is left to the postcode finder. Each part is
    kept with and without its house number, and a street's name alone when it is
    distinctive ("Danbury" of "Danbury Close", not "Mill" of "Mill Lane").
    """
    parts: list[tuple[str, str]] = []
    for line in re.split(r"[,\n;]", address):
        line = _FLAT.sub("", finders.POSTCODE.sub(" ", line))
        for piece in _pieces(line):
            found = words(piece)
            # One word and no house number: the town ("7 Kingsway" is a street).
            kind = Kind.TOWN if len(found) == 1 else Kind.ADDRESS
            while found and any(c.isdigit() for c in piece[found[0].start : found[0].end]):
                found = found[1:]
            parts += [(p, kind) for p in ([piece, piece[found[0].start :]] if found else [piece])]
            types = wordlists.street_type_keys()
            if len(found) >= 2 and found[-1].key in types:
                parts += [
                    (piece[w.start : w.end], Kind.ADDRESS)
                    for w in found[:-1]
                    # "Hope" of "Hope Street" is a word too: redacted only with its type.
                    if wordlists.distinctive(w.key) and not wordlists.ordinary(w.bare)
                ]
    return parts


def _pieces(line: str) -> list[str]:
    """The line split after each word naming a kind of street that follows a name."""
    pieces: list[str] = []
    start = 0
    found = words(line)
    for before, w in pairwise(found):
        named = not any(c.isdigit() for c in line[before.start : before.end])
        if named and w.key in wordlists.street_type_keys():
            pieces.append(line[start : w.end])
            start = w.end
    if not pieces and len(found) >= 3 and _number(line[found[0].start : found[0].end]):
        # No street type the list knows ("7 Kingsway Scarby", "3 Hollin Garth Scarby"): the
        # words after the house number are the street, the last word the town.
        return [line[: found[-2].end], line[found[-1].start :]]
    return [p for p in [*pieces, line[start:]] if p.strip()]


def _number(word: str) -> bool:
    return any(c.isdigit() for c in word)


def _email_parts(email: str, *, domain: bool = False) -> list[str]:
    """The address, its local part, and each word of the local part ("zq.hargreave"); with
    domain, the domain and its first label too unless anyone may have an address there."""
    local, _, host = email.partition("@")
    found = [email, local, *[local[w.start : w.end] for w in words(local) if len(w.key) >= 2]]
    if domain and host and host.casefold() not in wordlists.PUBLIC_MAIL:
        found += [host, host.split(".")[0]]
    return found


def _names(*names: str) -> list[tuple[str, str]]:
    """Each name, the names together either way round, each word of a name of several
    ("Mary-Jane"), and the usual short forms of the first name ("Dan" for "Daniel")."""
    found = [(name, Kind.NAME) for name in (*names, " ".join(names), " ".join(names[::-1]))]
    for name in names:
        parts = [name[w.start : w.end] for w in words(name)]
        found += [(part, Kind.NAME) for part in parts if len(parts) > 1 and _worth(part)]
    first = words(names[0]) if names else []
    if first:
        short = wordlists.short_forms(names[0][first[0].start : first[0].end])
        # A short form that is also a word ("Will", "Sue") is a name only capitalised.
        found += [(name, Kind.SHORT) for name in short]
    return found


def _worth(part: str) -> bool:
    """Is a part of a name worth redacting alone? Not an initial, nor a title ("Dr")."""
    return len(part) >= 2 and part.casefold().rstrip(".") not in TITLES | PARTICLES


def identifying(p: Person) -> list[tuple[str, str]]:
    """Everything that identifies an adult, as (text, kind)."""
    found = [
        *_names(p.first_name, p.last_name),
        *[(n, Kind.PHONE) for n in (*finders.numbers_in(p.phone), p.phone)],
        *[(n, Kind.PHONE) for n in (*finders.numbers_in(p.emergency_phone), p.emergency_phone)],
        (p.postcode, Kind.POSTCODE),
        (_outward(p.postcode), Kind.POSTCODE),
        # The inward half too: "ZZ55 then 4AP" or "ZZ55/4AP" leave it standing alone.
        (_outward(p.postcode) and p.postcode.strip()[-3:], Kind.POSTCODE),
    ]
    found += [(part, Kind.EMAIL) for part in _email_parts(p.email, domain=True)] if p.email else []
    return found + _address_parts(p.address)


def _outward(postcode: str) -> str:
    """A postcode's first half ("ZZ55" of "ZZ55 4AP"), which alone narrows an address to a
    few streets."""
    compact = re.sub(r"\s", "", postcode)
    return compact[:-3] if finders.POSTCODE.fullmatch(postcode.strip()) else ""


def referrer_terms(contact_name: str, contact_email: str) -> list[tuple[str, str]]:
    emails = [(part, Kind.EMAIL) for part in _email_parts(contact_email)] if contact_email else []
    return _names(contact_name) + emails


@dataclass(frozen=True)
class Own:
    """What is the subject's own: kept wherever it stands."""

    fields: tuple[tuple[str, ...], ...]
    phones: frozenset[str]
    postcodes: frozenset[str]
    emails: frozenset[str]

    @property
    def words(self) -> frozenset[str]:
        return frozenset(k for field in self.fields for k in field)

    def shares(self, keys: tuple[str, ...]) -> bool:
        """Do the subject's own details hold these words, as whole words in this order?"""
        n = len(keys)
        return any(field[i : i + n] == keys for field in self.fields for i in range(len(field)))


def own_of(subject: Person, children: Iterable[str]) -> Own:
    texts = [
        subject.first_name,
        subject.last_name,
        subject.address,
        subject.email,
        subject.phone,
        subject.emergency_phone,
        subject.postcode,
        # A child's first word only: the rest of a name field typed with more in it
        # ("Noah (at dad's, 12 Danbury Close)") is not the subject's own.
        *(c.split()[0] for c in children if c.split()),
    ]
    return Own(
        fields=tuple(tuple(w.key for w in words(t)) for t in texts if t),
        phones=frozenset(
            finders.phone_key(n)
            for n in (
                *finders.numbers_in(subject.phone),
                *finders.numbers_in(subject.emergency_phone),
            )
        ),
        postcodes=frozenset({finders.postcode_key(subject.postcode)} - {""}),
        emails=frozenset({finders.email_key(subject.email)} - {""}),
    )
