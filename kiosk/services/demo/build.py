"""The demo database: a year of a small centre's life, all of it fictional."""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import datetime, time, timedelta
from pathlib import Path

from kiosk.services import store
from kiosk.services.cards import tokens as cards
from kiosk.services.centre import closures
from kiosk.services.demo import data, diary
from kiosk.services.demo.data import CHILD_NAMES, REFERRERS, ROOMS
from kiosk.services.release import policy
from kiosk.services.retention import backup
from kiosk.services.staff import auth
from kiosk.services.store import settings
from kiosk.services.store.errors import KioskError
from models import (
    AccidentEntry,
    Attendance,
    Booking,
    BookingState,
    Case,
    Child,
    DbConfig,
    DbsLevel,
    Person,
    Referral,
    Role,
    Service,
    StaffRole,
    database,
)
from models.db import WrongKey

DEMO_PASSPHRASE = "demo"
DEMO_PIN = "246810"
DEMO_COORDINATOR = "Alex Morgan"
DEMO_COORDINATOR_PASSWORD = "coordinator-demo"
DEMO_VOLUNTEER = "Priya Shah"
CASE_COUNT = 14
# The past year's sessions start at the centre's usual times.
PAST_STARTS = [time(9, 30), time(10, 0), time(11, 0), time(12, 30), time(14, 0), time(15, 30)]
# Today's sessions, in minutes from the demo's start: one began an hour ago, one
# is under way, one starts in ten minutes, the rest later. Staggered so that no
# arrival window (15 min before a start) meets another family's arrival or
# departure window (15 min after an end) in the entrance; 2-hour sessions.
TODAY_OFFSETS = [-60, -25, 10, 45, 90, 160]
TODAY_SESSION = timedelta(hours=2)
# Keep the day's sessions on today's date, even for a demo started near midnight.
EARLIEST_ANCHOR = time(1, 0)
LATEST_ANCHOR = time(19, 0)


@dataclass(frozen=True)
class DemoCard:
    case_ref: str
    role: str
    first_name: str
    code: str


class DemoRefused(KioskError):
    pass


def _remove_old_demo(path: Path, kdf_iter: int | None) -> None:
    """Only ever delete a file that is itself a demo database."""
    if not path.exists():
        return
    # Before this process opens the file (see backup.in_use).
    if backup.in_use(path):
        raise DemoRefused(f"{path} is in use (is the kiosk running?): stop it before re-creating")
    try:
        store.open_store(DbConfig(path, DEMO_PASSPHRASE, kdf_iter))
        is_demo = settings.get("demo") == "1"
    except WrongKey:
        # Only a key that does not fit makes it no demo; a lock or a full disk says so itself.
        is_demo = False
    finally:
        store.close()
    if not is_demo:
        raise DemoRefused(f"{path} exists and is not a demo database; choose another --db")
    try:
        store.remove_files(path)
    except OSError as exc:
        raise DemoRefused(f"cannot replace the old demo at {path}: {exc.strerror}") from exc


def build(
    path: Path, now: datetime, *, seed: int = 7, kdf_iter: int | None = None
) -> list[DemoCard]:
    """(Re)create the demo database at path; returns the cards of today's adults."""
    _remove_old_demo(path, kdf_iter)
    rng = random.Random(seed)
    # All or nothing: on a full disk no half-built demo is left behind.
    with store.creating(DbConfig(path, DEMO_PASSPHRASE, kdf_iter)), database.atomic():
        settings.put("demo", "1")
        settings.put("centre_name", "Riverside Child Contact Centre")
        _staff(now)
        diary.rooms(now)
        cases = [_case(i, rng, now) for i in range(CASE_COUNT)]
        for case in cases:
            _past_year(case, rng, now)
        todays = _today(cases, now)
        diary.ahead(cases[len(todays) :], now, PAST_STARTS[1:], TODAY_SESSION)
        _accidents(now)
        policy.set_policy(
            policy.default_text(), DEMO_COORDINATOR, now.date() - timedelta(days=60), now
        )
        return [_card(p, now) for case in todays for p in _adults(case)]


def _staff(now: datetime) -> None:
    today = now.date()
    # The co-ordinator runs the door console too, so their DBS check is on file like anyone's.
    auth.create_staff(
        DEMO_COORDINATOR,
        StaffRole.COORDINATOR,
        DEMO_COORDINATOR_PASSWORD,
        now,
        dbs_number="107766554433",
        dbs_issued_on=today - timedelta(days=600),
        dbs_level=DbsLevel.ENHANCED_BARRED,
        dbs_update_service=True,
    )
    volunteers = [
        (DEMO_VOLUNTEER, "101234567890", today - timedelta(days=400)),
        ("Tom Hughes", "109876543210", today - timedelta(days=200)),
        # Over three years old: signs in, but the co-ordinator is warned.
        ("Jo Fletcher", "104455667788", today - timedelta(days=4 * 365)),
    ]
    for name, number, issued in volunteers:
        auth.create_staff(
            name,
            StaffRole.VOLUNTEER,
            DEMO_PIN,
            now,
            dbs_number=number,
            dbs_issued_on=issued,
            dbs_level=DbsLevel.ENHANCED_BARRED,
            dbs_update_service=True,
        )
    # No DBS record yet: cannot sign in to the door console.
    auth.create_staff("Chris Newman", StaffRole.VOLUNTEER, DEMO_PIN, now)


