"""Issuing and revoking a person's card, and writing the card file for printing.

The card file is drawn by a renderer passed in; `render_png` uses the printable
layout of `kiosk card`: the QR code, the centre's name and the holder's own
first name, nothing about anyone else. Files are named by card number only, so
a folder listing names nobody.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from kiosk.clock import Clock
from kiosk.services.cards import render as card_render
from kiosk.services.cards.tokens import ISSUE_CARD, issue_card, token_hash
from kiosk.services.staff.auth import StaffMember
from kiosk.services.store import audit, private_files, settings
from kiosk.services.store.forms import require_coordinator
from models import Card, Case, Person, Role, Volunteer, database

EXPORT_FOLDER_KEY = "card_export_folder"


@dataclass(frozen=True)
class CardFace:
    """What a card shows: its code, and the holder's own first name only."""

    token: str
    first_name: str
    centre_name: str
    issued_on: date


# A renderer returns the file's bytes and its suffix (".png", ".pdf", ...).
CardRenderer = Callable[[CardFace], tuple[bytes, str]]


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


class CardFileError(OSError):
    """The card file could not be written; no card was issued."""


def export_folder() -> Path:
    """The setting `card_export_folder`, else `cards/` in the export folder."""
    chosen = settings.get(EXPORT_FOLDER_KEY).strip()
    return Path(chosen).expanduser() if chosen else settings.export_dir() / "cards"


def render_png(face: CardFace) -> tuple[bytes, str]:
    """The printable card layout of `kiosk card`, as PNG."""
    printed = card_render.CardFace(face.centre_name, face.first_name, face.token)
    return card_render.render_png(printed), ".png"


def _files(folder: Path, card_id: int) -> list[Path]:
    return list(folder.glob(f"card-{card_id}.*")) if folder.is_dir() else []


def status(person_id: int, actor: StaffMember, folder: Path | None = None) -> CardStatus:
    require_coordinator(actor)
    person = Person.select(Person, Case).join(Case).where(Person.id == person_id).get()
    card = (
        Card.select()
        .where(Card.person == person_id, Card.revoked_at.is_null())
        .order_by(Card.issued_at.desc())
        .first()
    )
    files = _files(folder or export_folder(), card.id) if card else []
    return CardStatus(
        person_id=person.id,
        first_name=person.first_name,
        role=Role(person.role),
        case_ref=person.case.ref,
        card_id=card.id if card else None,
        issued_at=card.issued_at if card else None,
        file=files[0] if files else None,
    )


def _active_ids(person_id: int) -> list[int]:
    query = Card.select(Card.id).where(Card.person == person_id, Card.revoked_at.is_null())
    return [c.id for c in query]


def _write(folder: Path, name: str, content: bytes) -> Path:
    """Write beside the target, then rename: a half-written card never appears."""
    private_files.make_folder(folder)
    target = folder / name
    partial = folder / f".{name}.part"
    private_files.write_private(partial, content)
    os.replace(partial, target)
    return target


def issue(
    person_id: int,
    actor: StaffMember,
    clock: Clock,
    *,
    folder: Path | None = None,
    render: CardRenderer = render_png,
) -> IssuedCard:
    """Issue a new card (revoking any the person holds) and write its file; all or nothing."""
    require_coordinator(actor)
    folder = folder or export_folder()
    now = clock.now()
    person = Person.get_by_id(person_id)
    replaced = _active_ids(person_id)
    try:
        with database.atomic():
            token = issue_card(person_id, now)
            card = Card.get(Card.token_hash == token_hash(token))
            face = CardFace(token, person.first_name, settings.get("centre_name"), now.date())
            content, suffix = render(face)
            path = _write(folder, f"card-{card.id}{suffix}", content)
            audit.record(
                ISSUE_CARD,
                now,
                target=f"person:{person_id}",
                detail=f"card:{card.id}",
                actor=Volunteer.get_or_none(Volunteer.id == actor.id),
            )
    except OSError as exc:
        raise CardFileError(f"cannot write the card to {folder}: {exc.strerror or exc}") from exc
    _remove_files(folder, replaced)
    return IssuedCard(card.id, path, token)


def revoke(person_id: int, actor: StaffMember, clock: Clock, *, folder: Path | None = None) -> int:
    """Revoke the person's cards and delete their files; returns how many were revoked."""
    require_coordinator(actor)
    now = clock.now()
    ids = _active_ids(person_id)
    if not ids:
        return 0
    with database.atomic():
        Card.update(revoked_at=now).where(Card.id.in_(ids)).execute()
        audit.record(
            "revoke_card",
            now,
            target=f"person:{person_id}",
            detail=",".join(f"card:{i}" for i in ids),
            actor=Volunteer.get_or_none(Volunteer.id == actor.id),
        )
    _remove_files(folder or export_folder(), ids)
    return len(ids)


def _remove_files(folder: Path, card_ids: list[int]) -> None:
    # A revoked card no longer checks in; its file is removed so it is not printed by mistake.
    for card_id in card_ids:
        for path in _files(folder, card_id):
            with contextlib.suppress(FileNotFoundError):
                path.unlink()
