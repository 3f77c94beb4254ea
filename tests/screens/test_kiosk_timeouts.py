"""The parent screen tidies itself: stray keys, an open policy, a forgotten staff sign-in."""

from __future__ import annotations

from types import ModuleType
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.screen import Screen

import screens.parent.policy
import screens.parent.staff_signin
import screens.widgets.scan_field
from models import Attendance
from screens.parent.idle import IdleScreen
from screens.parent.policy import PolicyOverlay
from screens.parent.staff_signin import StaffSignInScreen
from screens.widgets.scan_field import ScanField
from tests.support.builders import TwoPartyCase
from tests.support.pilots import (
    burst,
    kiosk_at,
    parent_screen,
    parent_sees,
    scan,
    settle,
    widget_text,
)

# Short delays stand in for the real ones (seconds to a minute), so the tests stay quick.
QUICK = 1.0


async def test_stray_characters_clear_themselves_and_do_not_spoil_the_next_scan(
    two_party_case: TwoPartyCase, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(screens.widgets.scan_field, "CLEAR_AFTER_SECONDS", QUICK)
    app = kiosk_at(9, 45)
    async with parent_screen(app) as pilot:
        burst(app, "CCKABC")
        await settle(pilot)
        field = app.screen.query_one(ScanField)
        assert field.value == "CCKABC"
        await pilot.pause(QUICK * 3)
        assert field.value == ""
        await scan(pilot, two_party_case.visiting)
        assert "Welcome, Victor" in widget_text(app)
        assert Attendance.select().count() == 1


async def _one_by_one(pilot: Pilot[Any], text: str, gap: float) -> None:
    """Typed a key at a time, `gap` seconds apart, as a person (or a slow scanner) would."""
    for ch in text:
        burst(pilot.app, ch)
        await pilot.pause(gap)


async def test_a_scan_in_progress_is_not_cleared(
    two_party_case: TwoPartyCase, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(screens.widgets.scan_field, "CLEAR_AFTER_SECONDS", 1.0)
    app = kiosk_at(9, 45)
    async with parent_screen(app) as pilot:
        # Keys keep coming, each well inside the delay: the field keeps them.
        await _one_by_one(pilot, two_party_case.visiting[:6], 0.2)
        assert app.screen.query_one(ScanField).value == two_party_case.visiting[:6]


def test_policy_closes_after_a_minute_without_input() -> None:
    assert screens.parent.policy.AUTO_CLOSE_SECONDS == 60


@pytest.mark.parametrize("caps_lock", [False, True])
async def test_a_scan_while_the_policy_is_open_is_not_lost(
    two_party_case: TwoPartyCase, caps_lock: bool
) -> None:
    app = kiosk_at(9, 45)
    async with parent_screen(app) as pilot:
        await pilot.press("question_mark")
        await settle(pilot)
        assert isinstance(app.screen, PolicyOverlay)
        # Lower case (CapsLock) puts a "q" in most codes: it must not close the policy early.
        await scan(
            pilot, (two_party_case.visiting.lower() if caps_lock else two_party_case.visiting)
        )
        assert isinstance(app.screen, IdleScreen)
        assert "Welcome, Victor" in parent_sees(app)
        assert Attendance.select().count() == 1
        assert app.screen.query_one(ScanField).value == ""


async def test_q_still_closes_the_policy(two_party_case: TwoPartyCase) -> None:
    app = kiosk_at(9, 45)
    async with parent_screen(app) as pilot:
        await pilot.press("question_mark")
        await settle(pilot)
        await pilot.press("q")
        await settle(pilot)
        assert isinstance(app.screen, IdleScreen)
        assert Attendance.select().count() == 0


@pytest.mark.parametrize(
    ("module", "delay", "key", "overlay"),
    [
        (screens.parent.policy, "AUTO_CLOSE_SECONDS", "question_mark", PolicyOverlay),
        (screens.parent.staff_signin, "CANCEL_AFTER_SECONDS", "ctrl+s", StaffSignInScreen),
    ],
    ids=["policy closes by itself when nobody reads", "staff sign-in cancels itself"],
)
async def test_an_overlay_left_open_goes_back_to_the_scan(
    two_party_case: TwoPartyCase,
    monkeypatch: pytest.MonkeyPatch,
    module: ModuleType,
    delay: str,
    key: str,
    overlay: type[Screen[Any]],
) -> None:
    monkeypatch.setattr(module, delay, QUICK)
    app = kiosk_at(9, 45)
    async with parent_screen(app) as pilot:
        await pilot.press(key)
        await settle(pilot)
        assert isinstance(app.screen, overlay)
        await pilot.pause(QUICK * 3)
        assert isinstance(app.screen, IdleScreen)
        assert isinstance(app.focused, ScanField)
        await scan(pilot, two_party_case.visiting)
        assert "Welcome, Victor" in widget_text(app)


async def test_staff_sign_in_waits_while_someone_types(
    two_party_case: TwoPartyCase, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(screens.parent.staff_signin, "CANCEL_AFTER_SECONDS", 1.5)
    app = kiosk_at(9, 45)
    async with parent_screen(app) as pilot:
        await pilot.press("ctrl+s")
        await settle(pilot)
        await _one_by_one(pilot, "Alice", 0.25)
        assert isinstance(app.screen, StaffSignInScreen)
        assert app.screen.query_one("#name").value == "Alice"  # type: ignore[attr-defined]


def test_staff_sign_in_cancels_after_a_minute() -> None:
    assert screens.parent.staff_signin.CANCEL_AFTER_SECONDS == 60


async def test_a_card_scanned_into_the_staff_name_field_is_not_shown(
    two_party_case: TwoPartyCase,
) -> None:
    app = kiosk_at(9, 45)
    async with parent_screen(app) as pilot:
        await pilot.press("ctrl+s")
        await settle(pilot)
        await scan(pilot, two_party_case.visiting)
        assert isinstance(app.screen, StaffSignInScreen)
        seen = parent_sees(app)
        assert two_party_case.visiting[:8] not in seen and two_party_case.visiting[8:] not in seen
        assert app.screen.query_one("#name").value == ""  # type: ignore[attr-defined]
        assert "That was a card" in seen
