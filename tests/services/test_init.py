"""`kiosk init`: the first co-ordinator, who must be able to sign in."""

from __future__ import annotations

from pathlib import Path

from kiosk.cli import main
from kiosk.clock import FixedClock
from kiosk.services import store
from kiosk.services.staff import auth
from models import DbConfig
from tests.conftest import PASSPHRASE, TEST_KDF_ITER
from tests.support.helpers import write

PASSWORD = "a long password"


def init(tmp_path: Path, name: str, *extra: str) -> int:
    pw = write(tmp_path / "pass", PASSPHRASE + "\n")
    coord = write(tmp_path / "coord", PASSWORD + "\n")
    args = ["init", "--db", str(tmp_path / "kiosk.db"), "--passphrase-file", str(pw)]
    return main([*args, "--coordinator", name, "--coordinator-password-file", str(coord), *extra])


def opened(tmp_path: Path) -> DbConfig:
    cfg = DbConfig(tmp_path / "kiosk.db", PASSPHRASE, TEST_KDF_ITER)
    store.open_store(cfg)
    return cfg


def test_a_coordinator_with_a_non_ascii_name_signs_in(tmp_path: Path, clock: FixedClock) -> None:
    assert init(tmp_path, "Łukasz Nowak") == 0
    opened(tmp_path)
    try:
        assert auth.sign_in("Łukasz Nowak", PASSWORD, clock).ok
        assert auth.sign_in("ŁUKASZ NOWAK", PASSWORD, clock).ok
    finally:
        store.close()
