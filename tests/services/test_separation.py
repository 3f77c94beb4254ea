"""The separation rule, as properties over generated families (DESIGN.md section 1).

(a) Whatever the scan's outcome, the parent screen never shows another
    person's name, phone, e-mail, address or postcode (nor the scanner's own,
    beyond their first name).
(b) What a parent is told is identical whatever the other party is doing, also
    after a volunteer's side exit (no-show, cancellation, ended early), and a
    parent still in when the session was called off can always check out.
"""

from __future__ import annotations

import asyncio
import itertools
from dataclasses import dataclass
from datetime import datetime, timedelta

from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from kiosk.app import KioskApp
from kiosk.clock import FixedClock
from kiosk.services.attendance import checkin
from kiosk.services.cards import tokens as cards
from kiosk.services.scan.rules import Outcome
from kiosk.services.store import settings as kiosk_settings
from models import SIDE_EXITS, Booking, BookingState, Case, Child, DbConfig, Person, Role
from tests.support.screen_helpers import burst, parent_sees, settle

DAY = datetime(2026, 11, 21)
START = DAY.replace(hour=10)
_refs = itertools.count()

# Every word the kiosk itself may put on the parent screen: a generated name
# that happens to be one of these would be a false alarm, not a leak.
UI_WORDS = (
    "riverside child contact centre please scan your card hold in front of the scanner "
    "press to read our confidentiality policy welcome you are checked at go blue room "
    "early wait garden front lounge until goodbye thank for coming volunteer will see out "
    "still may leave from already sorry that could not be try again or speak door help "
    "if back here by a come"
)

names = st.from_regex(r"[A-Z][a-zà-ÿ]{5,10}", fullmatch=True).filter(
    lambda n: n.casefold() not in UI_WORDS
)


@dataclass(frozen=True)
class Someone:
    first: str
    last: str
    phone: str
    email: str
    address: str
    postcode: str

    def identifying(self) -> list[str]:
        return [self.first, self.last, self.phone, self.email, self.address, self.postcode]


@st.composite
def someone(draw: st.DrawFn) -> Someone:
    first, last = draw(names), draw(names)
    return Someone(
        first=first,
        last=last,
        phone=draw(st.from_regex(r"07[0-9]{3} [0-9]{6}", fullmatch=True)),
        email=f"{first}.{last}@{draw(names)}.example".lower(),
        address=f"{draw(st.integers(1, 300))} {draw(names)} Road",
        postcode=draw(st.from_regex(r"[A-Z]{2}[0-9]{1,2} [0-9][A-Z]{2}", fullmatch=True)),
    )


@dataclass(frozen=True)
class Family:
    resident: Someone
    visiting: Someone
    adult: Someone
    children: tuple[str, ...]

    def everyone(self) -> dict[Role, Someone]:
        return {Role.RESIDENT: self.resident, Role.VISITING: self.visiting, Role.ADULT: self.adult}


@st.composite
def families(draw: st.DrawFn) -> Family:
    fam = Family(
        draw(someone()),
        draw(someone()),
        draw(someone()),
        tuple(draw(st.lists(names, min_size=1, max_size=3))),
    )
    words = [w for p in fam.everyone().values() for w in (p.first, p.last)] + list(fam.children)
    # Distinct, and none hiding inside another, so "not on screen" is meaningful:
    # a surname that is part of its owner's first name would be on screen anyway.
    assume(len({w.casefold() for w in words}) == len(words))
    assume(not any(a != b and a.casefold() in b.casefold() for a in words for b in words))
    return fam


def build_case(
    fam: Family,
    *,
    first_party: str = Role.VISITING.value,
    gap: int = 15,
    hold: int = 15,
    booked: bool = True,
) -> tuple[Case, dict[Role, str]]:
    case = Case.create(
        ref=f"H-{next(_refs)}",
        created_at=DAY,
        last_used_at=DAY,
        first_party=first_party,
        arrival_gap_min=gap,
        departure_hold_min=hold,
    )
    codes: dict[Role, str] = {}
    for role, who in fam.everyone().items():
        row = Person.create(
            case=case,
            role=role.value,
            first_name=who.first,
            last_name=who.last,
            phone=who.phone,
            email=who.email,
            address=who.address,
            postcode=who.postcode,
            created_at=DAY,
            last_used_at=DAY,
        )
        codes[role] = cards.issue_card(row.id, DAY)
    for child in fam.children:
        Child.create(case=case, first_name=child)
    if booked:
        Booking.create(
            case=case,
            room="Blue Room",
            starts_at=START,
            ends_at=START + timedelta(hours=2),
            service="supported",
            created_at=DAY,
        )
    return case, codes


