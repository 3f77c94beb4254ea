"""Hostile input at the scan path: nothing crashes, nothing changes, nothing is markup.

Inputs, counted (each test asserts its own share):
- clean_scan property: 2,500 generated inputs;
- checkin.scan property on a real database: 2,500 generated inputs, plus 500
  of a revoked card's code with noise pushed into it;
- a deterministic generated corpus through checkin.scan: 6,000 inputs;
- the real KioskApp (run_test), as keys and as pastes: 240 inputs.
11,740 in all. fuzz/scan_fuzz.py runs the same for as long as asked.
"""

from __future__ import annotations

import random
import unicodedata
from datetime import datetime

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from textual import events

from kiosk.app import KioskApp
from kiosk.clock import FixedClock
from kiosk.services.attendance import checkin
from kiosk.services.cards import tokens as cards
from kiosk.services.scan.own_view import MAX_SCAN_LENGTH, clean_scan
from kiosk.services.scan.rules import Outcome
from models import Alert, Card, DbConfig, Role
from screens.parent.idle import IdleScreen
from screens.parent.policy import PolicyOverlay
from screens.parent.staff_signin import StaffSignInScreen
from screens.widgets.scan_field import ScanField
from tests.support.builders import make_booking, make_case, person
from tests.support.fault_helpers import RECORD_TABLES
from tests.support.fault_helpers import digest as digest_all
from tests.support.hostile import CONTROLS, ESCAPES, corpus, hostile_text, interleave
from tests.support.pilots import burst, settle, widget_text

DAY = datetime(2026, 11, 21)
NOW = DAY.replace(hour=9, minute=55)
REFUSED = {Outcome.NOT_A_CARD, Outcome.SPEAK_TO_VOLUNTEER}
PARENT_HEADLINES = {
    "Please scan your card",
    "Sorry, that card could not be read",
    "Please speak to a volunteer",
}
SHARED = settings(
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    database=None,
)


@pytest.fixture
def revoked(db: DbConfig) -> str:
    """A family booked today whose resident parent's card was replaced: the old code."""
    case = make_case("HOST-1", DAY)
    make_booking(case, DAY.replace(hour=10))
    resident = person(case, Role.RESIDENT)
    old = cards.issue_card(resident.id, DAY.replace(hour=8))
    cards.issue_card(resident.id, DAY.replace(hour=9))
    assert Card.select().where(Card.revoked_at.is_null(False)).count() == 1
    return old


def digest() -> str:
    return digest_all(RECORD_TABLES)


def _refused_without_change(raw: str, clock: FixedClock) -> None:
    before = digest()
    outcome = checkin.scan(raw, clock)
    assert outcome.outcome in REFUSED, (raw[:80], outcome)
    assert digest() == before
    # The reason is in our words; the scan itself is never echoed.
    cleaned = clean_scan(raw)
    if len(cleaned) >= 4:
        assert cleaned not in outcome.console_reason


@settings(SHARED, max_examples=2500)
@given(raw=hostile_text())
def test_clean_scan_keeps_only_a_short_printable_code(raw: str) -> None:
    code = clean_scan(raw)
    assert len(code) <= MAX_SCAN_LENGTH
    assert code == code.upper()
    assert all(unicodedata.category(ch)[0] not in ("C", "Z") for ch in code)
    assert "\x1b" not in code and "\x9b" not in code


@settings(SHARED, max_examples=2500)
@given(raw=hostile_text())
def test_hostile_scans_change_nothing(revoked: str, raw: str) -> None:
    _refused_without_change(raw, FixedClock(NOW))


@settings(SHARED, max_examples=500)
@given(
    noise=st.lists(st.sampled_from(CONTROLS + ESCAPES), max_size=6),
    seed=st.integers(0, 2**32),
    lower=st.booleans(),
)
def test_a_revoked_card_dressed_in_noise_is_still_refused(
    revoked: str, noise: list[str], seed: int, lower: bool
) -> None:
    code = revoked.lower() if lower else revoked
    raw = interleave(code, noise, random.Random(seed))
    before = digest()
    outcome = checkin.scan(raw, FixedClock(NOW))
    assert digest() == before
    # ESC sequences leave their printable tail in the code, which then is no card at all.
    assert outcome.outcome in REFUSED
    if clean_scan(raw) == revoked:
        assert outcome.console_reason.startswith("revoked card")


def test_generated_corpus_changes_nothing(revoked: str) -> None:
    inputs = corpus(6000, seed=8)
    assert len(inputs) == 6000
    assert sum(len(raw) >= 9000 for raw in inputs) >= 900
    clock = FixedClock(NOW)
    for raw in inputs:
        _refused_without_change(raw, clock)
    # A minute of garbage raises each kind of refusal alert once, not once a scan.
    assert Alert.select().count() <= 3


async def test_kiosk_takes_hostile_keys_and_pastes_and_stays_up(revoked: str) -> None:
    extra = [revoked + "\x1b[2J", "[@click=app.quit]" * 5, "[@click=app.quit]", "[bold]x[/]"]
    inputs = corpus(214, seed=88) + extra + ESCAPES * 2
    assert len(inputs) == 240
    app = KioskApp(clock=FixedClock(NOW))
    before = digest()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        for n, raw in enumerate(inputs):
            if n % 2 or len(raw) > 200:
                # A terminal delivers a long or pasted burst as one Paste event.
                app.post_message(events.Paste(raw))
                app.post_message(events.Key("enter", "\r"))
            else:
                burst(app, raw.replace("\n", "") + "\n")
            await settle(pilot)
            assert app.is_running
            if isinstance(app.screen, PolicyOverlay | StaffSignInScreen):
                # "?" opens the policy and ctrl+s the staff sign-in, as designed;
                # a parent closes either with Escape.
                app.post_message(events.Key("escape", None))
                await settle(pilot)
            assert isinstance(app.screen, IdleScreen), type(app.screen)
            screen = app.screen
            headline = str(screen.query_one("#headline").render())
            assert headline in PARENT_HEADLINES, headline
            assert screen.query_one(ScanField).value == ""
            shown = widget_text(app)
            assert "[@click" not in shown and "\x1b" not in shown
    assert digest() == before
