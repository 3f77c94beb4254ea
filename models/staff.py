"""Volunteers, the co-ordinator, and who knows which family."""

from __future__ import annotations

from peewee import (
    BooleanField,
    CharField,
    DateField,
    DateTimeField,
    ForeignKeyField,
    IntegerField,
    TextField,
)

from models.base import BaseModel, StaffRole
from models.family import Case


class Volunteer(BaseModel):
    name = CharField()
    role = CharField(default=StaffRole.VOLUNTEER.value)
    # argon2id of the PIN (volunteers) or password (co-ordinator).
    secret_hash = CharField(default="")
    failed_attempts = IntegerField(default=0)
    locked_until = DateTimeField(null=True)
    # DBS: only number, date, level and decision; never the certificate's contents.
    dbs_number = CharField(default="")
    dbs_issued_on = DateField(null=True)
    dbs_level = CharField(default="")
    dbs_update_service = BooleanField(default=False)
    dbs_decision = CharField(default="")
    created_at = DateTimeField()
    left_on = DateField(null=True)


class Declaration(BaseModel):
    """A volunteer knows somebody in this case: the case is masked for them."""

    volunteer = ForeignKeyField(Volunteer, backref="declarations", on_delete="CASCADE")
    case = ForeignKeyField(Case, backref="declarations", on_delete="CASCADE")
    declared_on = DateField()
    note = TextField(default="")
