"""Benchmark: the incidents and the accident book on a ten-year database.

    .venv/bin/python bench/safeguarding.py [--keep PATH]

Times what the co-ordinator waits for (budget: every co-ordinator view within
50 ms): the new concerns on the home screen, the incidents list, the accident
book with its corrections gathered; and prints the accident book's export
(CSV and PDF, each written new and logged), which has no budget of its own.
"""

from __future__ import annotations

import argparse
import itertools
import os
import sys
import tempfile
from datetime import datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.export import _report, _time
from bench.tenyear import build
from kiosk.services import store
from kiosk.services.release import accident_book, accident_export
from kiosk.services.safeguarding import incidents
from models import AccidentEntry, Incident

BUDGET_MS = 50.0
NOW = datetime(2026, 11, 21, 9, 0)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--keep", type=Path, help="build the database here and keep it")
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="kiosk-bench-"))
    stats = build(args.keep or folder / "tenyear.db", now=NOW, extras=True)
    print(
        f"ten-year database: {stats.cases} cases, {Incident.select().count()} incidents, "
        f"{AccidentEntry.select().count()} accident book entries"
    )
    worst = max(
        _report("new concerns (home)", _time(incidents.new_concerns)),
        _report("incidents list", _time(lambda: incidents.list_incidents(None))),
        _report("accident book", _time(lambda: accident_book.read_book(None))),
    )
    numbers = itertools.count()
    for fmt, runs in (("csv", 30), ("pdf", 10)):

        def export(fmt: str = fmt) -> None:
            accident_export.export_book(folder / f"book-{next(numbers)}.{fmt}", NOW, None)

        _report(f"export {fmt} (logged)", _time(export, runs))
    store.close()
    print(f"load average while measuring: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    verdict = "within" if worst <= BUDGET_MS else "OVER"
    print(f"budget {BUDGET_MS:.0f} ms (median of the slowest view): {verdict}")
    return 0 if worst <= BUDGET_MS else 1


if __name__ == "__main__":
    sys.exit(main())
