"""Every test that needs a database gets a real, temporary SQLCipher file."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import pytest

from kiosk.clock import FixedClock
from kiosk.services import store
from models import DbConfig

# A low KDF keeps the suite quick; production keeps SQLCipher's default.
TEST_KDF_ITER = 1000
PASSPHRASE = "correct horse battery staple"


@pytest.fixture
def db_cfg(tmp_path: Path) -> DbConfig:
    return DbConfig(tmp_path / "kiosk.db", PASSPHRASE, TEST_KDF_ITER)


@pytest.fixture
def db(db_cfg: DbConfig) -> Iterator[DbConfig]:
    """A new, empty, encrypted kiosk database, open for the test."""
    store.create(db_cfg)
    yield db_cfg
    store.close()


@pytest.fixture
def clock() -> FixedClock:
    # A Saturday morning: the clock only moves when a test moves it.
    return FixedClock(datetime(2026, 11, 21, 9, 0))


@pytest.fixture(autouse=True)
def _isolated_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """No test reads the developer's own database, passphrase or data directory."""
    for var in ("KIOSK_DB", "KIOSK_PASSPHRASE"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("KIOSK_KDF_ITER", str(TEST_KDF_ITER))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg-data"))
