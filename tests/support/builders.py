"""The one way to make each piece of test data, written straight to the real database.

The centre: `centre_rooms` (the register every test database starts with).
Staff: `make_coordinator` and `make_volunteer`, with one name and one secret
each (`COORDINATOR_NAME`/`COORDINATOR_PASSWORD`, `VOLUNTEER_NAME`/`PIN`), so
that any test can sign either of them in. Families: `make_case` (a case with a
resident and a visiting parent), `make_booking`, `two_party_case` (one family
booked today with a card each), and `sample_file` (a whole case file as the
co-ordinator's form sends it). Events: `scan_in` and `declare`.

tests/conftest.py turns the common ones into fixtures (`coordinator`,
`volunteer`, `two_party_case`); a test that needs a second one, or one with
other details, calls the builder here.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from kiosk.services.cards import tokens as cards
from kiosk.services.cases.records import CaseFile, ConsentData, PersonData, ReferralData
from kiosk.services.staff import auth
from kiosk.services.staff.auth import StaffMember
from kiosk.services.store import settings
from models import (
    Attendance,
    Booking,
    Case,
    Child,
    DbsLevel,
    Declaration,
    Person,
    Referral,
    Role,
    Room,
    RoomKind,
    Service,
    StaffRole,
    Volunteer,
)

# Every test database: a low KDF keeps the suite quick; production keeps SQLCipher's default.
PASSPHRASE = "correct horse battery staple"
TEST_KDF_ITER = 1000
# The day every test lives on unless it says otherwise: a Saturday.
DAY = datetime(2026, 11, 21)
COORDINATOR_NAME = "Alex Morgan"
COORDINATOR_PASSWORD = "long-enough-password"
VOLUNTEER_NAME = "Priya Shah"
PIN = "246810"
CENTRE_NAME = "Riverside Child Contact Centre"


# The centre ----------------------------------------------------------------------

CONTACT_ROOMS = ("Blue Room", "Green Room", "Playroom")
WAITING_AREAS = ("Garden Room", "Front Lounge")  # the settings' defaults for each party


def centre_rooms(now: datetime = DAY) -> None:
    """The register every test database starts with: three contact rooms, two waiting areas."""
    for kind, rooms in ((RoomKind.CONTACT, CONTACT_ROOMS), (RoomKind.WAITING, WAITING_AREAS)):
        for name in rooms:
            Room.create(name=name, kind=kind.value, created_at=now)


# Staff ------------------------------------------------------------------------


def _staff(
    role: StaffRole, name: str, secret: str, now: datetime, dbs: bool, issued_on: date
) -> StaffMember:
    row = auth.create_staff(
        name,
        role,
        secret,
        now,
        dbs_number="101234567890" if dbs else "",
        dbs_issued_on=issued_on if dbs else None,
        dbs_level=DbsLevel.ENHANCED if dbs else None,
    )
    return StaffMember(row.id, row.name, role)


def make_coordinator(
    now: datetime, *, dbs: bool = True, dbs_issued_on: date | None = None
) -> StaffMember:
    """A co-ordinator who signs in with COORDINATOR_PASSWORD.

    With an enhanced DBS check (issued 1 June of last year unless dbs_issued_on says
    otherwise) unless dbs=False: without one the door console is refused to them.
    """
    issued = dbs_issued_on or date(now.year - 1, 6, 1)
    return _staff(StaffRole.COORDINATOR, COORDINATOR_NAME, COORDINATOR_PASSWORD, now, dbs, issued)


def make_volunteer(
    now: datetime,
    name: str = VOLUNTEER_NAME,
    *,
    dbs: bool = True,
    dbs_issued_on: date | None = None,
) -> StaffMember:
    """A volunteer who signs in with PIN; with an enhanced DBS check unless dbs=False.

    The check was issued on 1 January of last year unless dbs_issued_on says otherwise.
    """
    issued = dbs_issued_on or date(now.year - 1, 1, 1)
    return _staff(StaffRole.VOLUNTEER, name, PIN, now, dbs, issued)


def volunteer_row(staff: StaffMember) -> Volunteer:
    """The stored row behind a member of staff (the secret's hash, the DBS dates...)."""
    return Volunteer.get_by_id(staff.id)


def former_volunteer(name: str, now: datetime, left_on: date | None = None) -> Volunteer:
    """A volunteer on record with no secret (never signs in), who may have left."""
    return Volunteer.create(name=name, created_at=now, left_on=left_on)


def secret_of(staff: StaffMember) -> str:
    """The secret a member of staff made here signs in with."""
    return COORDINATOR_PASSWORD if staff.is_coordinator else PIN


# Families ---------------------------------------------------------------------


def add_person(case: Case, role: Role, first_name: str, now: datetime, **details: str) -> Person:
    """Someone on a case (a parent, or another named adult) with the details given."""
    return Person.create(
        case=case,
        role=role.value,
        first_name=first_name,
        created_at=now,
        last_used_at=now,
        **details,
    )


def make_case(
    ref: str,
    now: datetime,
    *,
    resident: str = "Rosa",
    visiting: str = "Victor",
    children: tuple[str, ...] = ("Mia",),
) -> Case:
    """A case with a resident and a visiting parent; each surname is the first name + "son"."""
    case = Case.create(ref=ref, created_at=now, last_used_at=now)
    for role, first in ((Role.RESIDENT, resident), (Role.VISITING, visiting)):
        add_person(
            case,
            role,
            first,
            now,
            last_name=f"{first}son",
            phone=f"07700 900{len(first):03d}",
            email=f"{first.lower()}@example.test",
            address=f"1 {first} Street",
            postcode="ZZ1 1ZZ",
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


@dataclass(frozen=True)
class TwoPartyCase:
    """One family booked today, 10:00-12:00 in the Blue Room, each parent with a card."""

    case: Case
    booking: Booking
    resident: str  # the resident parent's (Rosa's) card code
    visiting: str  # the visiting parent's (Victor's) card code

    def code(self, role: Role) -> str:
        return self.resident if role is Role.RESIDENT else self.visiting


def two_party_case(day: datetime, ref: str = "CASE-1") -> TwoPartyCase:
    """Rosa (resident) and Victor (visiting) booked at 10:00 on `day`, at the named centre.

    The case was opened, and last used, a year before `day`.
    """
    settings.put("centre_name", CENTRE_NAME)
    midnight = day.replace(hour=0, minute=0, second=0, microsecond=0)
    case = make_case(ref, midnight.replace(year=day.year - 1), resident="Rosa", visiting="Victor")
    booking = make_booking(case, midnight.replace(hour=10), room="Blue Room")
    return TwoPartyCase(
        case,
        booking,
        cards.issue_card(person(case, Role.RESIDENT).id, midnight),
        cards.issue_card(person(case, Role.VISITING).id, midnight),
    )


# The sample file's parents: name, phones, e-mail, address and postcode, as typed.
SAMPLE_RESIDENT = (
    "Rosa",
    "Quill",
    "07700 900111",
    "07700 900112",
    "rosa@example.test",
    "1 Lark Lane, Melbury",
    "zz1 1aa",
)
SAMPLE_VISITING = (
    "Victor",
    "Stone",
    "07700 900222",
    "",
    "victor@example.test",
    "9 Heron Way, Kingsmere",
    "ZZ9 9BB",
)
SAMPLE_CONSENTS = (ConsentData("Cafcass", date(2026, 10, 1), "address"),)


def sample_file(
    ref: str = "RCC-2026-001", *, previsit: date | None = date(2026, 11, 1)
) -> CaseFile:
    """A whole case file as the co-ordinator's form sends it: two parents, a referral."""
    return CaseFile(
        ref=ref,
        people=(
            PersonData(Role.RESIDENT, *SAMPLE_RESIDENT, previsit, previsit, SAMPLE_CONSENTS),
            PersonData(Role.VISITING, *SAMPLE_VISITING, previsit, previsit),
        ),
        children=("Mia", "Theo"),
        referral=ReferralData("Harbour & Co", "Ruth Kendal", "ruth@example.test", True, "None"),
    )


def door_day(now: datetime) -> tuple[Booking, Booking]:
    """The door's day: CASE-A (Rosa, Victor; Mia) at 10:00 in the Blue Room, with a risk
    order, and CASE-B (Sara, Tom; Ben, Ada) at 13:00 in the Green Room."""
    ten = now.replace(hour=10, minute=0, second=0, microsecond=0)
    a = make_case("CASE-A", now, resident="Rosa", visiting="Victor", children=("Mia",))
    b = make_case("CASE-B", now, resident="Sara", visiting="Tom", children=("Ben", "Ada"))
    Referral.create(case=a, risk_notes="Father must not learn the new address", court_order=True)
    return make_booking(a, ten), make_booking(b, ten + timedelta(hours=3), room="Green Room")


# Events -----------------------------------------------------------------------


def declare(staff: StaffMember, case: Case, now: datetime) -> None:
    """The volunteer declares they know this family: the door masks the case for them."""
    Declaration.create(volunteer=staff.id, case=case, declared_on=now.date())


def scan_in(booking: Booking, role: Role, at: datetime, kind: str = "in") -> Person:
    """An attendance event as a card scan would leave it."""
    p = person(booking.case, role)
    Attendance.create(booking=booking, person=p, kind=kind, at=at, method="scan")
    return p


@dataclass
class CardDay:
    """A family booked 10:00-12:00 on DAY with both parents' cards, and a volunteer."""

    case: Case
    booking: Booking
    staff: StaffMember
    codes: dict[Role, str]


def card_day(ref: str) -> CardDay:
    case = make_case(ref, DAY.replace(year=DAY.year - 1), resident="Rosa", visiting="Victor")
    booking = make_booking(case, DAY.replace(hour=10))
    codes = {r: cards.issue_card(person(case, r).id, DAY) for r in (Role.RESIDENT, Role.VISITING)}
    return CardDay(case, booking, make_volunteer(DAY), codes)
