"""Issuing and revoking a person's card, and writing the card file for printing.

One path issues every card, from the co-ordinator's screen or from `kiosk card`:
the earlier card is revoked, the new one written, the case counted as used (its
retention clock restarts) and the issue audited, all in one transaction. A card
shows the QR code, the centre's name and the holder's own first name, nothing
about anyone else. Files in the card folder are named by card number only, so a
folder listing names nobody.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from kiosk.clock import Clock
from kiosk.services.cards import render as card_render
from kiosk.services.cards.render import CardFace
from kiosk.services.cards.tokens import ISSUE_CARD, issue_card, token_hash
from kiosk.services.cases.bookings import touch_case
from kiosk.services.cases.records import role_noun
from kiosk.services.staff.auth import StaffMember
from kiosk.services.staff.permissions import require_coordinator
from kiosk.services.store import audit, card_files, private_files, settings
from kiosk.services.store.errors import KioskError
from kiosk.services.store.faults import writes
from models import Card, Case, Person, Role

# Re-exported: the screens and tests know the folder from here.
EXPORT_FOLDER_KEY = card_files.EXPORT_FOLDER_KEY
export_folder = card_files.export_folder

__all__ = ["EXPORT_FOLDER_KEY", "CardFace", "export_folder"]

# A renderer returns the file's bytes and its suffix (".png", ".pdf", ...).
CardRenderer = Callable[[CardFace], tuple[bytes, str]]


class CardError(KioskError):
    """The card cannot be issued; the message is one line for the co-ordinator."""


class CardFileError(CardError):
    """The card file could not be written; no card was issued."""


@dataclass(frozen=True)
class CardStatus:
    person_id: int
    first_name: str
    role: Role
    case_ref: str
    card_id: int | None
    issued_at: datetime | None
    file: Path | None


@dataclass(frozen=True)
class IssuedCard:
    card_id: int
    path: Path
    # Returned once so the caller can print or test it; only its hash is stored.
    token: str
    first_name: str
    role: str
    case_ref: str


def render_png(face: CardFace) -> tuple[bytes, str]:
    """The printable card layout of `kiosk card`, as PNG."""
    return card_render.render_png(face), ".png"


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


def status(person_id: int, actor: StaffMember, folder: Path | None = None) -> CardStatus:
    require_coordinator(actor)
    person = Person.select(Person, Case).join(Case).where(Person.id == person_id).get()
    card = (
        Card.select()
        .where(Card.person == person_id, Card.revoked_at.is_null())
        .order_by(Card.issued_at.desc())
        .first()
    )
    files = card_files.files(folder or export_folder(), card.id) if card else []
    return CardStatus(
        person_id=person.id,
        first_name=person.first_name,
        role=Role(person.role),
        case_ref=person.case.ref,
        card_id=card.id if card else None,
        issued_at=card.issued_at if card else None,
        file=files[0] if files else None,
    )


# Where the file goes: given the new card's id and face, write it and return its path.
Placement = Callable[[int, CardFace], Path]


@writes
def issue_in_transaction(
    person_id: int, now: datetime, place: Placement, actor: StaffMember | None
) -> tuple[IssuedCard, list[int]]:
    """The one issuing path, and the cards it replaced; one transaction under the write lock.

    A file that cannot be written, or a database fault, rolls the issue back whole; the
    caller removes a file already written (see private_files.removed_on_failure).
    """
    person = Person.get_by_id(person_id)
    case_id: int = person.case_id  # type: ignore[attr-defined]
    replaced = _active_ids(person_id)
    token = issue_card(person.id, now)
    card = Card.get(Card.token_hash == token_hash(token))
    face = CardFace(settings.get("centre_name"), person.first_name, token, now.date())
    path = place(card.id, face)
    # Issuing a card is use of the case: its retention clock restarts.
    touch_case(case_id, now)
    audit.record(
        ISSUE_CARD,
        now,
        target=f"person:{person.id}",
        detail=f"card:{card.id}",
        actor=actor,
        actor_label="" if actor else "cli",
    )
    case_ref = Case.get_by_id(case_id).ref
    return IssuedCard(card.id, path, token, person.first_name, person.role, case_ref), replaced


def issue(
    person_id: int,
    actor: StaffMember,
    clock: Clock,
    *,
    folder: Path | None = None,
    render: CardRenderer = render_png,
) -> IssuedCard:
    """Issue a new card into the card folder (the co-ordinator's screen); all or nothing."""
    require_coordinator(actor)
    folder = folder or export_folder()
    with private_files.removed_on_failure() as written:

        def place(card_id: int, face: CardFace) -> Path:
            content, suffix = render(face)
            written.append(_write(folder, card_files.file_name(card_id, suffix), content))
            return written[-1]

        try:
            issued, replaced = issue_in_transaction(person_id, clock.now(), place, actor)
        except OSError as exc:
            raise CardFileError(
                f"cannot write the card to {folder}: {exc.strerror or exc}"
            ) from exc
    # A replaced card no longer checks in; its file goes so it is not printed by mistake.
    drop_files(folder, replaced)
    return issued


def issue_to_file(
    case_ref: str,
    role: Role,
    first_name: str | None,
    path: Path,
    now: datetime,
    *,
    replace: bool = False,
) -> IssuedCard:
    """Issue a new card to the adult named and write it to path (`kiosk card`); all or nothing."""
    render = card_render.renderer_for(path)
    holder = find_holder(case_ref, role, first_name)
    with private_files.removed_on_failure() as written:

        def place(_card_id: int, face: CardFace) -> Path:
            written.append(private_files.write_new(path, render(face), replace=replace))
            return path

        try:
            issued, replaced = issue_in_transaction(holder.id, now, place, None)
        except OSError as exc:
            raise CardFileError(f"cannot write {path}: {exc.strerror or exc}") from exc
    # As from the screen: a revoked card's file in the card folder is not printed by mistake.
    drop_files(export_folder(), replaced)
    return issued


def revoke(person_id: int, actor: StaffMember, clock: Clock, *, folder: Path | None = None) -> int:
    """Revoke the person's cards and delete their files; returns how many were revoked."""
    require_coordinator(actor)
    ids = _revoke(person_id, clock.now(), actor)
    # Only once the revocation is on record: a card that still works keeps its file.
    drop_files(folder or export_folder(), ids)
    return len(ids)


def drop_files(folder: Path, card_ids: list[int]) -> None:
    """Delete revoked cards' files; one the folder will not let go (read-only) is left.

    The card is on record as revoked and no longer checks in whatever becomes of its
    file: a file that stays is no reason to stop the co-ordinator's screen.
    """
    with contextlib.suppress(OSError):
        card_files.remove(folder, card_ids)


@writes
def _revoke(person_id: int, now: datetime, actor: StaffMember) -> list[int]:
    ids = _active_ids(person_id)
    if ids:
        Card.update(revoked_at=now).where(Card.id.in_(ids)).execute()
        audit.record(
            "revoke_card",
            now,
            target=f"person:{person_id}",
            detail=",".join(f"card:{i}" for i in ids),
            actor=actor,
        )
    return ids


def _active_ids(person_id: int) -> list[int]:
    query = Card.select(Card.id).where(Card.person == person_id, Card.revoked_at.is_null())
    return [c.id for c in query]


def _write(folder: Path, name: str, content: bytes) -> Path:
    """Write beside the target, then rename: a half-written card never appears."""
    private_files.make_folder(folder)
    target = folder / name
    partial = folder / f".{name}.part"
    # Created new, never through a link someone planted at the partial's name.
    partial.unlink(missing_ok=True)
    private_files.write_new(partial, content)
    os.replace(partial, target)
    return target
