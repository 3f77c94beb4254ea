"""The register of rooms: contact rooms for sessions, waiting areas that keep parties apart.

A booking names a contact room of the register, so a typing slip can no longer
make a phantom room that no clash check sees, and a waiting area is never
booked for another family's session. A room is retired rather than deleted
while a future session uses it.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from datetime import date, datetime

from kiosk.services.staff.auth import StaffMember
from kiosk.services.store import audit, settings
from kiosk.services.store.errors import KioskError
from kiosk.services.store.faults import reads, writes
from kiosk.services.store.forms import UNSHOWABLE, counted, unshowable
from models import Booking, BookingState, Room, RoomKind

KINDS = tuple(k.value for k in RoomKind)
KIND_LABELS = {RoomKind.CONTACT.value: "contact room", RoomKind.WAITING.value: "waiting area"}
MAX_NAME = 40


class RoomError(KioskError, ValueError):
    """A room that cannot be added, retired or removed, or booked; nothing was changed."""


@dataclass(frozen=True)
class RoomView:
    id: int
    name: str
    kind: str
    retired_on: date | None
    future_sessions: int

    @property
    def label(self) -> str:
        return KIND_LABELS[self.kind]


def _future_uses(name: str, now: datetime) -> int:
    return int(
        Booking.select()
        .where(
            Booking.room == name,
            Booking.ends_at > now,
            Booking.state != BookingState.CANCELLED.value,
        )
        .count()
    )


@reads
def list_rooms(now: datetime) -> list[RoomView]:
    """Every room, contact rooms first, in name order, with its future sessions."""
    rooms = Room.select().order_by(Room.kind, Room.name)
    return [RoomView(r.id, r.name, r.kind, r.retired_on, _future_uses(r.name, now)) for r in rooms]


def names(kind: RoomKind) -> list[str]:
    """The rooms of one kind that are in use (not retired), in name order."""
    rows = Room.select(Room.name).where(Room.kind == kind.value, Room.retired_on.is_null())
    return sorted(r.name for r in rows)


@reads
def contact_rooms() -> list[str]:
    """The contact rooms a session may be booked in, for the forms."""
    return names(RoomKind.CONTACT)


@reads
def waiting_areas() -> list[str]:
    """The waiting areas a party may be sent to, for the settings."""
    return names(RoomKind.WAITING)


def room_key(name: str) -> str:
    """A room's name as rooms are told apart: case, spaces, width, accents and invisible
    characters aside (full-width letters, "BLUE ROOM" + a zero-width joiner and "Blue Room"
    with a combining accent are all the Blue Room)."""
    decomposed = unicodedata.normalize("NFKD", name)
    kept = "".join(ch for ch in decomposed if unicodedata.category(ch) not in ("Mn", "Cf"))
    return " ".join(unicodedata.normalize("NFKC", kept).casefold().split())


def find(name: str) -> Room | None:
    """The register's room of this name, whatever its case, spaces or accents."""
    wanted = room_key(name)
    return next((r for r in Room.select() if room_key(r.name) == wanted), None)


def contact_room(name: str) -> tuple[str, str]:
    """The register's spelling of a contact room that may be booked and ""; or "" and why not."""
    if not name.strip():
        return "", "a room is required"
    room = find(name)
    if room is None:
        known = ", ".join(names(RoomKind.CONTACT)) or "none yet: add them under Rooms"
        return "", f"{name.strip()!r} is not a room of the centre (contact rooms: {known})"
    if room.kind != RoomKind.CONTACT.value:
        return "", f"{room.name} is a waiting area, not a contact room"
    if room.retired_on is not None:
        return "", f"{room.name} was retired on {room.retired_on}"
    return str(room.name), ""


def _named(name: str) -> Room:
    room = find(name)
    if room is None:
        raise RoomError(f"no room called {name.strip()!r}")
    return room


@writes
def add_room(name: str, kind: str, now: datetime, actor: StaffMember | None = None) -> RoomView:
    """A new room; adding a retired room's name brings it back into use."""
    clean = " ".join(name.split())
    if not clean:
        raise RoomError("a room needs a name")
    if unshowable(clean):
        raise RoomError(f"the room's name {UNSHOWABLE}")
    if len(clean) > MAX_NAME:
        raise RoomError(f"a room's name is at most {MAX_NAME} characters")
    if kind not in KINDS:
        raise RoomError(f"a room is a {' or a '.join(KINDS)} room")
    room = find(clean)
    if room is not None and (room.retired_on is None or room.kind != kind):
        raise RoomError(f"there is already a {KIND_LABELS[room.kind]} called {room.name}")
    if room is not None:
        room.retired_on = None
        room.save()
        audit.record("room_restored", now, target=f"room:{room.id}", actor=actor)
    else:
        room = Room.create(name=clean, kind=kind, created_at=now)
        audit.record("room_added", now, target=f"room:{room.id}", detail=kind, actor=actor)
    return RoomView(room.id, room.name, room.kind, None, _future_uses(room.name, now))


@writes
def still_using(future: int) -> str:
    """What a retired room's remaining sessions ask of the co-ordinator, in words."""
    verb, them = ("uses", "it") if future == 1 else ("use", "them")
    return f"{counted(future, 'future session')} still {verb} it: move {them}."


def retire_room(name: str, now: datetime, actor: StaffMember | None = None) -> int:
    """Take a room out of use for new bookings; returns its future sessions (still there)."""
    room = _named(name)
    if room.retired_on is not None:
        raise RoomError(f"{room.name} was already retired on {room.retired_on}")
    _check_not_waiting_setting(room)
    room.retired_on = now.date()
    room.save()
    audit.record("room_retired", now, target=f"room:{room.id}", actor=actor)
    return _future_uses(room.name, now)


@writes
def remove_room(name: str, now: datetime, actor: StaffMember | None = None) -> None:
    """Delete a room from the register, unless a future session uses it (retire it then)."""
    room = _named(name)
    future = _future_uses(room.name, now)
    if future:
        raise RoomError(
            f"{room.name} has {counted(future, 'future session')}: "
            "move them, or retire the room instead"
        )
    _check_not_waiting_setting(room)
    audit.record("room_removed", now, target=f"room:{room.id}", actor=actor)
    room.delete_instance()


def _check_not_waiting_setting(room: Room) -> None:
    for party in ("resident", "visiting"):
        if room_key(settings.get(f"waiting_area_{party}")) == room_key(room.name):
            raise RoomError(
                f"{room.name} is where {party} parents wait: choose another waiting area first"
            )


def misplaced_waiting_areas() -> list[str]:
    """Settings that send a party to wait somewhere that is not a waiting area in use (a
    database from before the register, where sessions were booked in a waiting area)."""
    areas = set(names(RoomKind.WAITING))
    notes = []
    for party in ("resident", "visiting"):
        area = settings.get(f"waiting_area_{party}")
        if area not in areas:
            notes.append(
                f"{party.capitalize()} parents are sent to wait in {area}, which is not a "
                "waiting area of the register: choose one under Settings."
            )
    return notes
