"""`kiosk init`: the first co-ordinator, who must be able to sign in."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from kiosk.cli import main
from kiosk.clock import FixedClock
from kiosk.services import store
from kiosk.services.door import access
from kiosk.services.staff import auth
from models import DbConfig, DbsLevel, Volunteer
from tests.support.builders import PASSPHRASE, TEST_KDF_ITER
from tests.support.files import write

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


@pytest.mark.parametrize("issued", ["2025-03-01", "01/03/2025"])
def test_the_coordinators_dbs_record_is_kept_like_a_volunteers(
    tmp_path: Path, clock: FixedClock, issued: str
) -> None:
    dbs = ["--dbs-number", "101234567890", "--dbs-issued-on", issued]
    dbs += ["--dbs-level", "enhanced_barred", "--dbs-update-service"]
    assert init(tmp_path, "Alex Morgan", *dbs) == 0
    opened(tmp_path)
    try:
        row = Volunteer.get()
        assert (row.dbs_number, row.dbs_issued_on, row.dbs_level) == (
            "101234567890",
            date(2025, 3, 1),
            DbsLevel.ENHANCED_BARRED.value,
        )
        assert row.dbs_update_service and row.dbs_decision == "clear"
        signed = auth.sign_in("Alex Morgan", PASSWORD, clock)
        assert signed.staff is not None
        access.ensure_may_use_door(signed.staff)  # the door console is open to them
    finally:
        store.close()


def test_init_without_a_dbs_record_still_creates_the_coordinator(
    tmp_path: Path, clock: FixedClock
) -> None:
    assert init(tmp_path, "Alex Morgan") == 0
    opened(tmp_path)
    try:
        assert Volunteer.get().dbs_number == ""
    finally:
        store.close()


@pytest.mark.parametrize(
    ("options", "said"),
    [
        (["--dbs-number", "12345"], "12 digits"),
        (["--dbs-number", "101234567890"], "--dbs-issued-on"),
        (["--dbs-number", "101234567890", "--dbs-issued-on", "2025-03-01"], "--dbs-level"),
        (["--dbs-issued-on", "2025-03-01", "--dbs-level", "basic"], "--dbs-number"),
        (
            [
                "--dbs-number",
                "101234567890",
                "--dbs-issued-on",
                "2099-01-01",
                "--dbs-level",
                "basic",
            ],
            "future",
        ),
        (["--dbs-number", "101234567890", "--dbs-issued-on", "1/3/25"], "YYYY-MM-DD"),
    ],
)
def test_an_incomplete_dbs_record_is_one_line_and_creates_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], options: list[str], said: str
) -> None:
    assert init(tmp_path, "Alex Morgan", *options) == 2
    err = capsys.readouterr().err
    assert said in err and err.startswith("kiosk: ") and err.count("\n") == 1
    assert not (tmp_path / "kiosk.db").exists()


@pytest.mark.parametrize(
    ("option", "value"),
    [("--coordinator", "Élodie \u202eDurand"), ("--centre-name", "[b]X[/b]\x1b[31m")],
)
def test_a_name_with_control_characters_is_refused_and_creates_nothing(
    tmp_path: Path, option: str, value: str, capsys: pytest.CaptureFixture[str]
) -> None:
    # Stored, the ESC reached the terminal of `kiosk settings show` as a live sequence.
    name = value if option == "--coordinator" else "Alex Morgan"
    extra = [option, value] if option == "--centre-name" else []
    assert init(tmp_path, name, *extra) == 2
    assert "control characters" in capsys.readouterr().err
    assert not list(tmp_path.glob("*.db"))
