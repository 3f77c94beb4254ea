"""Logs and centre-wide records: incidents and their notes, disclosures, accidents, audit,
policy."""

from __future__ import annotations

from peewee import (
    CharField,
    DateField,
    DateTimeField,
    ForeignKeyField,
    TextField,
)

from models.base import BaseModel
from models.family import Case
from models.staff import Volunteer


class Incident(BaseModel):
    """A safeguarding concern raised at the centre, and the co-ordinator's follow-up.

    New until the co-ordinator first opens it, then under review until closed
    with an outcome. `action` is what was done last (nothing further, referred to
    Children's Services, reported to the police); a referral's disclosure points
    back here (Disclosure.incident).
    """

    at = DateTimeField()
    case = ForeignKeyField(Case, null=True, backref="incidents", on_delete="CASCADE")
    recorded_by = ForeignKeyField(Volunteer, null=True, on_delete="SET NULL")
    description = TextField()
    opened_at = DateTimeField(null=True)
    action = CharField(default="")
    closed_at = DateTimeField(null=True)
    closed_by_name = CharField(default="")
    outcome = TextField(default="")


class IncidentNote(BaseModel):
    """A follow-up note on an incident: never changed (a trigger), gone only with its case."""

    incident = ForeignKeyField(Incident, backref="notes", on_delete="CASCADE")
    at = DateTimeField()
    # The author's name as it was: a volunteer's record may be destroyed first.
    author_name = CharField()
    text = TextField()

    class Meta:
        table_name = "incident_note"


class Disclosure(BaseModel):
    """Every release of information: who, to whom, what, when, why."""

    at = DateTimeField()
    made_by = ForeignKeyField(Volunteer, null=True, on_delete="SET NULL")
    made_by_label = CharField(default="")
    kind = CharField()  # referrer_export, safeguarding, subject_access, accident_book
    recipient = CharField()
    case = ForeignKeyField(Case, null=True, backref="disclosures", on_delete="CASCADE")
    what = TextField(default="")
    reason = TextField(default="")
    period_from = DateField(null=True)
    period_until = DateField(null=True)
    # A safeguarding disclosure made in following up an incident.
    incident = ForeignKeyField(Incident, null=True, backref="disclosures", on_delete="SET NULL")


class AccidentEntry(BaseModel):
    """The accident book: append-only (database triggers), never purged.

    No foreign key to a case, so purging a case can never cascade into the
    book; a correction is a new entry pointing at the one it corrects.
    """

    at = DateTimeField()
    recorded_at = DateTimeField()
    recorded_by_name = CharField()
    description = TextField()
    # "First aid given" in the HSE's book.
    action_taken = TextField(default="")
    # The person hurt, as written: the book has no link to a case.
    person_hurt = CharField(default="")
    place = CharField(default="")
    injury = TextField(default="")
    corrects = ForeignKeyField("self", null=True, on_delete="RESTRICT")

    class Meta:
        table_name = "accident_entry"


class AuditEntry(BaseModel):
    """Sign-ins, case views, exports, purges, key changes.

    `target` names a record ("case:12"), never copies its personal data.
    """

    at = DateTimeField(index=True)
    actor = ForeignKeyField(Volunteer, null=True, on_delete="SET NULL")
    actor_label = CharField(default="")
    action = CharField(index=True)
    target = CharField(default="")
    detail = TextField(default="")


class Policy(BaseModel):
    """The centre's confidentiality policy; the newest row is in force."""

    text = TextField()
    reviewed_by = CharField()
    reviewed_on = DateField()
    set_at = DateTimeField()


class Setting(BaseModel):
    key = CharField(primary_key=True)
    value = TextField()
