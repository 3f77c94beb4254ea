"""A second process on the same database file, as the entrance kiosk would be.

    python -m tests.support.door_writer DB PASSPHRASE KDF_ITER ISO_TIME scan CARD_CODE
    python -m tests.support.door_writer DB PASSPHRASE KDF_ITER ISO_TIME count

`scan` is a card read at the entrance kiosk (the real check-in path); `count`
prints how many attendance rows this process sees.
"""

from __future__ import annotations

import sys
from datetime import datetime
from pathlib import Path

from kiosk.clock import FixedClock
from kiosk.services import store
from kiosk.services.attendance import checkin
from models import Attendance, DbConfig


def main(argv: list[str]) -> int:
    path, passphrase, kdf, at, command, *rest = argv
    store.open_store(DbConfig(Path(path), passphrase, int(kdf)))
    clock = FixedClock(datetime.fromisoformat(at))
    try:
        if command == "scan":
            outcome = checkin.scan(rest[0], clock)
            print(outcome.outcome.value)
        else:
            print(Attendance.select().count())
    finally:
        store.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
