"""Locking the door console is in the audit log, and a duty never closed by "off duty" ends there.

The figures for trustees count volunteers' hours from a sign-in to "off duty",
or else to the volunteer's last entry that day (kiosk/services/stats/records.py):
without the lock on the log, a volunteer who signed in and locked the console
later had done no duty at all.
"""

from __future__ import annotations

from datetime import timedelta

from kiosk.clock import FixedClock
from kiosk.door_app import DoorApp
from kiosk.services.staff.auth import StaffMember
from kiosk.services.stats import period, report
from models import AuditEntry, DbConfig
from screens.door.console import DoorConsole
from screens.door.lock import DoorLockScreen
from tests.support.builders import door_day
from tests.support.fault_helpers import read_only_file
from tests.support.pilots import DOOR_SIZE, idles_out, sign_in


def _locks() -> list[AuditEntry]:
    return list(AuditEntry.select().where(AuditEntry.action == "lock").order_by(AuditEntry.id))


def _duty_hours(clock: FixedClock) -> float | None:
    month = period.calendar(period.MONTH, clock.now().date())
    return report.build(month, clock.now()).line("duty_hours").now.value


async def test_locking_the_console_is_audited_and_ends_the_duty(
    volunteer: StaffMember, clock: FixedClock
) -> None:
    door_day(clock.now())
    app = DoorApp(clock)
    async with app.run_test(size=DOOR_SIZE) as pilot:
        await sign_in(pilot, volunteer)
        assert isinstance(app.screen, DoorConsole)
        clock.advance(minutes=40)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, DoorLockScreen)
    [lock] = _locks()
    assert lock.actor_id == volunteer.id and lock.at == clock.now()  # type: ignore[attr-defined]
    assert lock.target == f"volunteer:{volunteer.id}" and lock.detail == "locked by hand"
    # From the sign-in to the lock: 40 minutes, not nothing.
    assert _duty_hours(clock) == 40 / 60


async def test_the_idle_lock_is_audited_too(volunteer: StaffMember, clock: FixedClock) -> None:
    door_day(clock.now())
    app = DoorApp(clock)
    async with app.run_test(size=DOOR_SIZE) as pilot:
        await sign_in(pilot, volunteer)
        signed_in_at = clock.now()
        await idles_out(pilot, clock, DoorConsole, DoorLockScreen)
    [lock] = _locks()
    assert lock.detail == "locked when idle"
    assert lock.at - signed_in_at == timedelta(minutes=2)
    assert _duty_hours(clock) == 2 / 60


async def test_the_console_locks_when_the_database_refuses_the_entry(
    db: DbConfig, volunteer: StaffMember, clock: FixedClock
) -> None:
    door_day(clock.now())
    app = DoorApp(clock)
    async with app.run_test(size=DOOR_SIZE) as pilot:
        await sign_in(pilot, volunteer)
        with read_only_file(db):
            await pilot.press("escape")
            await pilot.pause()
            # Locked all the same, and one line says why the lock is not on the log.
            assert isinstance(app.screen, DoorLockScreen) and app.staff is None
            [line] = [n.message for n in app._notifications]
            assert line.startswith("The database cannot be written: its file is read-only.")
            assert line.endswith("The lock was not recorded.")
            assert volunteer.name not in line
        await sign_in(pilot, volunteer)
        assert isinstance(app.screen, DoorConsole)
    assert _locks() == []
