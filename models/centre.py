"""The centre itself: its rooms and the days it is closed."""

from __future__ import annotations

from peewee import CharField, DateField, DateTimeField, ForeignKeyField, TextField

from models.base import BaseModel
from models.staff import Volunteer

# Where each party waits unless the centre's settings say otherwise.
DEFAULT_WAITING_AREAS = {"resident": "Garden Room", "visiting": "Front Lounge"}


class Room(BaseModel):
    """A room of the register: a contact room, or a waiting area that keeps parties apart.

    Bookings keep the room's name (rooms are never renamed, only retired), so the
    door board, the kiosk and the exports read it as they always did.
    """

    name = CharField(unique=True)
    kind = CharField()  # "contact" or "waiting"
    created_at = DateTimeField()
    # A retired room takes no new bookings; its past sessions keep its name.
    retired_on = DateField(null=True)


class Closure(BaseModel):
    """A day the centre is closed (bank holidays come from the `holidays` library)."""

    on = DateField(unique=True)
    reason = TextField(default="")
    created_at = DateTimeField()
    created_by = ForeignKeyField(Volunteer, null=True, on_delete="SET NULL")
