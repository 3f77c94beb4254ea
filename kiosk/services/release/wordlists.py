"""Word lists behind subject access's redaction (identifiers.py): the usual short forms of
English first names, street names too common to redact alone, the words that name a kind of
street, and the public e-mail providers whose domain says nothing about a person.

The short forms are a table, not a prefix rule: every prefix of three letters or more
would redact "And" for Andrew, "Cat" for Catherine and "Chr" for nothing, and would still
miss "Bill", "Peggy" or "Liz". A name found in a group stands for every name of it.
"""

from __future__ import annotations

import functools

from kiosk.services.release.folding import STREET_WORDS, bare, fold


def _listed(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Each line: a name and its usual short forms (a group; any one stands for all).
_GROUPS = """
abigail abi abby gail
alexander alex alec sandy xander
alexandra alex alexa sandra lexi
andrew andy drew
anthony tony ant
barbara barb babs
benjamin ben benji benny
bernard bernie
catherine cathy cath kate katie kat
katherine kathy kath kate katie kat
charles charlie chas chuck
charlotte charlie lottie lotte
christopher chris kit topher
christine chris chrissie tina
daniel dan danny
david dave davy
deborah debbie deb debs
donald don donnie
dorothy dot dotty
edward ed eddie ted ned
eleanor ellie nell nora
elizabeth liz lizzie beth betty bet betsy eliza libby
frances fran fanny
francis frank
frederick fred freddie
gareth gaz
gerald gerry
gregory greg
harold harry hal
henry harry hal hank
isabel izzy bella
isabella izzy bella
jacqueline jackie
james jim jimmy jamie
jennifer jen jenny
jeremy jez jerry
john johnny jack
jonathan jon jonny
joseph joe joey
joshua josh
kenneth ken kenny
lawrence larry laurie
leonard len lenny leo
margaret maggie meg peggy marge madge
matthew matt
michael mike mick mikey mickey
nicholas nick nicky
patricia pat patty trish
patrick pat paddy
peter pete
philip phil pip
rebecca becky becca
richard rich rick ricky dick
robert rob robbie bob bobby bert
ronald ron ronnie
samantha sam sammy
samuel sam sammy
sarah sally
stephen steve stevie
steven steve stevie
susan sue susie
terence terry
theodore theo ted teddy
thomas tom tommy
timothy tim timmy
victoria vicky vic tori
william will bill billy liam willie
"""

# Street names used across the country and as ordinary words: redacted only with their type
# ("Mill Lane"), never alone, for "the old mill" is not an address.
COMMON_STREET_NAMES = _listed(
    """
    high main church station park victoria green manor mill school north south east west new
    old grange kings queens king queen london york albert windsor oak elm ash beech birch cedar
    chestnut willow orchard meadow springfield highfield long bridge castle market hill front
    back middle upper lower little great saint st mary marys george the farm field fields
    garden gardens brook water well wood woodland lake river common cross chapel abbey
    """
)

# Ordinary English words that are also street names, short forms of names or pieces of
# surnames split by a space ("a new man", "to bin"): alone, such a word is a term only where a
# note capitalises it (a short form), never as a street's name alone, and never as a piece of
# a name spelt with spaces. Single letters are left out: "G a r e t h" is spelt with them.
ORDINARY = _listed(
    """
    hope hall bank bell love princess first flat will don bet sandy pat matt sue rob ted ed dot
    bill kit drew frank jack rich pip hal bob ant meg sally nell peg ken len art ray rose
    new man to bin fair weather all good at well by in on of the and for with her his was
    is it be as or an so up no go do me my we us he she our your you this that from but not
    are had has have did got get way end side gate mount vale field wood park lane street
    road close court place green hill row rise view long high low mill farm king queen church
    station market bridge castle water well star sun moon red white black brown gold silver
    spring summer winter autumn may june march august grace dawn joy mark faith
    """
)

# Words that end a street's name; an address line on one line is split after one.
STREET_TYPES = frozenset(
    {
        *STREET_WORDS.values(),
        *_listed(
            """
            row rise view hill wharf quay yard circus croft chase fold garth gate mount vale
            approach end side bank brow dale drove meadows ridge wynd nook villas paddock mead
            hollow lea ley
            """
        ),
    }
)

# Domains anyone may have an address at: naming one says nothing about a person.
PUBLIC_MAIL = _listed(
    """
    gmail.com googlemail.com hotmail.com hotmail.co.uk outlook.com outlook.co.uk live.com
    live.co.uk msn.com yahoo.com yahoo.co.uk ymail.com icloud.com me.com mac.com aol.com
    aol.co.uk btinternet.com bt.com sky.com virginmedia.com blueyonder.co.uk ntlworld.com
    talktalk.net tiscali.co.uk protonmail.com proton.me pm.me gmx.com gmx.co.uk mail.com
    zoho.com fastmail.com yandex.com
    """
)


@functools.cache
def _groups() -> dict[str, frozenset[str]]:
    found: dict[str, set[str]] = {}
    for line in _GROUPS.strip().splitlines():
        names = line.split()
        for name in names:
            found.setdefault(fold(name), set()).update(names)
    return {k: frozenset(v) for k, v in found.items()}


def short_forms(first: str) -> list[str]:
    """The other names a first name goes by ("Daniel": Dan, Danny), itself left out."""
    key = fold(first)
    return sorted(n for n in _groups().get(key, ()) if fold(n) != key)


@functools.cache
def _common() -> frozenset[str]:
    return frozenset(fold(w) for w in COMMON_STREET_NAMES)


@functools.cache
def street_type_keys() -> frozenset[str]:
    return frozenset(fold(w) for w in STREET_TYPES)


def distinctive(key: str) -> bool:
    """Is a street's name (folded) rare enough to redact alone ("Danbury", not "Mill")?"""
    return len(key) >= 4 and not key.isdigit() and key not in _common()


@functools.cache
def _ordinary() -> frozenset[str]:
    # Bare keys: "pl" read as a Place would make "pi" an ordinary word.
    return frozenset(bare(w) for w in ORDINARY)


def ordinary(key: str) -> bool:
    """Is a word (its bare key, folding.bare) an ordinary English word as well as a name or
    street?"""
    return key in _ordinary()
