"""The PIN lockout holds across processes, and a sign-in never writes over a co-ordinator's edit.

Real processes (tests/support/pin_guesser.py) sign in at once against one file,
as the kiosk and a `kiosk door` console can. Each is bounded by time and by
its number of tries.
"""

from __future__ import annotations

import json
import subprocess
import sys
import time
from collections import Counter
from dataclasses import replace
from datetime import date, datetime
from pathlib import Path

import pytest

from kiosk.clock import FixedClock
from kiosk.services.staff import auth, volunteers
from kiosk.services.staff.auth import StaffMember
from models import AuditEntry, DbConfig, DbsLevel, StaffRole
from tests.support.builders import PIN, make_volunteer

pytestmark = pytest.mark.stress

ROOT = Path(__file__).resolve().parents[2]
GUESSERS = 4
TRIES = 8
GIVE_UP_AFTER = 60.0
WRONG = "999999"
NEW_PIN = "864202"


def _start(
    cfg: DbConfig, clock: FixedClock, go: Path, *, step: float
) -> list[subprocess.Popen[str]]:
    db_args = [str(cfg.path), cfg.passphrase, str(cfg.kdf_iter), clock.now().isoformat()]
    tries = ["Priya Shah", WRONG, str(TRIES), str(step), str(go)]
    return [
        subprocess.Popen(
            [sys.executable, "-m", "tests.support.pin_guesser", *db_args, *tries],
            cwd=ROOT,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(GUESSERS)
    ]


def _answers(procs: list[subprocess.Popen[str]]) -> Counter[str]:
    total: Counter[str] = Counter()
    for proc in procs:
        out, err = proc.communicate(timeout=GIVE_UP_AFTER)
        assert proc.returncode == 0, err
        total.update(json.loads(out))
    return total


def _failed_checks() -> int:
    return int(AuditEntry.select().where(AuditEntry.action == "sign_in_failed").count())


def test_guessers_at_once_get_five_checks_before_the_lockout(
    db: DbConfig, clock: FixedClock, tmp_path: Path
) -> None:
    make_volunteer(clock.now())
    go = tmp_path / "go"
    procs = _start(db, clock, go, step=0)
    go.touch()
    answers = _answers(procs)
    assert sum(answers.values()) == GUESSERS * TRIES
    # However the tries interleave, the PIN is checked at most five times.
    assert answers["checked"] <= auth.MAX_FAILURES, answers
    assert _failed_checks() == answers["checked"]
    assert "locked" in auth.sign_in("Priya Shah", PIN, clock).message


def _coordinator(clock: FixedClock) -> StaffMember:
    row = auth.create_staff("Cora Ordinator", StaffRole.COORDINATOR, "a long password", clock.now())
    return StaffMember(row.id, row.name, StaffRole.COORDINATOR)


def test_a_wrong_pin_racing_a_pin_reset_does_not_undo_it(
    db: DbConfig, clock: FixedClock, tmp_path: Path
) -> None:
    staff = make_volunteer(clock.now())
    coordinator = _coordinator(clock)
    go = tmp_path / "go"
    # Each guesser's clock moves past the lockout after every try: every try is a PIN check.
    procs = _start(db, clock, go, step=auth.LOCKOUT.total_seconds() + 1)
    go.touch()
    deadline = time.monotonic() + GIVE_UP_AFTER
    while _failed_checks() < GUESSERS and time.monotonic() < deadline:
        time.sleep(0.01)  # until the guessers are well under way
    # The co-ordinator gives a new PIN and a renewed DBS check while they guess.
    renewed = date(2026, 11, 1)
    data = replace(
        volunteers.get_volunteer(coordinator, staff.id),
        dbs_issued_on=renewed,
        dbs_level=DbsLevel.ENHANCED_BARRED,
    )
    volunteers.save_volunteer(data, coordinator, clock, NEW_PIN)
    answers = _answers(procs)
    assert answers["checked"] >= GUESSERS, answers  # the race really ran
    later = FixedClock(datetime(2026, 11, 22, 9, 0))  # past any lockout
    # The new PIN first: guesses after the reset may have left four failures on the
    # count, and a wrong PIN tried first would then lock the account.
    assert auth.sign_in("Priya Shah", NEW_PIN, later).ok
    assert not auth.sign_in("Priya Shah", PIN, later).ok
    kept = volunteers.get_volunteer(coordinator, staff.id)
    assert (kept.dbs_issued_on, kept.dbs_level) == (renewed, DbsLevel.ENHANCED_BARRED)
