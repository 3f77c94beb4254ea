"""Issuing a printed card to one adult of a case: find them, issue, render, write."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from kiosk.services.cards import tokens as cards
from kiosk.services.cards.render import CardFace, renderer_for
from kiosk.services.cases import bookings
from kiosk.services.cases.records import role_noun
from kiosk.services.store import audit, private_files, settings
from models import Case, Person, Role, database


class CardError(ValueError):
    """The card cannot be issued; the message is one line for the co-ordinator."""


@dataclass(frozen=True)
class IssuedCard:
    code: str
    first_name: str
    role: str
    case_ref: str
    path: Path


def find_holder(case_ref: str, role: Role, first_name: str | None = None) -> Person:
    """The one adult of case_ref with this role (and first name, when several share it)."""
    case = Case.get_or_none(Case.ref == case_ref)
    if case is None:
        raise CardError(f"no case {case_ref!r}")
    people = list(
        Person.select().where(Person.case == case, Person.role == role.value).order_by(Person.id)
    )
    if first_name is not None:
        wanted = first_name.strip().casefold()
        people = [p for p in people if p.first_name.casefold() == wanted]
    if not people:
        named = f" named {first_name!r}" if first_name else ""
        raise CardError(f"case {case_ref} has no {role_noun(role.value)}{named}")
    if len(people) > 1:
        raise CardError(
            f"case {case_ref} has {len(people)} {role_noun(role.value)}s with that description: "
            "give --first-name to choose one"
        )
    return people[0]


def issue_to_file(
    case_ref: str, role: Role, first_name: str | None, path: Path, now: datetime
) -> IssuedCard:
    """Issue a new card (revoking earlier ones) and write it to path.

    All or nothing: if the file cannot be written, the new card is rolled back
    and the person's earlier card keeps working.
    """
    render = renderer_for(path)
    holder = find_holder(case_ref, role, first_name)
    with database.atomic():
        code = cards.issue_card(holder.id, now)
        face = CardFace(settings.get("centre_name"), holder.first_name, code)
        try:
            private_files.write_private(path, render(face))
        except OSError as exc:
            raise CardError(f"cannot write {path}: {exc.strerror}") from exc
        bookings.touch_case(holder.case.id, now)
        audit.record(cards.ISSUE_CARD, now, target=f"person:{holder.id}", actor_label="cli")
    return IssuedCard(code, holder.first_name, holder.role, case_ref, path)
