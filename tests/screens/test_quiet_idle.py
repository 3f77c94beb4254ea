"""An idle kiosk writes nothing to its terminal: the clock is drawn when its minute changes."""

from __future__ import annotations

from textual.widgets import Digits

from kiosk.clock import FixedClock
from models import DbConfig
from screens.parent.idle import IdleScreen
from tests.support.pilots import parent_screen, settle
from tests.support.terminal_updates import CountingKiosk


async def test_the_clock_is_drawn_only_when_its_minute_changes(
    db: DbConfig, clock: FixedClock
) -> None:
    app = CountingKiosk(clock)
    async with parent_screen(app) as pilot:
        screen = app.screen
        assert isinstance(screen, IdleScreen)
        before = app.updates
        for _ in range(5):
            clock.advance(seconds=5)  # 09:00:05 ... 09:00:25: still 09:00
            screen._tick()
            await settle(pilot)
        assert app.updates == before
        clock.advance(minutes=1)
        screen._tick()
        await settle(pilot)
        assert app.updates > before
        assert screen.query_one("#clock", Digits).value == "09:01"