# (a) ------------------------------------------------------------------------

R, V, A = Role.RESIDENT, Role.VISITING, Role.ADULT
# Each recipe: scans as (time, role), the last one's outcome is the one checked.
# Other parties scan in between, so their live status is all around.
RECIPES: list[tuple[str, list[tuple[str, Role]], Outcome]] = [
    ("checked in", [("09:30", R), ("09:45", V)], Outcome.CHECKED_IN),
    ("early", [("09:40", V), ("09:41", A), ("09:50", R)], Outcome.EARLY),
    ("duplicate", [("09:45", V), ("09:45:20", R), ("09:45:40", V)], Outcome.DUPLICATE),
    ("hold", [("09:45", V), ("10:00", R), ("12:00", R), ("12:05", V)], Outcome.HOLD),
    ("out", [("09:45", V), ("10:00", R), ("12:00", R)], Outcome.CHECKED_OUT),
    (
        "out, kept apart",
        [("09:45", V), ("10:00", R), ("12:14", R), ("12:16", V)],
        Outcome.CHECKED_OUT,
    ),
    (
        "back after the end",
        [("10:00", R), ("09:45", V), ("12:00", R), ("12:30", R)],
        Outcome.SPEAK_TO_VOLUNTEER,
    ),
    ("adult", [("09:45", V), ("09:50", A)], Outcome.CHECKED_IN),
]


def at(hms: str) -> datetime:
    parts = [int(p) for p in hms.split(":")] + [0]
    return DAY.replace(hour=parts[0], minute=parts[1], second=parts[2])


def assert_nothing_leaks(text: str, fam: Family, scanner: Role | None) -> None:
    for role, who in fam.everyone().items():
        private = who.identifying()
        if role is scanner:
            private = private[1:]  # their own first name is the point of the screen
        for value in private:
            assert value not in text, f"{value!r} ({role.value}) on the parent screen"
    for child in fam.children:
        assert child not in text, f"child {child!r} on the parent screen"


