"""An unexpected error in the kiosk or the door console: one line, a report with no values.

Textual's own crash report is a traceback with every frame's local variables:
a crash inside a co-ordinator's sign-in would print their password and its hash.
The programs show one line instead, write a report naming only the exception's
type and each frame's file and line, and exit with a non-zero status.
"""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from kiosk.app import KioskApp
from kiosk.cli import main
from kiosk.clock import FixedClock
from kiosk.services.retention import backup
from kiosk.services.staff import auth
from kiosk.services.staff.auth import StaffMember
from models import Volunteer
from tests.support.builders import COORDINATOR_PASSWORD, TEST_KDF_ITER
from tests.support.cli import ROOT, init_database
from tests.support.pilots import PARENT_SIZE, sign_in

# What a person's details look like in these tests: none may reach any output.
SECRET_DETAIL = "Rosa Quill of 1 Lark Lane"


def _log(tmp_path: Path) -> Path:
    # conftest points XDG_DATA_HOME here: the product's data folder for the test.
    return tmp_path / "xdg-data" / "contact-centre-kiosk" / "errors.log"


def _every_file_under(folder: Path) -> list[Path]:
    return [p for p in folder.rglob("*") if p.is_file()]


async def test_a_crash_in_sign_in_shows_no_password_hash_or_detail_anywhere(
    coordinator: StaffMember,
    clock: FixedClock,
    monkeypatch: pytest.MonkeyPatch,
    capfd: pytest.CaptureFixture[str],
    tmp_path: Path,
) -> None:
    secret_hash = Volunteer.get_by_id(coordinator.id).secret_hash

    def broken(stored_hash: str, secret: str) -> bool:
        # An unexpected failure whose message, and whose frames' locals, hold everything.
        raise RuntimeError(f"{secret} {stored_hash} {SECRET_DETAIL}")

    monkeypatch.setattr(auth, "_verify", broken)
    app = KioskApp(clock)
    with pytest.raises(RuntimeError):
        async with app.run_test(size=PARENT_SIZE) as pilot:
            await sign_in(pilot, coordinator)
    assert app.return_code not in (None, 0)
    out, err = capfd.readouterr()
    for where, text in [("stdout", out), ("stderr", err)]:
        for leak in (COORDINATOR_PASSWORD, secret_hash, SECRET_DETAIL):
            assert leak not in text, f"{leak!r} in {where}"
    assert len(err.strip().splitlines()) == 1, err
    log = _log(tmp_path)
    assert log.name in err and "RuntimeError" not in err
    assert oct(log.stat().st_mode & 0o777) == oct(0o600)
    report = log.read_text(encoding="utf-8")
    assert "RuntimeError" in report
    assert "auth.py" in report and "staff_signin.py" in report
    for leak in (COORDINATOR_PASSWORD, secret_hash, SECRET_DETAIL, "Rosa"):
        assert leak not in report, f"{leak!r} in the report"
    for path in _every_file_under(tmp_path):
        data = path.read_bytes()
        for leak in (COORDINATOR_PASSWORD, secret_hash, SECRET_DETAIL):
            assert leak.encode() not in data, f"{leak!r} in {path}"


@pytest.mark.parametrize("command", ["run", "door"])
def test_the_programs_exit_non_zero_after_an_unexpected_error(command: str, tmp_path: Path) -> None:
    db, passphrase_file = init_database(tmp_path)
    script = textwrap.dedent(
        f"""
        import sys
        from kiosk import cli
        from kiosk.services.store import settings

        def broken(key: str) -> str:
            raise RuntimeError({SECRET_DETAIL!r})

        settings.get = broken
        sys.exit(cli.main([{command!r}, "--db", {str(db)!r}, "--passphrase-file",
                           {str(passphrase_file)!r}]))
        """
    )
    env = dict(os.environ)
    env |= {
        # Textual's own way to run without a terminal.
        "TEXTUAL_DRIVER": "textual.drivers.headless_driver:HeadlessDriver",
        "KIOSK_KDF_ITER": str(TEST_KDF_ITER),
        "XDG_DATA_HOME": str(tmp_path / "xdg-data"),
    }
    done = subprocess.run(
        [sys.executable, "-c", script],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode != 0, (done.stdout, done.stderr)
    assert SECRET_DETAIL not in done.stdout + done.stderr
    assert "Traceback" not in done.stderr
    report = _log(tmp_path).read_text(encoding="utf-8")
    assert "RuntimeError" in report and SECRET_DETAIL not in report


def test_a_command_that_fails_unexpectedly_prints_one_line_and_exits_1(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    db, passphrase_file = init_database(tmp_path)

    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError(SECRET_DETAIL)

    monkeypatch.setattr(backup, "backup", broken)
    args = ["backup", "--db", str(db), "--passphrase-file", str(passphrase_file)]
    assert main([*args, "-o", str(tmp_path / "copy.db")]) == 1
    out, err = capsys.readouterr()
    assert SECRET_DETAIL not in out + err and "Traceback" not in err
    assert len(err.strip().splitlines()) == 1 and _log(tmp_path).name in err
    report = _log(tmp_path).read_text(encoding="utf-8")
    assert "RuntimeError" in report and "commands/backup.py" in report
    assert SECRET_DETAIL not in report
