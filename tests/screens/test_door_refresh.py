"""The door console reads the database again only when something was written, or the clock
changes what the board says: idle, its timers ask SQLite one question from memory."""

from __future__ import annotations

from datetime import datetime, timedelta

from kiosk.clock import FixedClock
from kiosk.door_app import DoorApp
from kiosk.services.staff.auth import StaffMember
from models import Alert, Booking, BookingState, DbConfig
from screens.door.console import DoorConsole
from tests.support.builders import make_booking, make_case
from tests.support.fault_helpers import other_connection
from tests.support.pilots import settle, signed_in, table_text
from tests.support.query_plans import statements
from tests.support.terminal_updates import CountingDoor

TEN = datetime(2026, 11, 21, 10, 0)


def _console(app: DoorApp) -> DoorConsole:
    assert isinstance(app.screen, DoorConsole)
    return app.screen


async def test_an_idle_console_reads_nothing_until_another_program_writes(
    db: DbConfig, volunteer: StaffMember, clock: FixedClock
) -> None:
    make_case("CASE-A", clock.now(), resident="Rosa", visiting="Victor")
    make_booking(make_case("CASE-B", clock.now(), resident="Bea"), TEN)
    app = DoorApp(clock)
    async with signed_in(app, volunteer) as pilot:
        console = _console(app)
        with statements() as seen:
            for _ in range(5):
                console.tick()
                console.refresh_board()
        # Only SQLite's "has anyone committed?", answered from memory: no table is read.
        assert seen and all(s.strip().upper() == "PRAGMA DATA_VERSION" for s in seen)
        # The entrance kiosk (another connection to the file) renames Bea.
        other = other_connection(db)
        try:
            other.execute("UPDATE person SET first_name = 'Beatrix' WHERE first_name = 'Bea'")
        finally:
            other.close()
        with statements() as seen:
            console.refresh_board()
        await pilot.pause()
        assert any("FROM" in s.upper() for s in seen)
        assert "Beatrix" in table_text(pilot)


async def test_the_clock_alone_moves_a_countdown_at_the_minute(
    volunteer: StaffMember, clock: FixedClock
) -> None:
    make_booking(make_case("CASE-B", clock.now(), resident="Bea", visiting="Vic"), TEN)
    clock.set(TEN - timedelta(minutes=3, seconds=30))
    app = DoorApp(clock)
    async with signed_in(app, volunteer) as pilot:
        console = _console(app)
        assert "due in 3m" in table_text(pilot)
        clock.advance(seconds=20)  # 09:56:50: the same minute, the same text
        with statements() as seen:
            console.refresh_board()
        assert not any("FROM" in s.upper() for s in seen)
        clock.advance(seconds=20)  # 09:57:10
        console.refresh_board()
        await pilot.pause()
        assert "due in 2m" in table_text(pilot) and "due in 3m" not in table_text(pilot)


async def test_the_no_show_tick_runs_once_a_minute_and_alerts_once(
    volunteer: StaffMember, clock: FixedClock
) -> None:
    for n in range(3):
        make_booking(make_case(f"CASE-{n}", clock.now()), TEN + timedelta(minutes=n))
    clock.set(TEN + timedelta(minutes=40))
    app = DoorApp(clock)
    async with signed_in(app, volunteer) as pilot:
        console = _console(app)
        # Each of the three sessions' two parents is alerted once, by the first tick.
        assert Alert.select().count() == 6
        with statements() as seen:
            console.tick()
        # Nothing written since, the same minute: no write lock taken, nothing read.
        assert not any(s.upper().startswith("BEGIN") for s in seen)
        clock.advance(minutes=1)
        with statements() as seen:
            console.tick()
        await pilot.pause()
        assert any(s.upper().startswith("BEGIN") for s in seen)
        assert Alert.select().count() == 6
        assert "Open alerts: 6" in str(console.query_one("#alerts-title").render())


async def test_an_idle_console_sends_nothing_to_its_terminal(
    volunteer: StaffMember, clock: FixedClock
) -> None:
    # More sessions than the table shows: its scroll bars are redrawn with any layout.
    for n in range(20):
        make_booking(make_case(f"CASE-{n}", clock.now()), TEN + timedelta(minutes=n))
    app = CountingDoor(clock)
    async with signed_in(app, volunteer) as pilot:
        console = _console(app)
        await settle(pilot)
        before = app.updates
        for _ in range(5):
            clock.advance(seconds=5)
            console.tick()
            console.refresh_board()
            await settle(pilot)
        # Not even the (empty) fault line is drawn again: each redraw lays out the screen.
        assert app.updates == before


async def test_a_board_that_reads_the_same_at_a_new_minute_is_quiet_until_the_next(
    db: DbConfig, volunteer: StaffMember, clock: FixedClock
) -> None:
    # After the day's last session (nothing counts down), the minute's read finds the same
    # board: the console must then wait for the next minute, not read it again every second.
    done = make_booking(make_case("CASE-A", clock.now(), resident="Rosa", visiting="Victor"), TEN)
    Booking.update(state=BookingState.CLOSED.value).where(Booking.id == done.id).execute()
    clock.set(clock.now().replace(hour=20, minute=0, second=5))
    app = DoorApp(clock)
    async with signed_in(app, volunteer) as pilot:
        console = _console(app)
        await settle(pilot)
        clock.advance(minutes=2)
        console.refresh_board()
        with statements() as seen:
            for _ in range(10):
                clock.advance(seconds=1)
                console.refresh_board()
        assert seen and all(s.strip().upper() == "PRAGMA DATA_VERSION" for s in seen)
