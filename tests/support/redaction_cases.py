"""Generated families for the redaction property and its benchmark (bench/redaction.py).

Each case has a subject (any role) whose own details are built to trap a
substring match: their street is another adult's first name plus "bury", their
e-mail holds another's surname plus "ing". Every free-text field a person types
is filled with notes that mix the subject's own words, ordinary words and the
other adults' and the referrer's details, each written one of the ways a note
might write it (another phone format, a postcode without its space, a street
without its number, an accent, a look-alike letter, a zero-width space...).

redaction_files.py puts a case on record and holds the oracle that judges
the files made from it.
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass, field

from kiosk.services.release import wordlists
from kiosk.services.release.folding import fold
from models import Role
from tests.support import redaction_forms as forms
from tests.support.redaction_forms import SHORT, SHORT_NAMES, STREET_TYPES, Adult, Secret

# Ordinary words of a note: none is a name, so none may be redacted.
FILLER = tuple(
    re.findall(
        r"\w+",
        "card left at home came with the children rang centre about pick up late today said "
        "would call back lives on moved near school brought lunch bag coat forgot bus train "
        "arrived early collected by mother father grandmother friend number new address is now "
        "and was upset happy tired asked for water",
    )
)
# First names that are also words: redacting them as whole words removes the word too.
WORD_NAMES = ("Will", "May", "Hope", "Mark", "Grace", "Bill", "Dawn", "Joy", "Rob", "Sandy")
# Dates, times and other numbers a note holds that are nobody's phone number.
NUMBERS = (
    "10:30",
    "14:05",
    "2026-11-07",
    "04/12/2026",
    "07/11/2026 09:45",
    "2026-11-07 10:15",
    "bus 42",
    "room 3",
    "£12.50",
    "2 hours",
    "ref 4471",
)
# The words a subject access file itself is made of (its headings, keys and fixed values): a
# generated name that is one of them would stand in the file as a word, redacted or not.
FILE_WORDS = tuple(
    re.findall(
        r"\w+",
        "address adults after agreed and are arrival arrived arrives at attend attended by cards "
        "case centre check child children co consents contact court created date departure "
        "details did disclosures e emergency end event first gap gave given hold in incident "
        "included ins last left made mail minutes name not note notes of on only opened order "
        "ordinator other outcome outs phone postcode pre record recorded records reference "
        "referred released request review risk role room rules s safeguarding scope service "
        "sessions start supported the this to used visit who withheld you your resident "
        "visiting adult manual scan booked cancelled curtailed terminated show notice none held "
        "riverside information we hold about made",
    )
)
CONSONANTS, VOWELS = "bdfgjkmnprstvz", "aeiou"
# Free-text fields a subject access file holds, and those it never does (checked all the same).
RELEASED_FIELDS = ("attendance", "consent scope", "consent recipient", "organisation", "room")
# Names of bodies (the referrer's organisation, a consent's recipient): a one-word place name in
# one is the body's name ("Harrogate Family Court Service") and is released as it stands.
BODY_FIELDS = ("organisation", "consent recipient")
KEPT_FIELDS = (
    "others' attendance",
    "ended early",
    "door event",
    "incident",
    "accident",
    "declaration",
    "risk notes",
    "disclosure",
)


@dataclass(frozen=True)
class Note:
    field: str
    text: str
    secrets: tuple[Secret, ...]
    own: tuple[str, ...]  # the subject's own identifying words in it
    plain: tuple[str, ...]  # its ordinary words


@dataclass
class Spec:
    subject: Adult
    others: list[Adult]
    referrer: tuple[str, str]
    children: list[str]
    notes: list[Note] = field(default_factory=list)
    # Other adults' first names that are also ordinary words ("Will"), used as words in notes.
    words_as_names: tuple[str, ...] = ()


class Names:
    """Made-up words, none folding to the same key as another or as an ordinary word."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        shortened = [short for forms in SHORT.values() for short in forms]
        reserved = [*FILLER, *FILE_WORDS, "redacted", *STREET_TYPES, *shortened]
        reserved += [*wordlists.COMMON_STREET_NAMES, *wordlists.STREET_TYPES]
        self.used = {fold(w) for w in reserved}
        self.digits: set[str] = set()

    def word(self, syllables: int = 2) -> str:
        while True:
            raw = "".join(
                self.rng.choice(CONSONANTS) + self.rng.choice(VOWELS) for _ in range(syllables)
            )
            if len(raw) >= 4 and self.take(raw):
                return raw.capitalize()

    def take(self, word: str) -> bool:
        key = fold(word)
        if key in self.used:
            return False
        self.used.add(key)
        return True

    def phone(self) -> str:
        while (tail := f"{self.rng.randrange(1000):03d}") in self.digits:
            pass
        self.digits.add(tail)
        return f"07700 900{tail}"

    def postcode(self) -> str:
        letters = "ABDEFGHJLNPQRSTUWXYZ"
        pick = self.rng.choice
        while True:
            code = f"{pick(letters)}{pick(letters)}{self.rng.randrange(1, 10)} "
            code += f"{self.rng.randrange(10)}{pick(letters)}{pick(letters)}"
            # The first half is unique too: a note may name it alone.
            if self.take(code.replace(" ", "")) and self.take(code.split()[0]):
                return code


