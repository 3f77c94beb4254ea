"""The separation rule on the scan service, as a property over generated families.

What a parent is told is identical whatever the other party is doing
(DESIGN.md section 1), also after a volunteer's side exit (no-show,
cancellation, ended early), and a parent still in when the session was
called off can always check out. The rule's other half, on the parent screen, is in
tests/screens/test_separation_screen.py.
"""

from __future__ import annotations

from datetime import timedelta

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kiosk.clock import FixedClock
from kiosk.services.attendance import checkin
from kiosk.services.scan.rules import Outcome
from models import SIDE_EXITS, Booking, BookingState, DbConfig, Role
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
