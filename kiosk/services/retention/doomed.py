"""Which rows a purge destroys, kind by kind, as statements over sets of rows.

Each kind is one condition on its own table. The purge deletes them children
first, one statement a kind, so each statement's row count is that kind's count
and the foreign keys' ON DELETE CASCADE finds nothing left to do: deleting a
booking no longer walks its attendance row by row (at 10x the ten-year
database the deletes took 5.5 s that way, 25 cases at a time; by set, 2.9 s).
The report of what is due counts the same conditions, so what it shows is what
goes.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, TypeAlias

from peewee import Expression, ModelSelect

from models import (
    Alert,
    Attendance,
    Booking,
    BookingEvent,
    Card,
    Case,
    Child,
    Consent,
    Declaration,
    Disclosure,
    Incident,
    IncidentNote,
    Person,
    Referral,
    Volunteer,
)
from models.base import BaseModel

# A kind's name, its table, and which of its rows go.
Rows = tuple[str, type[BaseModel], Expression]
# A query of case ids, or the ids themselves (a string: peewee's classes take no subscript).
Cases: TypeAlias = "ModelSelect[Any] | list[int]"


def of_cases(cases: Cases) -> list[Rows]:
    """Everything on these cases, in an order that deletes each row before what it hangs on.

    Disclosures go before incidents so that none is first updated (its incident SET NULL).
    """
    people = Person.select(Person.id).where(Person.case.in_(cases))
    bookings = Booking.select(Booking.id).where(Booking.case.in_(cases))
    incidents = Incident.select(Incident.id).where(Incident.case.in_(cases))
    return [
        ("incident notes", IncidentNote, IncidentNote.incident.in_(incidents)),
        ("disclosures", Disclosure, Disclosure.case.in_(cases)),
        ("incidents", Incident, Incident.case.in_(cases)),
        ("attendance", Attendance, Attendance.booking.in_(bookings)),
        # A person's own, on another case's booking, if there were one; none counted twice.
        (
            "attendance",
            Attendance,
            Attendance.person.in_(people) & Attendance.booking.not_in(bookings),
        ),
        ("booking events", BookingEvent, BookingEvent.booking.in_(bookings)),
        (
            "alerts",
            Alert,
            Alert.case.in_(cases) | Alert.booking.in_(bookings) | Alert.person.in_(people),
        ),
        ("bookings", Booking, Booking.case.in_(cases)),
        ("cards", Card, Card.person.in_(people)),
        ("consents", Consent, Consent.person.in_(people)),
        ("declarations", Declaration, Declaration.case.in_(cases)),
        ("children", Child, Child.case.in_(cases)),
        ("referrals", Referral, Referral.case.in_(cases)),
        ("people", Person, Person.case.in_(cases)),
        ("cases", Case, Case.id.in_(cases)),
    ]


def of_volunteers(volunteers: ModelSelect[Any], cases: ModelSelect[Any]) -> list[Rows]:
    """Former volunteers and their declarations (those on a due case are counted with it)."""
    return [
        (
            "declarations",
            Declaration,
            Declaration.volunteer.in_(volunteers) & Declaration.case.not_in(cases),
        ),
        ("volunteers", Volunteer, Volunteer.id.in_(volunteers)),
    ]


def count(rows: Iterable[Rows], kinds: Iterable[str]) -> dict[str, int]:
    """How many rows of each kind the statements would delete."""
    counts = dict.fromkeys(kinds, 0)
    for kind, model, where in rows:
        counts[kind] += model.select().where(where).count()
    return counts


def delete(rows: Iterable[Rows], counts: dict[str, int]) -> None:
    """Delete them in order, adding each statement's row count to its kind."""
    for kind, model, where in rows:
        counts[kind] += int(model.delete().where(where).execute())
