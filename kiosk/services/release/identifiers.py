"""What identifies an adult, and what is the subject's own, for subject access's redaction.

Another adult is identified by their names (each, together, and each word of
a name of several), their phones and postcode, their e-mail address, its local
part and that part's words, and each line of their address with and without
its house number; the referrer's contact by their name and e-mail. The
subject's own are their names, address, e-mail, phones, postcode and their
children's names: redaction.py keeps them wherever they stand.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from kiosk.services.release import finders
from kiosk.services.release.folding import words
from models import Person

# Titles that stand in a name but identify nobody.
TITLES = frozenset({"mr", "mrs", "ms", "miss", "mx", "dr", "prof", "rev", "sir"})


class Kind:
    NAME = "name"
    PHONE = "phone"
    POSTCODE = "postcode"
    EMAIL = "e-mail"
    ADDRESS = "address"
    ADDED = "added term"


def _address_parts(address: str) -> list[str]:
    """Each line of an address, and each line again without its house number."""
    parts: list[str] = []
    for line in re.split(r"[,\n;]", address):
        parts.append(line)
        found = words(line)
        while found and any(c.isdigit() for c in line[found[0].start : found[0].end]):
            found = found[1:]
        if found:
            parts.append(line[found[0].start :])
    return parts


def _email_parts(email: str) -> list[str]:
    """The address, its local part, and each word of the local part ("zq.hargreave")."""
    local = email.split("@", 1)[0]
    return [email, local, *[local[w.start : w.end] for w in words(local) if len(w.key) >= 2]]


def _names(*names: str) -> list[tuple[str, str]]:
    """Each name, the names together, and each word of a name of several ("Mary-Jane")."""
    found = [(name, Kind.NAME) for name in (*names, " ".join(names))]
    for name in names:
        parts = [name[w.start : w.end] for w in words(name)]
        found += [(part, Kind.NAME) for part in parts if len(parts) > 1 and _worth(part)]
    return found


def _worth(part: str) -> bool:
    """Is a part of a name worth redacting alone? Not an initial, nor a title ("Dr")."""
    return len(part) >= 2 and part.casefold().rstrip(".") not in TITLES


def identifying(p: Person) -> list[tuple[str, str]]:
    """Everything that identifies an adult, as (text, kind)."""
    found = [
        *_names(p.first_name, p.last_name),
        (p.phone, Kind.PHONE),
        (p.emergency_phone, Kind.PHONE),
        (p.postcode, Kind.POSTCODE),
    ]
    found += [(part, Kind.EMAIL) for part in _email_parts(p.email)] if p.email else []
    return found + [(part, Kind.ADDRESS) for part in _address_parts(p.address)]


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
        *children,
    ]
    return Own(
        fields=tuple(tuple(w.key for w in words(t)) for t in texts if t),
        phones=frozenset(
            k
            for k in (finders.phone_key(subject.phone), finders.phone_key(subject.emergency_phone))
            if k
        ),
        postcodes=frozenset({finders.postcode_key(subject.postcode)} - {""}),
        emails=frozenset({finders.email_key(subject.email)} - {""}),
    )
