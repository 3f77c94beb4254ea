"""The ways a note writes another adult's details, for the redaction property.

A name in capitals, in lower case, with "_x", "'s" or a digit stuck on, with a
zero-width space, a Hangul filler or the braille blank inside, with Greek,
Cyrillic or Cherokee look-alike letters, small capitals or a Greek epsilon,
with accents or in full-width letters, split by a hyphen or spelt out with
spaces, glued to the other name or joined to it by an em dash, an apostrophe
in another form; a phone number in twenty formats (grouped like a date or a
time, words between its groups, Arabic-Indic digits...); a postcode with or
without its space, split elsewhere or its first half alone; a street with or
without its number, shortened, or its name alone; an address on one line; an
e-mail's domain; the referrer's first name in its short form. Since the third
hostile round also: a name spelt out with other marks, in markup, reversed after
a right-to-left override, a family in the plural; a number grouped like a date,
broken by a line's end, with O and l for 0 and 1, or only its last six digits;
a postcode with a dash, spaced out or its halves apart; an e-mail written
loosely; a street type the first list lacked, a flat's number first.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

STREET_TYPES = (
    "Road",
    "Street",
    "Lane",
    "Avenue",
    "Drive",
    "Terrace",
    "Boulevard",
    "Parade",
    "Way",
    "Gardens",
    # Types an earlier list lacked: on one line the street was not told from the town.
    "Croft",
    "Garth",
    "Paddock",
    "Fold",
)
SHORT = {
    "Road": ("Rd",),
    "Street": ("St",),
    "Lane": ("Ln",),
    "Avenue": ("Ave",),
    "Drive": ("Dr",),
    "Terrace": ("Tce", "Terr", "Ter"),
    "Boulevard": ("Blvd",),
    "Parade": ("Pde",),
    "Way": ("Wy",),
    "Gardens": ("Gdns",),
    "Croft": ("Croft",),
    "Garth": ("Garth",),
    "Paddock": ("Paddock",),
    "Fold": ("Fold",),
}
ZW = "\u200b"
# Put inside a name: symbols, pictographs (one with its variation selector), letters of
# another script; and single marks a note may put between two halves of a word.
INSIDE = ("\u2605", "\U0001f642", "\u2764\ufe0f", "\u4e2d", "\u05d0", "\u00a9", "+", "$")
MARKS = tuple('#!?&,:;"\\%@')
# Characters that print as nothing: the Hangul fillers and the braille blank.
BLANKS = ("\u3164", "\u115f", "\u1160", "\uffa0", "\u2800")
APOSTROPHES = ("'", "\u02bc", "\u2019", "`", "\u00b4")
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
# Cherokee capitals that look like Latin capitals, small capitals, and the Greek epsilon.
CHEROKEE = str.maketrans(
    "ABDEJKMPSTVWZ",
    "\u13aa\u13f4\u13a0\u13ac\u13ab\u13e6\u13b7\u13e2\u13da\u13a2\u13d9\u13b3\u13c3",
)
SMALL_CAPS = str.maketrans("abdefghijklmnoprstuvwyz", "ᴀʙᴅᴇꜰɢʜɪᴊᴋʟᴍɴᴏᴘʀꜱᴛᴜᴠᴡʏᴢ")
EPSILON = str.maketrans("e", "\u03b5")
ACCENTED = {"a": "á", "e": "é", "i": "í", "o": "ó", "u": "ú"}
# A referrer's first name and the short form a note may use for it.
SHORT_NAMES = (
    ("Daniel", "Dan"),
    ("Elizabeth", "Liz"),
    ("Margaret", "Peggy"),
    ("Robert", "Bob"),
    ("Christopher", "Chris"),
    ("Jonathan", "Jon"),
    ("Katherine", "Kath"),
    ("Nicholas", "Nick"),
)
# The digits of Arabic-Indic script, 0 to 9.
ARABIC_INDIC = str.maketrans("0123456789", "".join(chr(0x0660 + d) for d in range(10)))


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

    one_line: bool = False
    flat: str = ""  # "Flat 3 " before the house number, or nothing

    @property
    def address(self) -> str:
        """The address as a case file holds it: in lines, or on one line without commas."""
        if self.one_line:
            street = f"{self.flat}{self.number} {self.street} {self.street_type}"
            return f"{street} {self.town} {self.postcode}"
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
    upper = name.upper()
    forms = [
        name,
        upper,
        name.lower(),
        name + "_x",
        name + "'s",
        name + "2",
        name[:2] + ZW + name[2:],
        name[:2] + rng.choice(BLANKS) + name[2:],
        "".join(LOOKALIKES.get(c, c) for c in name),
        name[0] + "".join(ACCENTED.get(c, c) for c in name[1:]),
        "".join(chr(ord(c) + 0xFEE0) for c in name),  # full-width letters
        upper.translate(CHEROKEE),
        name.lower().translate(SMALL_CAPS),
        name.translate(EPSILON),
    ]
    # Split inside a name only from four letters on: "Jo-y" is no longer a name to anyone.
    forms += [name[:2] + "-" + name[2:], " ".join(name)] if len(name) >= 4 else []
    forms += spelt_forms(name) if len(name) >= 4 else []
    written = rng.choice(forms)
    return written.replace("'", rng.choice(APOSTROPHES)) if "'" in name else written


def spelt_forms(name: str) -> list[str]:
    """A name spelt out with marks, emphasised in part, in markup or reversed."""
    head, tail = name[:3], name[3:]
    return [
        "*".join(name),
        "/".join(name),
        "|".join(name),
        f"{head}--{tail}",
        f"{head}...{tail}",
        f"{head}({tail})",
        f"{head}\u00b7{tail}",
        f"{head}\u2022{tail}",
        f"{head}\u2212{tail}",
        f"**{head}**{tail}",
        f"<b>{head}</b>{tail}",
        f"{head}&shy;{tail}",
        f"&#{ord(name[0])};{name[1:]}",
        f"\u202e{name[::-1]}\u202c",
        # A symbol, a pictograph or another script's letter the PDF's font lacks, or one mark.
        f"{head}{random.Random(name).choice(INSIDE)}{tail}",
        f"{head}{random.Random(tail).choice(MARKS)}{tail}",
    ]


def full_name_forms(first: str, last: str, rng: random.Random) -> str:
    forms = [
        f"{name_forms(first, rng)} {name_forms(last, rng)}",
        f"{last}\u2014{first}",
        f"{first}\u2013{last}",
        f"{first}{last}",
        f"{last}{first}",
        f"{last.upper()}{first}",
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
        f"{digits[:5]} {digits[5:7]}-{digits[7:9]}-{digits[9:]}",  # like a date
        f"{digits[:4]} {digits[4:8]}:{digits[8:]}",  # like a time
        f"{digits[:5]}/{digits[5:8]}/{digits[8:]}",
        f"{digits[:5]} [{digits[5:8]}] {digits[8:]}",
        f"{digits[:5]} then {digits[5:]}",
        f"{digits[:5]} and then {digits[5:8]} {digits[8:]}",
        digits.translate(ARABIC_INDIC),
        f"{digits[:5]} {digits[5:]}".translate(ARABIC_INDIC),
        f"{digits[:5]}\u2014{digits[5:]}",
        f"{digits[:5]}-{digits[5:7]}-{digits[7:9]}-{digits[9:]}",
        f"{digits[:5]} {digits[5:7]}.{digits[7:9]}.{digits[9:]}",
        f"{digits[:5]}\n{digits[5:]}",
        digits.replace("0", "O").replace("1", "l"),
        f"starts {digits[:5]} and then ends in {digits[5:]}",
    ]
    return rng.choice(forms)


def postcode_forms(postcode: str, rng: random.Random) -> str:
    outward, inward = postcode.split()
    forms = [
        postcode,
        postcode.replace(" ", ""),
        postcode.lower(),
        f"{outward[:2]} {outward[2:]} {inward}",
        f"{outward}{inward[0]} {inward[1:]}",
        f"{outward} - {inward}",
        f"{outward}-{inward}",
        f"{outward}\u2013{inward}",
        " ".join(outward + inward),
        f"{outward}/{inward}",
        f"{outward} then {inward}",
        f"{outward}  ,{inward}",
    ]
    return rng.choice(forms)


def loose_email(local: str, domain: str, rng: random.Random) -> str:
    forms = [
        f"{local} @ {domain}",
        f"{local}(at){domain}",
        f"{local} at {domain.replace('.', ' dot ')}",
        f"{local}@{domain.replace('.', ' .')}",
        f"{local}@{domain.replace('.', chr(0x3002))}",
    ]
    return rng.choice(forms)


def secrets(adult: Adult, rng: random.Random) -> list[Secret]:
    first, last = adult.first, adult.last
    street = f"{adult.street} {adult.street_type}"
    local, _, domain = adult.email.partition("@")
    national = adult.phone.replace(" ", "")[1:]
    postcode = adult.postcode
    found = [
        Secret(name_forms(first, rng), words=(first,)),
        Secret(name_forms(last, rng), words=(last,)),
        Secret(full_name_forms(first, last, rng), words=(first, last)),
        Secret(phone_forms(adult.phone, rng), digits=national),
        Secret(adult.email if rng.random() < 0.5 else adult.email.upper(), words=(first, last)),
        Secret(loose_email(local, domain, rng), words=(first, last)),
        Secret(f"the {last}s", words=(last,)),
        Secret(local, words=(first, last)),
        Secret(f"{adult.number} {street}", words=(adult.street,)),
        Secret(street if rng.random() < 0.5 else street.lower(), words=(adult.street,)),
        Secret(f"{adult.street} {rng.choice(SHORT[adult.street_type])}", words=(adult.street,)),
        Secret(adult.street, words=(adult.street,)),
        Secret(adult.town, words=(adult.town,)),
        Secret(postcode_forms(postcode, rng), compact=postcode),
        Secret(postcode.split()[0], words=(postcode.split()[0],)),
    ]
    if not domain.endswith(".test"):
        label = domain.split(".")[0]
        found += [Secret(domain, words=(label,)), Secret(label, words=(label,))]
    return found


def referrer_secrets(referrer: tuple[str, str], rng: random.Random) -> list[Secret]:
    name, email = referrer
    parts = tuple(name.split())
    found = [
        Secret(name_forms(parts[0], rng), words=parts[:1]),
        Secret(name_forms(parts[1], rng), words=parts[1:]),
        Secret(name, words=parts),
        Secret(email, words=parts),
    ]
    short = dict(SHORT_NAMES).get(parts[0])
    return found + ([Secret(short, words=(short,))] if short else [])
