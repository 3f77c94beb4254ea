"""The parent screen tidies itself: stray keys, an open policy, a forgotten staff sign-in."""

from __future__ import annotations

from datetime import datetime

import pytest

import screens.parent.policy
import screens.parent.staff_signin
import screens.widgets.scan_field
from kiosk.app import KioskApp
from kiosk.clock import FixedClock
from kiosk.services.cards import tokens as cards
from kiosk.services.store import settings
from models import Attendance, DbConfig, Role
from screens.parent.idle import IdleScreen
from screens.parent.policy import PolicyOverlay
from screens.parent.staff_signin import StaffSignInScreen
from screens.widgets.scan_field import ScanField
from tests.support.factories import make_booking, make_case, person
from tests.support.screen_helpers import burst, parent_sees, settle, widget_text

DAY = datetime(2026, 11, 21)
SIZE = (80, 24)
# Short delays stand in for the real ones (seconds to a minute), so the tests stay quick.
QUICK = 1.0


@pytest.fixture
def code(db: DbConfig) -> str:
    settings.put("centre_name", "Riverside Child Contact Centre")
    case = make_case("CASE-1", DAY, resident="Rosa", visiting="Victor")
    make_booking(case, DAY.replace(hour=10), room="Blue Room")
    return cards.issue_card(person(case, Role.VISITING).id, DAY)


def app_at(hour: int, minute: int = 0) -> KioskApp:
    return KioskApp(clock=FixedClock(DAY.replace(hour=hour, minute=minute)))


async def test_stray_characters_clear_themselves_and_do_not_spoil_the_next_scan(
    code: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(screens.widgets.scan_field, "CLEAR_AFTER_SECONDS", QUICK)
    app = app_at(9, 45)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        burst(app, "CCKABC")
        await settle(pilot)
        field = app.screen.query_one(ScanField)
        assert field.value == "CCKABC"
        await pilot.pause(QUICK * 3)
        assert field.value == ""
        burst(app, code + "\n")
        await settle(pilot)
        assert "Welcome, Victor" in widget_text(app)
        assert Attendance.select().count() == 1


async def test_a_scan_in_progress_is_not_cleared(
    code: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(screens.widgets.scan_field, "CLEAR_AFTER_SECONDS", 1.0)
    app = app_at(9, 45)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        # Keys keep coming, each well inside the delay: the field keeps them.
        for ch in code[:6]:
            burst(app, ch)
            await pilot.pause(0.2)
        assert app.screen.query_one(ScanField).value == code[:6]


async def test_policy_closes_by_itself_when_nobody_reads(
    code: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(screens.parent.policy, "AUTO_CLOSE_SECONDS", QUICK)
    app = app_at(9, 45)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("question_mark")
        await settle(pilot)
        assert isinstance(app.screen, PolicyOverlay)
        await pilot.pause(QUICK * 3)
        assert isinstance(app.screen, IdleScreen)
        assert isinstance(app.focused, ScanField)


def test_policy_closes_after_a_minute_without_input() -> None:
    assert screens.parent.policy.AUTO_CLOSE_SECONDS == 60


@pytest.mark.parametrize("caps_lock", [False, True])
async def test_a_scan_while_the_policy_is_open_is_not_lost(code: str, caps_lock: bool) -> None:
    app = app_at(9, 45)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("question_mark")
        await settle(pilot)
        assert isinstance(app.screen, PolicyOverlay)
        # Lower case (CapsLock) puts a "q" in most codes: it must not close the policy early.
        burst(app, (code.lower() if caps_lock else code) + "\n")
        await settle(pilot)
        assert isinstance(app.screen, IdleScreen)
        assert "Welcome, Victor" in parent_sees(app)
        assert Attendance.select().count() == 1
        assert app.screen.query_one(ScanField).value == ""


async def test_q_still_closes_the_policy(code: str) -> None:
    app = app_at(9, 45)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("question_mark")
        await settle(pilot)
        await pilot.press("q")
        await settle(pilot)
        assert isinstance(app.screen, IdleScreen)
        assert Attendance.select().count() == 0


async def test_staff_sign_in_cancels_itself_when_left_open(
    code: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(screens.parent.staff_signin, "CANCEL_AFTER_SECONDS", QUICK)
    app = app_at(9, 45)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, StaffSignInScreen)
        await pilot.pause(QUICK * 3)
        assert isinstance(app.screen, IdleScreen)
        assert isinstance(app.focused, ScanField)
        burst(app, code + "\n")
        await settle(pilot)
        assert "Welcome, Victor" in widget_text(app)


async def test_staff_sign_in_waits_while_someone_types(
    code: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(screens.parent.staff_signin, "CANCEL_AFTER_SECONDS", 1.5)
    app = app_at(9, 45)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+s")
        await settle(pilot)
        for ch in "Alice":
            await pilot.press(ch)
            await pilot.pause(0.25)
        assert isinstance(app.screen, StaffSignInScreen)
        assert app.screen.query_one("#name").value == "Alice"  # type: ignore[attr-defined]


def test_staff_sign_in_cancels_after_a_minute() -> None:
    assert screens.parent.staff_signin.CANCEL_AFTER_SECONDS == 60


async def test_a_card_scanned_into_the_staff_name_field_is_not_shown(code: str) -> None:
    app = app_at(9, 45)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+s")
        await settle(pilot)
        burst(app, code + "\n")
        await settle(pilot)
        assert isinstance(app.screen, StaffSignInScreen)
        seen = parent_sees(app)
        assert code[:8] not in seen and code[8:] not in seen
        assert app.screen.query_one("#name").value == ""  # type: ignore[attr-defined]
        assert "That was a card" in seen
