"""The board's State column after an act: the new state shows whole at 80x24 at once,
not wrapped ("cancelle" / "d") until the cursor moves; the line under the board names
the session acted on."""

from __future__ import annotations

from datetime import timedelta

from textual.widgets import Button

from kiosk.clock import FixedClock
from kiosk.door_app import DoorApp
from kiosk.services.staff.auth import StaffMember
from tests.support.builders import door_day
from tests.support.pilots import console_key, screen_text, signed_in, until


async def test_a_cancelled_session_shows_cancelled_whole(
    volunteer: StaffMember, clock: FixedClock
) -> None:
    a, _ = door_day(clock.now())
    clock.set(a.starts_at - timedelta(minutes=30))
    app = DoorApp(clock)
    async with signed_in(app, volunteer, (80, 24)) as pilot:
        await pilot.pause()
        await console_key(pilot, "c")
        dialog = app.screen
        dialog.query_one("#ok", Button).press()
        await until(pilot, lambda: app.screen is not dialog)
        await pilot.pause()
        await pilot.pause()
        shown = screen_text(app)
        assert "cancelled" in shown, shown
