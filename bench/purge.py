"""The retention purge on the shared ten-year database (budget: 10 s).

    python bench/purge.py

Builds ten years of a centre with bench/tenyear.py (families active for half
a year to four years, fortnightly sessions, four attendance events a
session, and with `extras` every record that hangs on a case, volunteers and
the accident book), with the production KDF: the purge runs on one
long-lived connection like the kiosk's. Then it purges as of the last day
and prints the figures, with a check that no page of the file, decrypted,
still holds the reference of a case it destroyed.
"""

from __future__ import annotations

import re
import sys
import tempfile
from datetime import date, datetime
from pathlib import Path
from time import perf_counter

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.tenyear import PASSPHRASE, build
from kiosk.services import store
from kiosk.services.retention import purge as retention
from models import AccidentEntry
from tests.support.sqlcipher_pages import decrypted_pages

# SQLCipher's default key derivation, which build() uses with kdf_iter=None.
PRODUCTION_KDF_ITER = 256_000

BUDGET_SECONDS = 10.0
NOW = datetime(2026, 11, 21, 9, 0)
CASES = 600
YEARS = 10


def _mib(path: Path) -> float:
    return path.stat().st_size / 2**20


def _pages_holding(path: Path, refs: list[str]) -> int:
    """Decrypted pages of the file (and its -wal) holding any of these references."""
    pattern = re.compile(b"|".join(re.escape(r.encode()) for r in refs))
    pages = decrypted_pages(path, PASSPHRASE, PRODUCTION_KDF_ITER)
    return sum(1 for page in pages if pattern.search(page))


def main() -> int:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "tenyear.db"
        stats = build(
            path, now=NOW, cases=CASES, years=YEARS, longest_years=4, kdf_iter=None, extras=True
        )
        bookings, attendance, built = stats.bookings, stats.attendance, stats.seconds
        as_of: date = NOW.date()
        report = retention.due(as_of)
        size_before = _mib(path)
        marks: dict[str, float] = {}

        def mark(step: retention.PurgeStep) -> None:
            marks.setdefault(step.stage, perf_counter())

        purge_started = perf_counter()
        result = retention.purge(as_of, NOW, actor_label="bench", progress=mark)
        deleting = marks["checkpoint"] - purge_started
        size_after = _mib(path)
        accidents = AccidentEntry.select().count()
        store.close()
        left = _pages_holding(path, result.case_refs) if result.case_refs else 0
    over = result.seconds > BUDGET_SECONDS
    print(f"purge bench: {CASES} cases over {YEARS} years, fortnightly sessions")
    print(f"  built        {bookings} bookings, {attendance} attendance events in {built:.1f} s")
    print(
        f"  due          {report.counts['cases']} of {CASES} cases "
        f"({100 * report.counts['cases'] / CASES:.0f}%), "
        f"{report.counts['attendance']} attendance events, "
        f"{report.counts['volunteers']} volunteers"
    )
    print(f"  destroyed    {sum(result.counts.values())} records")
    print(
        f"  file         {size_before:.1f} MiB -> {size_after:.1f} MiB; accident book {accidents}"
    )
    print(
        f"  purge        {result.seconds:.2f} s (budget {BUDGET_SECONDS:.0f} s): "
        f"count and delete {deleting:.2f} s, "
        f"checkpoint and VACUUM {result.seconds - deleting:.2f} s"
        f"{'  OVER BUDGET' if over else ''}"
    )
    print(f"  left behind  {left} pages hold a destroyed case's reference")
    return 1 if over or left else 0


if __name__ == "__main__":
    sys.exit(main())
