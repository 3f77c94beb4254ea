"""Generated families for the separation properties (DESIGN.md section 1).

Three adults with distinct, made-up identifying details, one to three
children, and `build_case` to put them on the real database with a card each.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass

from hypothesis import assume
from hypothesis import strategies as st

from kiosk.services.cards import tokens as cards
from models import Case, Child, Role
from tests.support.builders import DAY, add_person, make_booking

START = DAY.replace(hour=10)
_refs = itertools.count()

# Every word the kiosk itself may put on the parent screen: a generated name
# that happens to be one of these would be a false alarm, not a leak.
UI_WORDS = (
    "riverside child contact centre please scan your card hold in front of the scanner "
    "press to read our confidentiality policy welcome you are checked at go blue room "
    "early wait garden front lounge until goodbye thank for coming volunteer will see out "
    "still may leave from already sorry that could not be try again or speak door help "
    "if back here by a come"
)

names = st.from_regex(r"[A-Z][a-zà-ÿ]{5,10}", fullmatch=True).filter(
    lambda n: n.casefold() not in UI_WORDS
)


@dataclass(frozen=True)
class Someone:
    first: str
    last: str
    phone: str
    email: str
    address: str
    postcode: str

    def identifying(self) -> list[str]:
        return [self.first, self.last, self.phone, self.email, self.address, self.postcode]


@st.composite
def someone(draw: st.DrawFn) -> Someone:
    first, last = draw(names), draw(names)
    return Someone(
        first=first,
        last=last,
        phone=draw(st.from_regex(r"07[0-9]{3} [0-9]{6}", fullmatch=True)),
        email=f"{first}.{last}@{draw(names)}.example".lower(),
        address=f"{draw(st.integers(1, 300))} {draw(names)} Road",
        postcode=draw(st.from_regex(r"[A-Z]{2}[0-9]{1,2} [0-9][A-Z]{2}", fullmatch=True)),
    )


@dataclass(frozen=True)
class Family:
    resident: Someone
    visiting: Someone
    adult: Someone
    children: tuple[str, ...]

    def everyone(self) -> dict[Role, Someone]:
        return {Role.RESIDENT: self.resident, Role.VISITING: self.visiting, Role.ADULT: self.adult}


@st.composite
def families(draw: st.DrawFn) -> Family:
    fam = Family(
        draw(someone()),
        draw(someone()),
        draw(someone()),
        tuple(draw(st.lists(names, min_size=1, max_size=3))),
    )
    words = [w for p in fam.everyone().values() for w in (p.first, p.last)] + list(fam.children)
    # Distinct, and none hiding inside another, so "not on screen" is meaningful:
    # a surname that is part of its owner's first name would be on screen anyway.
    assume(len({w.casefold() for w in words}) == len(words))
    assume(not any(a != b and a.casefold() in b.casefold() for a in words for b in words))
    return fam


def build_case(
    fam: Family,
    *,
    first_party: str = Role.VISITING.value,
    gap: int = 15,
    hold: int = 15,
    booked: bool = True,
) -> tuple[Case, dict[Role, str]]:
    case = Case.create(
        ref=f"H-{next(_refs)}",
        created_at=DAY,
        last_used_at=DAY,
        first_party=first_party,
        arrival_gap_min=gap,
        departure_hold_min=hold,
    )
    codes: dict[Role, str] = {}
    for role, who in fam.everyone().items():
        row = add_person(
            case,
            role,
            who.first,
            DAY,
            last_name=who.last,
            phone=who.phone,
            email=who.email,
            address=who.address,
            postcode=who.postcode,
        )
        codes[role] = cards.issue_card(row.id, DAY)
    for child in fam.children:
        Child.create(case=case, first_name=child)
    if booked:
        make_booking(case, START)
    return case, codes