def _case(i: int, rng: random.Random, now: datetime) -> Case:
    case = Case.create(
        ref=f"RCC-{now.year - 1}-{i + 1:03d}",
        created_at=now - timedelta(days=400),
        last_used_at=now,
        first_party=Role.RESIDENT.value if i % 5 == 4 else Role.VISITING.value,
    )
    data.person(case, Role.RESIDENT, rng, now)
    data.person(case, Role.VISITING, rng, now)
    for name in rng.sample(CHILD_NAMES, rng.choice([1, 1, 2, 3])):
        Child.create(case=case, first_name=name)
    org, contact, email, kind = rng.choice(REFERRERS)
    Referral.create(
        case=case,
        organisation=org,
        contact_name=contact,
        contact_email=email,
        court_order=rng.random() < 0.6,
        referred_on=now.date() - timedelta(days=420),
        kind=kind,
    )
    return case


def _adults(case: Case) -> list[Person]:
    return list(Person.select().where(Person.case == case).order_by(Person.role.desc()))


def _past_year(case: Case, rng: random.Random, now: datetime) -> None:
    day = now.date() - timedelta(days=364) + timedelta(days=case.id % 14)
    resident, visiting = _parents(case)
    while day < now.date():
        if closures.closed_on(day) is not None:  # the centre was shut: no session that fortnight
            day += timedelta(days=14)
            continue
        start = datetime.combine(day, rng.choice(PAST_STARTS))
        booking = Booking.create(
            case=case,
            room=rng.choice(ROOMS[:3]),
            starts_at=start,
            ends_at=start + timedelta(hours=2),
            service=Service.SUPPORTED.value,
            created_at=start - timedelta(days=14),
            state=BookingState.CLOSED.value,
        )
        roll = rng.random()
        if roll < 0.06:
            booking.state, booking.outcome_party = BookingState.NO_SHOW.value, Role.VISITING.value
        elif roll < 0.11:
            booking.state = BookingState.CANCELLED.value
            booking.outcome_party, booking.with_notice = rng.choice(list(Role)[:2]).value, "yes"
        else:
            _attended(booking, case, resident, visiting, rng)
        booking.save()
        day += timedelta(days=14)


def _parents(case: Case) -> tuple[Person, Person]:
    people = {p.role: p for p in Person.select().where(Person.case == case)}
    return people[Role.RESIDENT.value], people[Role.VISITING.value]


def _attended(
    booking: Booking, case: Case, resident: Person, visiting: Person, rng: random.Random
) -> None:
    first, second = (
        (visiting, resident) if case.first_party == Role.VISITING.value else (resident, visiting)
    )
    gap = timedelta(minutes=case.arrival_gap_min)
    hold = timedelta(minutes=case.departure_hold_min)
    jitter = timedelta(minutes=rng.randrange(0, 6))
    events = [
        (first, "in", booking.starts_at - gap - jitter),
        (second, "in", booking.starts_at + jitter),
        (second, "out", booking.ends_at + jitter),
        (first, "out", booking.ends_at + hold + jitter),
    ]
    for person, kind, at in events:
        Attendance.create(booking=booking, person=person, kind=kind, at=at, method="scan")


def today_starts(now: datetime) -> list[datetime]:
    """When today's demo sessions start: around now, on five-minute marks."""
    anchor = now.replace(minute=now.minute - now.minute % 5, second=0, microsecond=0)
    day = now.date()
    anchor = max(anchor, datetime.combine(day, EARLIEST_ANCHOR))
    anchor = min(anchor, datetime.combine(day, LATEST_ANCHOR))
    return [anchor + timedelta(minutes=m) for m in TODAY_OFFSETS]


def _today(cases: list[Case], now: datetime) -> list[Case]:
    starts = today_starts(now)
    todays = cases[: len(starts)]
    for i, (case, at) in enumerate(zip(todays, starts, strict=True)):
        Booking.create(
            case=case,
            # Up to four sessions overlap: one room each.
            room=ROOMS[i % len(ROOMS)],
            starts_at=at,
            ends_at=at + TODAY_SESSION,
            service=Service.SUPERVISED.value if case.id % 2 else Service.SUPPORTED.value,
            created_at=now - timedelta(days=7),
        )
    return todays


def _accidents(now: datetime) -> None:
    # (when, person hurt, where, what happened, injury, first aid)
    entries = [
        (5 * 365, "Ella", "garden step", "Tripped on the step", "graze to the knee", "plaster"),
        (
            4 * 365,
            "Sam (volunteer)",
            "store room",
            "Opening a box of toys",
            "cut finger",
            "plaster",
        ),
        (30, "Noah", "playroom", "Bumped head on the table corner", "bump", "cold compress"),
    ]
    rows = [
        AccidentEntry.create(
            at=now - timedelta(days=days),
            recorded_at=now - timedelta(days=days),
            recorded_by_name="Alex Morgan",
            person_hurt=who,
            place=where,
            description=what,
            injury=injury,
            action_taken=f"{aid}; parent informed",
        )
        for days, who, where, what, injury, aid in entries
    ]
    # A correction, as the book takes one: a new entry naming the one it corrects.
    AccidentEntry.create(
        at=rows[-1].at,
        recorded_at=now - timedelta(days=29),
        recorded_by_name="Alex Morgan",
        person_hurt="Noah",
        place="Garden Room",
        description="Bumped head on the table corner (it was the Garden Room)",
        injury="bump",
        action_taken="cold compress; parent informed; corner guard fitted",
        corrects=rows[-1].id,
    )


def _card(person: Person, now: datetime) -> DemoCard:
    code = cards.issue_card(person.id, now)
    return DemoCard(person.case.ref, person.role, person.first_name, code)


__all__ = ["DEMO_PASSPHRASE", "DemoCard", "DemoRefused", "build"]
