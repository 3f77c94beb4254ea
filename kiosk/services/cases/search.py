"""The case list: search by reference, name or postcode, a page at a time.

Each search term must match the start of the case reference or of a person's
first name, last name or postcode in the case. Results come most recently used
first (Case.last_used_at is indexed) and a page at a time, so the screen only
ever holds one page whatever the size of the centre.
"""

from __future__ import annotations

from peewee import Expression

from kiosk.services.cases.records import CasePage, CaseSummary
from kiosk.services.staff.auth import StaffMember
from kiosk.services.staff.permissions import require_coordinator
from models import Case, Person, Role

PAGE_SIZE = 20
MAX_TERMS = 5


def _term_matches(term: str) -> Expression:
    people = Person.select(Person.case).where(
        Person.first_name.startswith(term)
        | Person.last_name.startswith(term)
        | Person.postcode.startswith(term)
    )
    return Case.ref.startswith(term) | Case.id.in_(people)


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