def _adult(names: Names, role: str) -> Adult:
    rng = names.rng
    first, last = names.word(), names.word(3)
    if rng.random() < 0.15:
        last = f"O'{last}"
    # A family's own domain names them; a shared one (example.test here) does not.
    domain = f"{names.word()}.co.uk" if rng.random() < 0.3 else "example.test"
    return Adult(
        role,
        first,
        last,
        names.phone(),
        f"{first.lower()}.{last.lower()}@{domain}",
        names.word(),
        rng.choice(STREET_TYPES),
        names.word(3),
        rng.randrange(1, 200),
        names.postcode(),
        one_line=rng.random() < 0.3,
        flat=f"Flat {rng.randrange(1, 9)} " if rng.random() < 0.2 else "",
    )


def _subject(names: Names, role: str, others: list[Adult]) -> Adult:
    """The subject, whose own words hold other adults' names inside them."""
    first = others[0].first + "ela" if names.rng.random() < 0.5 else names.word()
    street = f"{others[-1].first}bury"
    last = names.word(3)
    local = f"{first.lower()}.{others[0].last.lower()}ing"
    for word in (first, street, local.split(".")[1]):
        names.take(word)
    adult = _adult(names, role)
    adult.first, adult.last, adult.street, adult.street_type = first, last, street, "Close"
    adult.email = f"{local}@example.test"
    return adult


def _own_words(subject: Adult, children: list[str]) -> list[str]:
    local = subject.email.split("@")[0]
    return [
        subject.first,
        subject.last,
        f"{subject.street} Close",
        subject.town,
        local,
        subject.postcode,
        subject.phone,
        *children,
    ]


def _note(spec: Spec, where: str, rng: random.Random) -> Note:
    pool = [s for a in spec.others for s in forms.secrets(a, rng)]
    if where in BODY_FIELDS:
        places = {p for a in spec.others for p in (a.town, a.street)}
        pool = [s for s in pool if s.written not in places]
    pool += forms.referrer_secrets(spec.referrer, rng)
    own = _own_words(spec.subject, spec.children)
    parts: list[str] = []
    secrets: list[Secret] = []
    owns: list[str] = []
    plain: list[str] = []
    for _ in range(rng.randint(3, 7)):
        roll = rng.random()
        if roll < 0.35 or not secrets:
            secret = rng.choice(pool)
            secrets.append(secret)
            parts.append(secret.written)
        elif roll < 0.6:
            word = rng.choice(own)
            owns.append(word)
            parts.append(word)
        elif roll < 0.7:
            when = rng.choice(NUMBERS)
            plain.append(when)
            parts.append(when)
        else:
            words = rng.sample(FILLER, rng.randint(1, 4))
            if spec.words_as_names and rng.random() < 0.3:
                words.insert(rng.randrange(len(words) + 1), rng.choice(spec.words_as_names))
            plain += words
            parts.append(" ".join(words))
    # A dash with no spaces joins nothing: "came\u2014Gareth" is two words.
    joins = [" ", ", ", "; ", ". ", "\u2014", "\u2013"]
    text = "".join(p + rng.choice(joins) for p in parts).strip()
    return Note(where, text, tuple(secrets), tuple(owns), tuple(plain))


def _referrer_first(names: Names) -> str:
    """A made-up first name, or half the time one with a short form a note may use ("Dan")."""
    if names.rng.random() < 0.5:
        return names.word()
    full, _ = names.rng.choice(SHORT_NAMES)
    for name in [full, *wordlists.short_forms(full)]:
        names.take(name)
    return full


def make_spec(rng: random.Random, notes_per_field: int = 11, *, word_names: bool = False) -> Spec:
    """A generated case; with word_names the other adults' first names are also ordinary words
    ("Will", "May"), and the notes use those words as words too."""
    names = Names(rng)
    referrer_first = _referrer_first(names)
    subject_role = rng.choice([r.value for r in Role])
    roles = [r.value for r in Role if r.value != subject_role]
    others = [_adult(names, role) for role in roles[: rng.randint(1, 2)]]
    if word_names:
        for adult, name in zip(others, rng.sample(WORD_NAMES, len(others)), strict=False):
            adult.first, adult.email = name, f"{name.lower()}.{adult.last.lower()}@example.test"
    referrer = (f"{referrer_first} {names.word(3)}", "")
    referrer = (referrer[0], referrer[0].lower().replace(" ", ".") + "@cafcass.example")
    spec = Spec(
        _subject(names, subject_role, others), others, referrer, [names.word() for _ in range(2)]
    )
    if word_names:
        spec.words_as_names = tuple(a.first.lower() for a in others)
    for where in RELEASED_FIELDS + KEPT_FIELDS:
        count = notes_per_field * 4 if where == "attendance" else 1
        spec.notes += [_note(spec, where, rng) for _ in range(count)]
    return spec
