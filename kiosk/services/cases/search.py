"""The case list: search by reference, name or postcode, a page at a time.

Each search term must match any part of the case reference ("001" finds
RCC-2025-001), or the start of a person's first name, last name or postcode in
the case, or the start of its second word ("1AA" finds ZZ1 1AA; a third word is
not searched). Names and postcodes are found through case-blind indexes
(models/family.py), whatever the number of people; a part of a reference cannot
use a B-tree index, so the case table alone is read whole, one short column of
one row per case (a few milliseconds at 4,000 cases). Results come most
recently used first (Case.last_used_at is indexed) and a page at a time, so the
screen only ever holds one page whatever the size of the centre.
"""

from __future__ import annotations

from peewee import SQL, Expression

from kiosk.services.cases.records import CasePage, CaseSummary
from kiosk.services.staff.auth import StaffMember
from kiosk.services.staff.permissions import require_coordinator
from models import Case, Person, Role
from models.family import WORD_COLUMNS, second_word_sql

PAGE_SIZE = 20
MAX_TERMS = 5


# Above every character a name can hold: "term" <= x < "term" + LAST is "x starts with term".
LAST = "\U0010ffff"


def _second_word_starts(column: str, term: str) -> Expression:
    """The column's second word starts with term, case-blind, as its index is ordered."""
    word = SQL(f"{second_word_sql(column)} COLLATE NOCASE")
    return (word >= term) & (word < term + LAST)


def _term_matches(term: str) -> Expression:
    starts = Person.first_name.startswith(term)
    starts |= Person.last_name.startswith(term) | Person.postcode.startswith(term)
    found = Case.ref.contains(term) | Case.id.in_(Person.select(Person.case).where(starts))
    # SQLite answers an OR of plain columns' prefixes by their indexes, but not one that
    # takes in an expression's index: each second word is a subquery of its own (quicker
    # than one UNION of them, measured beside it).
    for column in WORD_COLUMNS:
        second = Person.select(Person.case).where(_second_word_starts(column, term))
        found |= Case.id.in_(second)
    return found


def search_cases(
    actor: StaffMember, text: str = "", page: int = 0, page_size: int = PAGE_SIZE
) -> CasePage:
    require_coordinator(actor)
    query = Case.select(Case.id, Case.ref, Case.last_used_at)
    for term in text.split()[:MAX_TERMS]:
        query = query.where(_term_matches(term))
    total = query.count()
    page = max(0, min(page, max(0, (total - 1) // page_size)))
    rows = list(
        query.order_by(Case.last_used_at.desc(), Case.id.desc())
        .offset(page * page_size)
        .limit(page_size)
    )
    names = _parent_names([r.id for r in rows])
    items = tuple(
        CaseSummary(
            id=r.id,
            ref=r.ref,
            resident=names.get((r.id, Role.RESIDENT.value), ""),
            visiting=names.get((r.id, Role.VISITING.value), ""),
            last_used_at=r.last_used_at,
        )
        for r in rows
    )
    return CasePage(items, total, page, page_size)


def _parent_names(case_ids: list[int]) -> dict[tuple[int, str], str]:
    if not case_ids:
        return {}
    rows = (
        Person.select(Person.role, Person.first_name, Person.last_name, Case.id)
        .join(Case)
        .where(
            Person.case.in_(case_ids), Person.role.in_([Role.RESIDENT.value, Role.VISITING.value])
        )
    )
    return {(p.case.id, p.role): f"{p.first_name} {p.last_name}".strip() for p in rows}
