"""The week screen's keys and sizes: weeks back and forth, today, Enter opens a session."""

from __future__ import annotations

from kiosk.clock import FixedClock
from kiosk.services.staff.auth import StaffMember
from screens.coordinator.session import SessionScreen
from screens.coordinator.week import WeekScreen
from tests.screens.test_week_snapshots import busy_week
from tests.support.pilots import HostApp, click, screen_text, text_of


def _app(coordinator: StaffMember, clock: FixedClock) -> HostApp:
    return HostApp(lambda: WeekScreen(coordinator, clock))


async def test_keys_go_from_week_to_week_and_open_a_session(
    coordinator: StaffMember, clock: FixedClock
) -> None:
    busy_week(clock.now())
    app = _app(coordinator, clock)
    async with app.run_test(size=(100, 30)) as pilot:
        assert "Mon 16 Nov to Sun 22 Nov 2026: 0 sessions" in text_of(app.screen, "#week-title")
        await pilot.press("right", "right")
        assert "Mon 30 Nov" in text_of(app.screen, "#week-title")
        assert "Mon 30 Nov 10:00-12:00 Blue Room: case RCC-A" in text_of(app.screen, "#status")
        await pilot.press("t")
        assert "No sessions this week." in text_of(app.screen, "#status")
        await pilot.press("right")
        assert "Mon 23 Nov to Sun 29 Nov 2026: 3 sessions" in text_of(app.screen, "#week-title")
        await pilot.press("down")
        assert "12:10-14:10 Green Room: case RCC-B" in text_of(app.screen, "#status")
        assert "meets RCC-A in the entrance" in text_of(app.screen, "#status")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, SessionScreen)
        app.screen.query_one("#start").value = "12:30"  # type: ignore[attr-defined]
        await click(pilot, "#move")
        await click(pilot, "#yes")
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, WeekScreen)
        # Moved clear of RCC-A's departure: no clash is left to describe.
        assert "12:30-14:30 Green Room" in text_of(app.screen, "#status")
        assert "meets" not in text_of(app.screen, "#status")


async def test_the_week_works_at_80_by_24_and_uses_a_wide_terminal(
    coordinator: StaffMember, clock: FixedClock
) -> None:
    busy_week(clock.now())
    clock.advance(days=6)  # Friday 27 November, the busy day
    async with _app(coordinator, clock).run_test(size=(80, 24)) as pilot:
        small = screen_text(pilot.app)
        assert "RCC-B" in small and "Entrance" in small
    async with _app(coordinator, clock).run_test(size=(200, 40)) as pilot:
        wide = screen_text(pilot.app)
        # Room enough to say what became of the cancelled session in full.
        assert "cancelled by resident, with notice" in wide


async def test_a_cancelled_session_is_marked_not_drawn_as_booked(
    coordinator: StaffMember, clock: FixedClock
) -> None:
    # Strike and grey are lost on many terminals: the cell itself says so.
    busy_week(clock.now())
    clock.advance(days=6)  # Friday 27 November: RCC-D's session there was cancelled
    async with _app(coordinator, clock).run_test(size=(80, 24)) as pilot:
        shown = screen_text(pilot.app)
        assert "✗RCC-D" in shown and "cancelled" in shown
        assert "✗RCC-C" not in shown and "RCC-C" in shown
