"""The separation rule on the parent screen, as a property over generated families.

Whatever the scan's outcome, the parent screen never shows another person's
name, phone, e-mail, address or postcode (nor the scanner's own, beyond their
first name). The rule's other half, on the scan service, is in
tests/services/test_separation.py.
"""

from __future__ import annotations

import asyncio
from datetime import datetime

from hypothesis import HealthCheck, given, settings

from kiosk.app import KioskApp
from kiosk.clock import FixedClock
from kiosk.services.cards import tokens as cards
from kiosk.services.scan.rules import Outcome
from kiosk.services.store import settings as kiosk_settings
from models import Booking, BookingState, DbConfig, Person, Role
from tests.support.pilots import burst, parent_sees, settle
from tests.support.separation import DAY, Family, build_case, families

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
