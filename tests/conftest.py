"""Fixtures for every tier: a real temporary SQLCipher database, a frozen clock, staff, a family.

The builders behind the data fixtures are in tests/support/builders.py; how to
run one tier alone is in tests/__init__.py.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from kiosk.clock import FixedClock
from kiosk.services import store
from kiosk.services.staff.auth import StaffMember
from models import DbConfig
from tests.support import builders
from tests.support.builders import (
    DAY,
    PASSPHRASE,
    TEST_KDF_ITER,
    TwoPartyCase,
    make_coordinator,
    make_volunteer,
)

TESTS = Path(__file__).resolve().parent
TIERS = ("services", "screens", "stress")


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark each test with its tier (its folder under tests/), for `pytest -m <tier>`."""
    for item in items:
        folder = item.path.resolve().relative_to(TESTS).parts[0]
        if folder in TIERS:
            item.add_marker(getattr(pytest.mark, folder))


@pytest.fixture
def db_cfg(tmp_path: Path) -> DbConfig:
    return DbConfig(tmp_path / "kiosk.db", PASSPHRASE, TEST_KDF_ITER)


@pytest.fixture
def db(db_cfg: DbConfig) -> Iterator[DbConfig]:
    """A new encrypted kiosk database, open for the test: empty but for the room register
    (builders.centre_rooms), which every booking names."""
    store.create(db_cfg)
    builders.centre_rooms()
    yield db_cfg
    store.close()


@pytest.fixture
def clock() -> FixedClock:
    # Saturday morning: the clock only moves when a test moves it.
    return FixedClock(DAY.replace(hour=9))


@pytest.fixture
def coordinator(db: DbConfig, clock: FixedClock) -> StaffMember:
    """The co-ordinator, Alex Morgan (builders.COORDINATOR_PASSWORD)."""
    return make_coordinator(clock.now())


@pytest.fixture
def volunteer(db: DbConfig, clock: FixedClock) -> StaffMember:
    """A volunteer with a current DBS check, Priya Shah (builders.PIN)."""
    return make_volunteer(clock.now())


@pytest.fixture
def two_party_case(db: DbConfig) -> TwoPartyCase:
    """Rosa and Victor, booked today 10:00-12:00 in the Blue Room, each with a card."""
    return builders.two_party_case(DAY)


@pytest.fixture(autouse=True)
def _isolated_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """No test reads the developer's own database, passphrase or data directory."""
    for var in ("KIOSK_DB", "KIOSK_PASSPHRASE"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("KIOSK_KDF_ITER", str(TEST_KDF_ITER))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg-data"))
