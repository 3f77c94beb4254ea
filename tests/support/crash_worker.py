"""A check-in writer for the crash test: scans each code, acknowledging only what committed.

    python -m tests.support.crash_worker DB CODES_FILE

Each code is scanned through the real check-in service at 10:00 on the test
day. "ACK <code> <outcome>" is printed (and flushed) only after scan()
returned, that is after its transaction committed. A code whose scan
committed but whose line was lost to a kill is scanned again after the
restart: the same time again makes it a repeat scan, which changes nothing.
"""

from __future__ import annotations

import sys
from datetime import datetime
from pathlib import Path

from kiosk.clock import FixedClock
from kiosk.services import store
from kiosk.services.attendance import checkin
from kiosk.services.scan.rules import Outcome
from models import DbConfig

PASSPHRASE = "crash test passphrase"
KDF_ITER = 1000
AT = datetime(2026, 11, 21, 10, 0)
ACKED = {Outcome.CHECKED_IN, Outcome.DUPLICATE}


def main(db: str, codes_file: str) -> int:
    store.open_store(DbConfig(Path(db), PASSPHRASE, KDF_ITER))
    clock = FixedClock(AT)
    for code in Path(codes_file).read_text().split():
        outcome = checkin.scan(code, clock)
        if outcome.outcome not in ACKED:
            print(f"UNEXPECTED {code} {outcome.outcome.value} {outcome.console_reason}", flush=True)
            return 3
        print(f"ACK {code} {outcome.outcome.value}", flush=True)
    store.close()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2]))
