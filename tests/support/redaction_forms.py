"""The ways a note writes another adult's details, for the redaction property.

A name in capitals, in lower case, with "_x", "'s" or a digit stuck on, with a
zero-width space inside, with Greek and Cyrillic look-alike letters, with
accents or in full-width letters; a phone number in eleven formats; a postcode
with or without its space; a street with or without its number, or shortened.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

STREET_TYPES = ("Road", "Street", "Lane", "Avenue", "Drive")
SHORT = {"Road": "Rd", "Street": "St", "Lane": "Ln", "Avenue": "Ave", "Drive": "Dr"}
ZW = "\u200b"
# Look-alike letters (Greek and Cyrillic) a note might carry in place of Latin ones.
LOOKALIKES = {
    "A": "\u0391",
    "B": "\u0392",
    "E": "\u0395",
    "K": "\u039a",
    "M": "\u039c",
    "O": "\u039f",
    "P": "\u03a1",
    "T": "\u03a4",
    "Z": "\u0396",
    "a": "\u0430",
    "e": "\u0435",
    "o": "\u043e",
    "p": "\u0440",
}
ACCENTED = {"a": "á", "e": "é", "i": "í", "o": "ó", "u": "ú"}


@dataclass(frozen=True)
class Secret:
    """A detail of someone else's, as written in a note, and the forms the oracle looks for."""

    written: str
    words: tuple[str, ...] = ()  # each must not stand as a whole word (folded)
    digits: str = ""  # a phone number's national digits
    compact: str = ""  # a postcode without spaces, upper case


@dataclass
class Adult:
    role: str
    first: str
    last: str
    phone: str
    email: str
    street: str
    street_type: str
    town: str
    number: int
    postcode: str

    @property
    def address(self) -> str:
        return f"{self.number} {self.street} {self.street_type}, {self.town}"

    def details(self) -> dict[str, str]:
        return {
            "first_name": self.first,
            "last_name": self.last,
            "phone": self.phone,
            "email": self.email,
            "address": self.address,
            "postcode": self.postcode,
        }


def name_forms(name: str, rng: random.Random) -> str:
    forms = [
        name,
        name.upper(),
        name.lower(),
        name + "_x",
        name + "'s",
        name + "2",
        name[:2] + ZW + name[2:],
        "".join(LOOKALIKES.get(c, c) for c in name),
        name[0] + "".join(ACCENTED.get(c, c) for c in name[1:]),
        "".join(chr(ord(c) + 0xFEE0) for c in name),  # full-width letters
    ]
    return rng.choice(forms)


def phone_forms(phone: str, rng: random.Random) -> str:
    digits = phone.replace(" ", "")
    national = digits[1:]
    forms = [
        phone,
        digits,
        f"+44 {national[:4]} {national[4:]}",
        f"+44{national}",
        f"0044 {national[:4]} {national[4:]}",
        f"{digits[:5]} {digits[5:8]} {digits[8:]}",
        f"({digits[:5]}) {digits[5:8]}-{digits[8:]}",
        f"{digits[:5]}-{digits[5:]}",
        f"{digits[:5]}.{digits[5:8]}.{digits[8:]}",
        f"+44 (0){national[:4]} {national[4:]}",
        digits[:5] + ZW + digits[5:],
    ]
    return rng.choice(forms)


def secrets(adult: Adult, rng: random.Random) -> list[Secret]:
    first, last = adult.first, adult.last
    street = f"{adult.street} {adult.street_type}"
    local = adult.email.split("@")[0]
    national = adult.phone.replace(" ", "")[1:]
    postcode = adult.postcode
    return [
        Secret(name_forms(first, rng), words=(first,)),
        Secret(name_forms(last, rng), words=(last,)),
        Secret(f"{name_forms(first, rng)} {name_forms(last, rng)}", words=(first, last)),
        Secret(phone_forms(adult.phone, rng), digits=national),
        Secret(adult.email if rng.random() < 0.5 else adult.email.upper(), words=(first, last)),
        Secret(local, words=(first, last)),
        Secret(f"{adult.number} {street}", words=(adult.street,)),
        Secret(street if rng.random() < 0.5 else street.lower(), words=(adult.street,)),
        Secret(f"{adult.street} {SHORT[adult.street_type]}", words=(adult.street,)),
        Secret(adult.town, words=(adult.town,)),
        Secret(
            rng.choice([postcode, postcode.replace(" ", ""), postcode.lower()]), compact=postcode
        ),
    ]


def referrer_secrets(referrer: tuple[str, str], rng: random.Random) -> list[Secret]:
    name, email = referrer
    parts = tuple(name.split())
    return [
        Secret(name_forms(parts[0], rng), words=parts[:1]),
        Secret(name_forms(parts[1], rng), words=parts[1:]),
        Secret(name, words=parts),
        Secret(email, words=parts),
    ]
