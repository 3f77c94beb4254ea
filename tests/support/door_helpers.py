"""Shared set-up for the door console's tests: staff, a day's bookings, attendance."""

from __future__ import annotations

from datetime import date, datetime

from kiosk.services.staff import auth
from kiosk.services.staff.auth import StaffMember
from models import Attendance, Booking, Case, DbsLevel, Declaration, Person, Role, StaffRole
from tests.support.factories import person

PIN = "246810"
PASSWORD = "a long password"


def volunteer(now: datetime, name: str = "Priya Shah", *, dbs: bool = True) -> StaffMember:
    row = auth.create_staff(
        name,
        StaffRole.VOLUNTEER,
        PIN,
        now,
        dbs_number="101234567890" if dbs else "",
        dbs_issued_on=date(now.year - 1, 1, 1) if dbs else None,
        dbs_level=DbsLevel.ENHANCED if dbs else None,
    )
    return StaffMember(row.id, row.name, StaffRole.VOLUNTEER)


def coordinator(now: datetime, *, dbs: bool = True) -> StaffMember:
    """The co-ordinator, with a DBS record unless told otherwise (the door needs one)."""
    row = auth.create_staff(
        "Cora Ordinator",
        StaffRole.COORDINATOR,
        PASSWORD,
        now,
        dbs_number="109876543210" if dbs else "",
        dbs_issued_on=date(now.year - 1, 6, 1) if dbs else None,
        dbs_level=DbsLevel.ENHANCED_BARRED if dbs else None,
    )
    return StaffMember(row.id, row.name, StaffRole.COORDINATOR)


def declare(staff: StaffMember, case: Case, now: datetime) -> None:
    Declaration.create(volunteer=staff.id, case=case, declared_on=now.date())


def scan_in(booking: Booking, role: Role, at: datetime, kind: str = "in") -> Person:
    """An attendance event as a card scan would leave it."""
    p = person(booking.case, role)
    Attendance.create(booking=booking, person=p, kind=kind, at=at, method="scan")
    return p
