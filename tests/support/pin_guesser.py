"""A process guessing a staff member's PIN, for the lockout's cross-process tests.

    python -m tests.support.pin_guesser DB PASSPHRASE KDF_ITER ISO_TIME NAME PIN TRIES STEP GO

Waits (at most GIVE_UP_AFTER seconds) for the file GO to exist, so every guesser
starts at once, then signs in TRIES times with PIN through the real sign-in,
moving its clock on STEP seconds after each try (a step past the lockout lets
every try reach the PIN check). Prints how the tries were answered, as JSON:
{"checked": wrong PIN, "locked": refused as locked, "signed_in": right PIN, "other": ...}.
"""

from __future__ import annotations

import json
import sys
import time
from collections import Counter
from datetime import datetime
from pathlib import Path

from kiosk.clock import FixedClock
from kiosk.services import store
from kiosk.services.staff import auth
from models import DbConfig

GIVE_UP_AFTER = 30.0
ANSWERS = {
    "Name or PIN not recognised.": "checked",
    "Signed in.": "signed_in",
}


def _wait_for(go: Path) -> None:
    deadline = time.monotonic() + GIVE_UP_AFTER
    while not go.exists():
        if time.monotonic() > deadline:
            raise SystemExit("never told to start")
        time.sleep(0.005)


def main(argv: list[str]) -> int:
    path, passphrase, kdf, at, name, pin, tries, step, go = argv
    store.open_store(DbConfig(Path(path), passphrase, int(kdf)))
    clock = FixedClock(datetime.fromisoformat(at))
    answers: Counter[str] = Counter()
    try:
        _wait_for(Path(go))
        for _ in range(int(tries)):
            result = auth.sign_in(name, pin, clock)
            locked = "locked" in result.message
            answers["locked" if locked else ANSWERS.get(result.message, "other")] += 1
            clock.advance(seconds=float(step))
    finally:
        store.close()
    print(json.dumps(dict(answers)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
