"""Fuzz the scan path: any bytes a scanner or terminal can deliver, for as long as asked.

    .venv/bin/pip install -e '.[fuzz]'
    .venv/bin/python fuzz/scan_fuzz.py -max_total_time=300      # coverage-guided (atheris)
    .venv/bin/python fuzz/scan_fuzz.py --seconds 300            # without atheris

Each input is decoded as a terminal would hand it on (invalid UTF-8 as
surrogate escapes) and scanned through checkin.scan against a real, temporary
SQLCipher database holding a family booked today and a revoked card. A crash,
an outcome other than a refusal, or any change to attendance, bookings,
cases, people or cards stops the run with the input that caused it.
"""

from __future__ import annotations

import random
import sys
import tempfile
import time
from datetime import datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from kiosk.clock import FixedClock
from kiosk.services import store
from kiosk.services.attendance import checkin
from kiosk.services.cards import tokens as cards
from kiosk.services.scan.rules import Outcome
from models import DbConfig, Role
from tests.support.builders import make_booking, make_case, person
from tests.support.fault_helpers import RECORD_TABLES, digest
from tests.support.hostile import corpus, interleave

DAY = datetime(2026, 11, 21)
CLOCK = FixedClock(DAY.replace(hour=9, minute=55))
REFUSED = {Outcome.NOT_A_CARD, Outcome.SPEAK_TO_VOLUNTEER}


def prepare(folder: Path) -> str:
    """A database with one family booked today; returns a revoked card's code."""
    store.create(DbConfig(folder / "fuzz.db", "fuzz passphrase", 1000))
    case = make_case("FUZZ-1", DAY)
    make_booking(case, DAY.replace(hour=10))
    resident = person(case, Role.RESIDENT).id
    old = cards.issue_card(resident, DAY.replace(hour=8))
    cards.issue_card(resident, DAY.replace(hour=9))
    return old


def check_one(raw: str) -> None:
    before = digest(RECORD_TABLES)
    outcome = checkin.scan(raw, CLOCK)
    if outcome.outcome not in REFUSED or digest(RECORD_TABLES) != before:
        raise AssertionError(f"scan of {raw[:200]!r} gave {outcome}")


def run_atheris(argv: list[str]) -> None:
    import atheris

    def one(data: bytes) -> None:
        check_one(data.decode("utf-8", "surrogateescape"))

    # Coverage for the code already loaded: the scan path and everything it calls.
    atheris.instrument_all()
    atheris.Setup(argv, one)
    atheris.Fuzz()


def run_plain(seconds: float, revoked: str) -> int:
    """Generated inputs until the time is up; returns how many were scanned."""
    rng = random.Random()
    deadline = time.monotonic() + seconds
    n = 0
    while time.monotonic() < deadline:
        for raw in corpus(200, seed=rng.randrange(2**32)):
            check_one(raw)
            n += 1
        check_one(interleave(revoked, ["\x1b[2J", "\x00"], rng))
        n += 1
    return n


def main() -> int:
    with tempfile.TemporaryDirectory() as tmp:
        revoked = prepare(Path(tmp))
        if "--seconds" in sys.argv:
            seconds = float(sys.argv[sys.argv.index("--seconds") + 1])
            n = run_plain(seconds, revoked)
            print(f"scan fuzz: {n} inputs in {seconds:.0f} s, no crash, nothing changed")
        else:
            run_atheris(sys.argv)
        store.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
