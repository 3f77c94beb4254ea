"""A second process on the same database file, as the entrance kiosk would be.

    python -m tests.door_writer DB PASSPHRASE KDF_ITER ISO_TIME checkin PERSON_ID STAFF_ID
    python -m tests.door_writer DB PASSPHRASE KDF_ITER ISO_TIME count

`checkin` records a check-in; `count` prints how many attendance rows it sees.
"""

from __future__ import annotations

import sys
from datetime import datetime
from pathlib import Path

from kiosk.clock import FixedClock
from kiosk.services import door_manual, store
from kiosk.services.auth import StaffMember
from models import Attendance, DbConfig, StaffRole


def main(argv: list[str]) -> int:
    path, passphrase, kdf, at, command, *rest = argv
    store.open_store(DbConfig(Path(path), passphrase, int(kdf)))
    clock = FixedClock(datetime.fromisoformat(at))
    try:
        if command == "checkin":
            staff = StaffMember(int(rest[1]), "writer", StaffRole.VOLUNTEER)
            door_manual.manual_check(staff, int(rest[0]), "forgot card", clock)
        else:
            print(Attendance.select().count())
    finally:
        store.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
