"""Small builders for test data, written straight to the real database."""

from __future__ import annotations

from datetime import datetime, timedelta

from models import Booking, Case, Child, Person, Role, Service


def make_case(
    ref: str,
    now: datetime,
    *,
    resident: str = "Rosa",
    visiting: str = "Victor",
    children: tuple[str, ...] = ("Mia",),
) -> Case:
    case = Case.create(ref=ref, created_at=now, last_used_at=now)
    for role, first in ((Role.RESIDENT, resident), (Role.VISITING, visiting)):
        Person.create(
            case=case,
            role=role.value,
            first_name=first,
            last_name=f"{first}son",
            phone=f"07700 900{len(first):03d}",
            email=f"{first.lower()}@example.test",
            address=f"1 {first} Street",
            postcode="ZZ1 1ZZ",
            created_at=now,
            last_used_at=now,
        )
    for name in children:
        Child.create(case=case, first_name=name)
    return case


def make_booking(
    case: Case, start: datetime, *, hours: float = 2, room: str = "Blue Room"
) -> Booking:
    return Booking.create(
        case=case,
        room=room,
        starts_at=start,
        ends_at=start + timedelta(hours=hours),
        service=Service.SUPPORTED.value,
        created_at=start - timedelta(days=7),
    )


def person(case: Case, role: Role) -> Person:
    return Person.get(Person.case == case, Person.role == role.value)
