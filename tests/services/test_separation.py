"""The separation rule on the scan service, as a property over generated families.

What a parent is told is identical whatever the other party is doing
(DESIGN.md section 1). The rule's other half, on the parent screen, is in
tests/screens/test_separation_screen.py.
"""

from __future__ import annotations

from datetime import timedelta

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kiosk.clock import FixedClock
from kiosk.services.attendance import checkin
from kiosk.services.scan.rules import Outcome
from models import Booking, BookingState, DbConfig, Role
from tests.support.separation import DAY, Family, build_case, families

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
    fam: Family,
) -> None:
    other = Role.VISITING if scanner is Role.RESIDENT else Role.RESIDENT
    seen: list[list[tuple[Outcome, str]]] = []
    for story in OTHER_PARTY_STORIES:
        case, codes = build_case(fam, first_party=first_party, gap=gap, hold=hold)
        timeline = sorted([(m, 1, scanner) for m in own_scans] + [(m, 0, other) for m in story])
        told: list[tuple[Outcome, str]] = []
        for minute, _, role in timeline:
            if forced is not None:
                # Whatever state the door's half has moved the booking to.
                Booking.update(state=forced.value).where(Booking.case == case).execute()
            out = checkin.scan(
                codes[role], FixedClock(DAY.replace(hour=9) + timedelta(minutes=minute))
            )
            if role is scanner:
                told.append((out.outcome, out.message.text))
        seen.append(told)
    assert all(told == seen[0] for told in seen), (
        "the other party's status changed a parent's message"
    )
