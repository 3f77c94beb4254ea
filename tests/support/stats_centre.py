"""A small centre whose figures are known, for the statistics (kiosk/services/stats).

October 2026, seen on 21 November 2026, beside October 2025:

- A, referred 2026-10-02 by a court: the 3rd supported, held; the 17th a no-show
  by the visiting parent (the resident came).
- B, referred 2025-06-01 by a solicitor: the 10th cancelled by the centre; the
  24th supervised, curtailed.
- C, referred 2026-10-05 by themselves: the 12th cancelled by the resident with
  notice; the 26th handover, terminated.
- D, referred 2026-09-01 by the local authority: the 14th (assessment) cancelled
  by the visiting parent without notice; the 28th supported, held.
- E, referred 2026-10-20, kind not recorded: the 30th, nobody came, no outcome.

A was first seen in September 2025 and held a session on 4 October 2025; B's
first session was held on 11 October 2025. Three incidents (A, B, one with no
case) and one accident in October 2026. Two volunteers did 10 hours of duty.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

from models import (
    AccidentEntry,
    Attendance,
    AuditEntry,
    Booking,
    BookingState,
    Case,
    Incident,
    Person,
    Referral,
    Role,
    Service,
    StaffRole,
    Volunteer,
)
from tests.support.builders import add_person

NOW = datetime(2026, 11, 21, 9, 0)
# Every family's adults: first name, surname, phone and postcode (all must stay out of files).
ADULTS = {
    "A": (("Philippa", "Quarrendon"), ("Ignatius", "Wolverton")),
    "B": (("Henrietta", "Brackley"), ("Cornelius", "Ashendon")),
    "C": (("Georgiana", "Stukeley"), ("Leopold", "Marsworth")),
    "D": (("Rosamund", "Chesham"), ("Barnaby", "Ivinghoe")),
    "E": (("Clementine", "Haddenham"), ("Fitzgerald", "Waddesdon")),
}
REFS = {letter: f"STAT-{letter}-2026" for letter in ADULTS}
REFERRALS = {
    "A": (date(2026, 10, 2), "court"),
    "B": (date(2025, 6, 1), "solicitor"),
    "C": (date(2026, 10, 5), "self"),
    "D": (date(2026, 9, 1), "local_authority"),
    "E": (date(2026, 10, 20), ""),
}
VOLUNTEERS = ("Ottilie Verney", "Montague Dashwood")


def phone(letter: str, role: Role) -> str:
    return f"07700 93{ord(letter) - 64}{'1' if role is Role.RESIDENT else '2'}88"


def postcode(letter: str) -> str:
    return f"ZX{ord(letter) - 60} 4QJ"


def identifying() -> list[str]:
    """Every name, phone, postcode and case reference in the centre, and the volunteers."""
    out = [*REFS.values(), *VOLUNTEERS]
    for letter, adults in ADULTS.items():
        for role, (first, last) in zip((Role.RESIDENT, Role.VISITING), adults, strict=True):
            out += [first, last, phone(letter, role), postcode(letter)]
    return out


def _family(letter: str) -> Case:
    opened = datetime(2025, 5, 1)
    case = Case.create(ref=REFS[letter], created_at=opened, last_used_at=NOW)
    for role, (first, last) in zip((Role.RESIDENT, Role.VISITING), ADULTS[letter], strict=True):
        add_person(
            case,
            role,
            first,
            opened,
            last_name=last,
            phone=phone(letter, role),
            postcode=postcode(letter),
        )
    on, kind = REFERRALS[letter]
    Referral.create(
        case=case, organisation=f"{kind or 'unknown'} office", referred_on=on, kind=kind
    )
    return case


def _session(
    case: Case,
    day: date,
    service: Service,
    state: BookingState,
    came: tuple[Role, ...] = (),
    **outcome: str,
) -> None:
    starts = datetime.combine(day, datetime.min.time()).replace(hour=10)
    booking = Booking.create(
        case=case,
        room="Blue Room",
        starts_at=starts,
        ends_at=starts + timedelta(hours=2),
        service=service.value,
        state=state.value,
        created_at=starts - timedelta(days=14),
        **outcome,
    )
    for role in came:
        who = Person.get(Person.case == case, Person.role == role.value)
        for kind, at in (("in", starts), ("out", starts + timedelta(hours=2))):
            Attendance.create(booking=booking, person=who, kind=kind, at=at, method="scan")


BOTH = (Role.RESIDENT, Role.VISITING)
S, V = BookingState, Service


def _sessions(c: dict[str, Case]) -> None:
    _session(c["A"], date(2025, 9, 6), V.SUPPORTED, S.CLOSED, BOTH)
    _session(c["A"], date(2025, 10, 4), V.SUPPORTED, S.CLOSED, BOTH)
    _session(c["B"], date(2025, 10, 11), V.SUPERVISED, S.CLOSED, BOTH)
    _session(c["A"], date(2026, 10, 3), V.SUPPORTED, S.CLOSED, BOTH)
    _session(
        c["A"],
        date(2026, 10, 17),
        V.SUPPORTED,
        S.NO_SHOW,
        (Role.RESIDENT,),
        outcome_party="visiting",
    )
    _session(c["B"], date(2026, 10, 10), V.SUPERVISED, S.CANCELLED, outcome_party="centre")
    _session(c["B"], date(2026, 10, 24), V.SUPERVISED, S.CURTAILED, BOTH, outcome_reason="ill")
    _session(
        c["C"],
        date(2026, 10, 12),
        V.HANDOVER,
        S.CANCELLED,
        outcome_party="resident",
        with_notice="yes",
    )
    _session(c["C"], date(2026, 10, 26), V.HANDOVER, S.TERMINATED, BOTH)
    _session(
        c["D"],
        date(2026, 10, 14),
        V.ASSESSMENT,
        S.CANCELLED,
        outcome_party="visiting",
        with_notice="no",
    )
    _session(c["D"], date(2026, 10, 28), V.SUPPORTED, S.CLOSED, BOTH)
    _session(c["E"], date(2026, 10, 30), V.SUPPORTED, S.BOOKED)


def _logs(c: dict[str, Case]) -> None:
    for case, day in ((c["A"], 3), (c["B"], 24), (None, 26)):
        Incident.create(at=datetime(2026, 10, day, 11), case=case, description="concern")
    AccidentEntry.create(
        at=datetime(2026, 10, 3, 11),
        recorded_at=datetime(2026, 10, 3, 12),
        recorded_by_name=VOLUNTEERS[0],
        description="a child tripped in the Blue Room",
    )


def _staff() -> None:
    first, second = (
        Volunteer.create(name=name, created_at=datetime(2020, 1, 1), dbs_issued_on=issued)
        for name, issued in zip(VOLUNTEERS, (date(2023, 10, 15), date(2025, 1, 1)), strict=True)
    )
    boss = Volunteer.create(
        name="Alex Morgan", role=StaffRole.COORDINATOR.value, created_at=datetime(2020, 1, 1)
    )
    acts = [
        # 09:00 in, 11:00 in again after the idle lock, 13:30 off duty: 4.5 hours.
        (first, "sign_in", datetime(2026, 10, 3, 9)),
        (first, "sign_in", datetime(2026, 10, 3, 11)),
        (first, "off_duty", datetime(2026, 10, 3, 13, 30)),
        # Never off duty: the last act on the log that day ends it, 2.5 hours.
        (first, "sign_in", datetime(2026, 10, 10, 9, 30)),
        (first, "alert_acknowledged", datetime(2026, 10, 10, 12)),
        # Two stints, 2 hours and 1 hour.
        (second, "sign_in", datetime(2026, 10, 17, 10)),
        (second, "off_duty", datetime(2026, 10, 17, 12)),
        (second, "sign_in", datetime(2026, 10, 17, 14)),
        (second, "off_duty", datetime(2026, 10, 17, 15)),
        # The co-ordinator's office hours are not door duty.
        (boss, "sign_in", datetime(2026, 10, 3, 8)),
        (boss, "view_case", datetime(2026, 10, 3, 16)),
    ]
    for who, action, at in acts:
        AuditEntry.create(at=at, actor=who, action=action, target=f"volunteer:{who.id}")


def small_centre() -> dict[str, Case]:
    """Build the centre on the open database; returns its cases by letter."""
    cases = {letter: _family(letter) for letter in ADULTS}
    _sessions(cases)
    _logs(cases)
    _staff()
    return cases
