"""Faults under the kiosk: a read-only file, a full disk, a lock held past the busy timeout.

For each: the parent is asked to speak to a volunteer, the reason is shown for
staff, nothing is half-written, the kiosk keeps running, and the next scan
after the fault clears is recorded.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager
from datetime import datetime

import pytest

from kiosk.app import KioskApp
from kiosk.clock import FixedClock
from kiosk.services.attendance import checkin
from kiosk.services.scan.rules import Outcome
from models import Attendance, DbConfig, Role
from screens.parent.idle import IdleScreen
from tests.support.builders import DAY, TwoPartyCase, make_booking, make_case, person
from tests.support.fault_helpers import digest, full_disk, lock_held, read_only_file
from tests.support.pilots import parent_screen, parent_sees, scan

NOW = DAY.replace(hour=9, minute=50)

Fault = Callable[[], AbstractContextManager[None]]


@pytest.fixture
def filler(db: DbConfig) -> Iterator[Callable[[], AbstractContextManager[None]]]:
    old = make_case("OLD-1", datetime(2024, 1, 6), resident="Olive", visiting="Oscar")
    booking = make_booking(old, datetime(2024, 1, 6, 10))
    yield lambda: full_disk(booking, person(old, Role.RESIDENT), datetime(2024, 1, 6, 10))


def faults(kind: str, cfg: DbConfig, filler: Fault) -> AbstractContextManager[None]:
    if kind == "read-only":
        return read_only_file(cfg)
    if kind == "full":
        return filler()
    return lock_held(cfg)


REASON = {"read-only": "read-only", "full": "disk is full", "locked": "locked"}


def checkins(role_id: int | None = None) -> int:
    return Attendance.select().where(Attendance.at >= DAY).count()


@pytest.mark.parametrize("kind", ["read-only", "full", "locked"])
def test_scan_service_refuses_whole_and_recovers(
    kind: str, db: DbConfig, two_party_case: TwoPartyCase, filler: Fault
) -> None:
    clock = FixedClock(NOW)
    with faults(kind, db, filler):
        before = digest()
        for code in (
            two_party_case.visiting,
            "CCK" + "0" * 32,
        ):  # a check-in, and a refusal's alert
            with pytest.raises(checkin.ScanFault) as caught:
                checkin.scan(code, clock)
            assert REASON[kind] in str(caught.value)
            assert code not in str(caught.value)
        assert digest() == before
    outcome = checkin.scan(two_party_case.visiting, clock)
    assert outcome.outcome is Outcome.CHECKED_IN
    assert checkins() == 1


@pytest.mark.parametrize("kind", ["read-only", "full", "locked"])
async def test_kiosk_sends_parent_to_volunteer_shows_staff_why_and_recovers(
    kind: str, db: DbConfig, two_party_case: TwoPartyCase, filler: Fault
) -> None:
    app = KioskApp(clock=FixedClock(NOW))
    async with parent_screen(app) as pilot:
        with faults(kind, db, filler):
            before = digest()
            await scan(pilot, two_party_case.visiting)
            seen = parent_sees(app)
            assert "Please speak to a volunteer" in seen
            assert "Welcome" not in seen
            assert "Staff: " in seen and REASON[kind] in seen
            assert "Traceback" not in seen and "sqlite" not in seen.lower()
            assert app.is_running and isinstance(app.screen, IdleScreen)
            assert digest() == before
        # The fault is cleared: the very same card now checks in.
        await scan(pilot, two_party_case.visiting)
        seen = parent_sees(app)
        assert "Welcome, Victor" in seen
        assert "Staff: " not in seen
        assert checkins() == 1
