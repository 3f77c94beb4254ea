"""Snapshots of everything a parent can see, at a fixed terminal size and a frozen clock.

The idle screen (at 100x30 and at the smallest supported 80x24), the answer
after a scan in each of its colours (green: done, yellow: wait, cyan: ask a
volunteer), the confidentiality policy the `?` key opens, and the staff
sign-in that ctrl+s opens over the parent screen. The family is
the builders' Rosa and Victor, booked at 10:00 in the Blue Room.

Update after a deliberate change with
`pytest tests/screens/test_parent_snapshots.py --snapshot-update` and look at
the SVGs under tests/screens/__snapshots__ before committing them.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

import pytest
from textual.color import Color
from textual.pilot import Pilot

from kiosk.services.scan.rules import Outcome
from models import Policy
from screens.parent.idle import COLOUR
from screens.parent.staff_signin import StaffSignInScreen
from tests.support.builders import DAY, TwoPartyCase
from tests.support.pilots import PARENT_SIZE, kiosk_at, scan, settle, text_of

SIZE = (100, 30)
# A code of the right shape that no card carries: the parent is sent to a volunteer.
UNKNOWN_CARD = "CCK" + "A" * 32
Compare = Callable[..., bool]


def _scanning(
    code: str, outcome: Outcome, headline: str
) -> Callable[[Pilot[Any]], Awaitable[None]]:
    async def run(pilot: Pilot[Any]) -> None:
        await settle(pilot)
        await scan(pilot, code)
        # The snapshot is of the answer it is named for, in that answer's colour.
        assert text_of(pilot.app.screen, "#headline") == headline
        for text in ("#headline", "#detail"):
            painted = pilot.app.screen.query_one(text).styles.background
            assert painted == Color.parse(COLOUR[outcome])

    return run


@pytest.mark.parametrize("size", [SIZE, PARENT_SIZE], ids=["100x30", "80x24"])
def test_idle_parent_screen(
    two_party_case: TwoPartyCase, snap_compare: Compare, size: tuple[int, int]
) -> None:
    assert snap_compare(kiosk_at(9, 41), terminal_size=size, run_before=settle)


@pytest.mark.parametrize(
    ("outcome", "hour", "minute", "code", "headline"),
    [
        # Green: checked in, go to the room.
        (Outcome.CHECKED_IN, 9, 45, "visiting", "Welcome, Victor"),
        # Yellow: early, wait in your own area.
        (Outcome.EARLY, 9, 20, "visiting", "Welcome, Victor"),
        # Cyan: a card the kiosk does not know, and something that is no card at all.
        (Outcome.SPEAK_TO_VOLUNTEER, 10, 0, UNKNOWN_CARD, "Please speak to a volunteer"),
        (Outcome.NOT_A_CARD, 10, 0, "hello", "Sorry, that card could not be read"),
    ],
    ids=["green-checked-in", "yellow-early", "cyan-speak-to-a-volunteer", "cyan-not-a-card"],
)
def test_answer_after_a_scan(
    two_party_case: TwoPartyCase,
    snap_compare: Compare,
    outcome: Outcome,
    hour: int,
    minute: int,
    code: str,
    headline: str,
) -> None:
    # Between them the cases show every colour an answer can have.
    assert len({COLOUR[o] for o in Outcome}) == 3
    scanned = two_party_case.visiting if code == "visiting" else code
    run_before = _scanning(scanned, outcome, headline)
    assert snap_compare(kiosk_at(hour, minute), terminal_size=SIZE, run_before=run_before)


def test_policy_overlay(two_party_case: TwoPartyCase, snap_compare: Compare) -> None:
    Policy.create(
        text=(
            "# How we keep your information\n\n"
            "We keep what we need to run safe contact sessions, and no more. "
            "We never tell one parent where the other lives.\n"
        ),
        reviewed_by="Helen Dickinson",
        reviewed_on=DAY.date(),
        set_at=DAY,
    )

    async def open_policy(pilot: Pilot[Any]) -> None:
        await settle(pilot)
        await pilot.press("question_mark")
        await settle(pilot)

    assert snap_compare(kiosk_at(9, 41), terminal_size=SIZE, run_before=open_policy)


def test_staff_sign_in_over_the_parent_screen(
    two_party_case: TwoPartyCase, snap_compare: Compare
) -> None:
    # ctrl+s on the kiosk: a parent standing there sees this, and nothing from the database.
    async def open_sign_in(pilot: Pilot[Any]) -> None:
        await settle(pilot)
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(pilot.app.screen, StaffSignInScreen)

    assert snap_compare(kiosk_at(9, 41), terminal_size=PARENT_SIZE, run_before=open_sign_in)
