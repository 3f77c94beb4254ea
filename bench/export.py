"""Benchmark: a case's three-year referrer export on a ten-year database (budget 100 ms).

    .venv/bin/python bench/export.py [--keep PATH]

Times the whole export as the co-ordinator runs it: the query, the file (CSV or
PDF), the disclosure-log row and the audit entry.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from datetime import datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.tenyear import build, case_ref
from kiosk.services import store
from kiosk.services.release import exports
from models import Referral

BUDGET_MS = 100.0
RUNS = 30
NOW = datetime(2026, 11, 21, 9, 0)


def _time(fn: object, runs: int = RUNS) -> list[float]:
    assert callable(fn)
    fn()  # warm: first use loads the font and prepares statements
    samples = []
    for _ in range(runs):
        t0 = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - t0) * 1000)
    return samples


def _report(label: str, samples: list[float]) -> float:
    ordered = sorted(samples)
    p95 = ordered[int(0.95 * (len(ordered) - 1))]
    median = statistics.median(ordered)
    print(
        f"{label:<22} min {ordered[0]:7.2f}   median {median:7.2f}   p95 {p95:7.2f}   "
        f"max {ordered[-1]:7.2f} ms"
    )
    return median


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--keep", type=Path, help="build the database here and keep it")
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="kiosk-bench-"))
    path = args.keep or folder / "tenyear.db"
    stats = build(path, now=NOW)
    print(
        f"ten-year database: {stats.cases} cases, {stats.people} people, {stats.bookings} "
        f"bookings, {stats.attendance} attendance events (built in {stats.seconds:.1f} s)"
    )
    ref = case_ref(0)
    referrer = Referral.get(Referral.case == 1).organisation
    since, until = (NOW - timedelta(days=3 * 365)).date(), NOW.date()
    rows = exports.attendance_rows(ref, since, until, NOW)
    print(f"case {ref}, {since} to {until}: {len(rows)} rows")

    def export(fmt: str) -> None:
        # Each run writes the same file again, as a co-ordinator who confirmed replacing it.
        request = exports.ExportRequest(ref, referrer, fmt, since, until, replace=True)
        exports.export_attendance(request, folder / f"out.{fmt}", NOW, None)

    worst = max(
        _report(
            "rows only (query)", _time(lambda: exports.attendance_rows(ref, since, until, NOW))
        ),
        _report("export csv (logged)", _time(lambda: export("csv"))),
        _report("export pdf (logged)", _time(lambda: export("pdf"))),
    )
    store.close()
    load = os.getloadavg()[0]
    print(f"load average while measuring: {load:.1f} on {os.cpu_count()} cores")
    # The median is judged: an export is a one-off act, and p95 on a shared
    # machine mostly measures the neighbours.
    verdict = "within" if worst <= BUDGET_MS else "OVER"
    print(f"budget {BUDGET_MS:.0f} ms (median of the slowest kind): {verdict}")
    return 0 if worst <= BUDGET_MS else 1


if __name__ == "__main__":
    sys.exit(main())
