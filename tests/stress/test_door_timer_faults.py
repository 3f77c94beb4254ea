"""The door console's timers and staff sign-in under a lock held past the busy timeout.

The board re-reads and ticks (sessions start, no-shows alert) on timers; a sign-in
writes its audit entry. Another program holding the write lock must cost the
volunteer one line on screen, never the program, and the next try after the lock
clears must do what it would have done.
"""

from __future__ import annotations

from datetime import datetime

import pytest
from textual.widgets import Input

from kiosk.clock import FixedClock
from kiosk.door_app import DoorApp
from kiosk.services.door import board as door_board
from kiosk.services.staff.auth import StaffMember
from kiosk.services.store.faults import StoreFault
from models import Alert, AuditEntry, DbConfig
from screens.door import console
from screens.door.console import DoorConsole
from screens.parent.staff_signin import StaffSignInScreen
from tests.support import builders
from tests.support.builders import door_day
from tests.support.fault_helpers import lock_held, lock_held_for
from tests.support.pilots import DOOR_SIZE, screen_text, sign_in, text_of

# Half past ten: CASE-A's parents were due at 10:00 and nobody came, so the tick alerts.
LATE = datetime(2026, 11, 21, 10, 30)
BUSY = "The database is busy"


async def test_door_board_timers_survive_a_held_lock_and_catch_up(
    db: DbConfig, volunteer: StaffMember, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The ticks come every 10 s in production; a fifth of a second keeps the test short.
    monkeypatch.setattr(console, "TICK_SECONDS", 0.2)
    clock = FixedClock(LATE.replace(hour=9, minute=0))
    door_day(clock.now())
    app = DoorApp(clock)
    async with app.run_test(size=DOOR_SIZE) as pilot:
        await sign_in(pilot, volunteer)
        assert isinstance(app.screen, DoorConsole)
        with lock_held(db):
            clock.advance(minutes=90)
            app.last_activity = clock.now()  # the volunteer is at the console: no idle lock
            await pilot.pause(0.8)
            assert app.is_running, "the door console stopped on a locked database"
            assert isinstance(app.screen, DoorConsole)
            assert BUSY in screen_text(app)
            assert Alert.select().count() == 0
        await pilot.pause(0.8)
        assert app.is_running
        assert BUSY not in screen_text(app)
        # The no-shows the locked ticks could not record are recorded now, once each.
        assert Alert.select().where(Alert.kind == "no_show").count() == 2


def test_a_tick_under_a_lock_gives_way_at_once_instead_of_freezing_the_console(
    db: DbConfig,
) -> None:
    # The tick runs on the console's own thread: waiting the 5 s busy timeout every
    # 10 s would freeze the volunteer's keys for half of each minute. A tick is
    # caught up by the next, so it gives way at once and the board says why.
    clock = FixedClock(LATE)
    door_day(clock.now().replace(hour=9))
    with lock_held_for(db, seconds=3.0):
        with pytest.raises(StoreFault) as refused:
            door_board.tick(clock)
        assert BUSY in str(refused.value)
        assert Alert.select().count() == 0
    door_board.tick(clock)
    assert Alert.select().where(Alert.kind == "no_show").count() == 2


async def test_staff_sign_in_during_a_held_lock_says_so_and_then_signs_in(
    db: DbConfig, volunteer: StaffMember, clock: FixedClock
) -> None:
    app = DoorApp(clock)
    async with app.run_test(size=DOOR_SIZE) as pilot:
        audited = AuditEntry.select().count()
        with lock_held(db):
            await sign_in(pilot, volunteer)
            assert app.is_running, "the kiosk stopped on a sign-in during a lock"
            assert isinstance(app.screen, StaffSignInScreen)
            assert BUSY in text_of(app.screen, "#signin-message")
            # The PIN is not left in the field for the next person.
            assert app.screen.query_one("#secret", Input).value == ""
        assert AuditEntry.select().count() == audited
        app.screen.query_one("#secret", Input).value = builders.PIN
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, DoorConsole)
