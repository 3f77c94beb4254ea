"""Bookings, attendance, cards and the alerts the door console acts on."""

from __future__ import annotations

from peewee import CharField, DateTimeField, ForeignKeyField, IntegerField, TextField

from models.base import BaseModel, BookingState
from models.family import Case, Person
from models.staff import Volunteer


class Booking(BaseModel):
    # index=False here and below: an index of the model's Meta begins with the column, and
    # answers every lookup and cascade a single-column one would (schema step 10).
    case = ForeignKeyField(Case, backref="bookings", on_delete="CASCADE", index=False)
    room = CharField()
    starts_at = DateTimeField(index=True)
    ends_at = DateTimeField()
    service = CharField()
    state = CharField(default=BookingState.BOOKED.value)
    # Side exits. outcome_party: the party who did not show, or who cancelled
    # ("centre", "resident", "visiting"); with_notice: "yes" or "no" for a
    # cancellation; outcome_reason: why a session was curtailed or terminated.
    outcome_party = CharField(default="")
    outcome_reason = TextField(default="")
    with_notice = CharField(default="")
    created_at = DateTimeField()
    # Added by schema step 4: the id of the first session of the series this one was
    # booked with (weekly, fortnightly), so the rest of a series can be cancelled.
    series = IntegerField(null=True, index=True)

    class Meta:
        indexes = ((("case", "starts_at"), False),)


class Attendance(BaseModel):
    """The log referrers may ask for: who came and went, when, and how recorded."""

    booking = ForeignKeyField(Booking, backref="attendance", on_delete="CASCADE", index=False)
    person = ForeignKeyField(Person, backref="attendance", on_delete="CASCADE", index=False)
    kind = CharField()  # "in" or "out"
    at = DateTimeField()
    method = CharField()  # "scan" or "manual"
    reason = TextField(default="")  # required for a manual entry
    recorded_by = ForeignKeyField(Volunteer, null=True, on_delete="SET NULL")

    class Meta:
        indexes = ((("booking", "person", "at"), False), (("person", "at"), False))


class Card(BaseModel):
    """A QR card. Only the SHA-256 of the token is kept, never the token."""

    person = ForeignKeyField(Person, backref="cards", on_delete="CASCADE")
    token_hash = CharField(unique=True)
    issued_at = DateTimeField()
    revoked_at = DateTimeField(null=True)


class Alert(BaseModel):
    """Something a door volunteer must act on. Never shown to a parent.

    Open until a volunteer acknowledges it or it closes itself because it no
    longer holds (the parent arrived, the hold ended), with the reason kept.
    """

    case = ForeignKeyField(Case, null=True, backref="alerts", on_delete="CASCADE")
    booking = ForeignKeyField(
        Booking, null=True, backref="alerts", on_delete="CASCADE", index=False
    )
    kind = CharField()
    message = TextField(default="")
    created_at = DateTimeField(index=True)
    acknowledged_by = ForeignKeyField(Volunteer, null=True, on_delete="SET NULL")
    acknowledged_at = DateTimeField(null=True)
    # Added by schema step 3. Who the alert is about, when what it asks of the
    # door stops holding (a hold's end), and when and why it closed itself.
    person = ForeignKeyField(Person, null=True, backref="alerts", on_delete="CASCADE")
    until = DateTimeField(null=True)
    closed_at = DateTimeField(null=True)
    closed_reason = TextField(default="")

    class Meta:
        # Added by schema step 4. A refused scan looks for the same alert in the last
        # minutes; an alert with no booking (an unknown card) is found by kind and
        # time, not by walking every alert that has no booking.
        indexes = ((("booking", "kind", "created_at"), False),)


class BookingEvent(BaseModel):
    """What a volunteer did about a booking, and who: handover, return, no-show, exits.

    The booking's state says where it stands; these rows say who moved it and
    when, so every act at the door is attributable.
    """

    booking = ForeignKeyField(Booking, backref="events", on_delete="CASCADE", index=False)
    kind = CharField()
    at = DateTimeField()
    by = ForeignKeyField(Volunteer, null=True, on_delete="SET NULL")
    reason = TextField(default="")

    class Meta:
        table_name = "booking_event"
        indexes = ((("booking", "kind"), False),)
