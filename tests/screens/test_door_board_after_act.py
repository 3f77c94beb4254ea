"""The board's State column after an act: the new state shows whole at 80x24 at once,
not wrapped ("cancelle" / "d") until the cursor moves; the line under the board names
the session acted on; the header spells co-ordinator as everywhere else."""

from __future__ import annotations

from datetime import timedelta

from textual.widgets import Button

from kiosk.clock import FixedClock
from kiosk.door_app import DoorApp
from kiosk.services.staff.auth import StaffMember
from tests.support.builders import door_day
from tests.support.pilots import choose, console_key, screen_text, signed_in, text_of, until


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
        said = " ".join(str(n.message) for n in app._notifications)
        # Named as the refusals name it: the volunteer sees which session was acted on.
        assert "with notice, for 10:00-12:00 Blue Room, CASE-A (Mia)." in said, said


async def test_the_header_says_co_ordinator(coordinator: StaffMember, clock: FixedClock) -> None:
    door_day(clock.now())
    app = DoorApp(clock)
    async with signed_in(app, coordinator, (80, 24)) as pilot:
        await choose(pilot, "door-console")
        header = text_of(app.screen, "#door-header")
        assert "(co-ordinator)" in header, header