async def run_recipes(fam: Family) -> None:
    clock = FixedClock(DAY.replace(hour=9))
    app = KioskApp(clock=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        for _, steps, expected in RECIPES:
            _, codes = build_case(fam)
            outcome = None
            for hms, role in steps:
                clock.set(at(hms))
                burst(app, codes[role] + "\n")
                await settle(pilot)
                text = parent_sees(app)
                assert_nothing_leaks(text, fam, role)
                outcome = role
            assert outcome is not None
            # The recipe really reached the outcome it is named for.
            last_role = steps[-1][1]
            assert _last_outcome_text(expected, fam.everyone()[last_role].first) in parent_sees(app)
        # The refusals, which show no name at all.
        case, codes = build_case(fam)
        old = codes[R]
        cards.issue_card(Person.get(Person.case == case, Person.role == R.value).id, DAY)
        _, unbooked = build_case(fam, booked=False)
        cancelled_case, cancelled = build_case(fam)
        Booking.update(state=BookingState.CANCELLED.value).where(
            Booking.case == cancelled_case
        ).execute()
        for code, expected_text in [
            (old, "Please speak to a volunteer"),
            (cards.new_token(), "Please speak to a volunteer"),
            (unbooked[V], "Please speak to a volunteer"),
            (cancelled[R], "Please speak to a volunteer"),
            ("not-a-card", "Sorry, that card could not be read"),
        ]:
            clock.set(at("10:00"))
            burst(app, code + "\n")
            await settle(pilot)
            text = parent_sees(app)
            assert expected_text in text
            assert_nothing_leaks(text, fam, None)


def _last_outcome_text(outcome: Outcome, first: str) -> str:
    return {
        Outcome.CHECKED_IN: f"Welcome, {first}",
        Outcome.EARLY: "You are early",
        Outcome.DUPLICATE: f"Thank you, {first}",
        Outcome.HOLD: f"Please wait, {first}",
        Outcome.CHECKED_OUT: f"Goodbye, {first}",
        Outcome.SPEAK_TO_VOLUNTEER: "Please speak to a volunteer",
    }[outcome]


@settings(
    max_examples=12,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(fam=families())
def test_parent_screen_never_shows_anyone_elses_details(db: DbConfig, fam: Family) -> None:
    kiosk_settings.put("centre_name", "Riverside Child Contact Centre")
    asyncio.run(run_recipes(fam))


# (b) ------------------------------------------------------------------------

# What the other party may be doing, as their own scans (minutes after 09:00).
OTHER_PARTY_STORIES: list[list[int]] = [
    [],
    [30],
    [50],
    [60],
    [45, 190],
    [60, 85, 170],
    [20, 185, 200],
    [60, 120, 150, 180, 195],
]
FORCED_STATES = [
    None,
    BookingState.BOTH_IN,
    BookingState.IN_CONTACT,
    BookingState.SECOND_OUT,
    BookingState.CLOSED,
]
# A volunteer's side exit at a minute after 09:00, whatever either party is doing then.
SIDE_EXIT_STATES = sorted(BookingState(s) for s in SIDE_EXITS)
side_exits = st.none() | st.tuples(st.integers(0, 240), st.sampled_from(SIDE_EXIT_STATES))


# Outcomes after which the scanner is inside, and those that leave them where they were.
IN_OUTCOMES = (Outcome.CHECKED_IN, Outcome.EARLY)
STAYS = (Outcome.DUPLICATE, Outcome.HOLD)


def state_at(
    minute: int, forced: BookingState | None, side_exit: tuple[int, BookingState] | None
) -> BookingState | None:
    """The state the door's half has put the booking in by this minute, if the test sets one."""
    if side_exit is not None and minute >= side_exit[0]:
        return side_exit[1]
    return forced


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    scanner=st.sampled_from([Role.RESIDENT, Role.VISITING]),
    first_party=st.sampled_from([Role.RESIDENT.value, Role.VISITING.value]),
    gap=st.integers(0, 45),
    hold=st.integers(0, 45),
    own_scans=st.lists(st.integers(0, 240), min_size=1, max_size=5, unique=True).map(sorted),
    forced=st.sampled_from(FORCED_STATES),
    side_exit=side_exits,
    fam=families(),
)
def test_parent_message_is_the_same_whatever_the_other_party_does(
    db: DbConfig,
    scanner: Role,
    first_party: str,
    gap: int,
    hold: int,
    own_scans: list[int],
    forced: BookingState | None,
    side_exit: tuple[int, BookingState] | None,
    fam: Family,
) -> None:
    other = Role.VISITING if scanner is Role.RESIDENT else Role.RESIDENT
    seen: list[list[tuple[Outcome, str]]] = []
    for story in OTHER_PARTY_STORIES:
        case, codes = build_case(fam, first_party=first_party, gap=gap, hold=hold)
        timeline = sorted([(m, 1, scanner) for m in own_scans] + [(m, 0, other) for m in story])
        told: list[tuple[Outcome, str]] = []
        inside = False
        for minute, _, role in timeline:
            state = state_at(minute, forced, side_exit)
            if state is not None:
                # Whatever state the door's half has moved the booking to, or the
                # side exit a volunteer recorded (no-show, cancelled, ended early).
                Booking.update(state=state.value).where(Booking.case == case).execute()
            out = checkin.scan(
                codes[role], FixedClock(DAY.replace(hour=9) + timedelta(minutes=minute))
            )
            if role is scanner:
                told.append((out.outcome, out.message.text))
                if inside and state in SIDE_EXIT_STATES:
                    # Anyone still in when the session was called off can still leave.
                    assert out.outcome in (Outcome.CHECKED_OUT, Outcome.DUPLICATE), out
                inside = out.outcome in IN_OUTCOMES or (inside and out.outcome in STAYS)
        seen.append(told)
    assert all(told == seen[0] for told in seen), (
        "the other party's status changed a parent's message"
    )
