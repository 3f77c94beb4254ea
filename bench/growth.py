"""How the work a person waits for grows with the database: 1x, 3x and 10x the ten-year one.

    .venv/bin/python bench/growth.py [--scales 1,3,10] [--runs N]

For each scale, the ten-year database (bench/tenyear.py) with scale times its
400 cases, everything retention keeps, and a 40-session day (bench/busy_day.py),
then in-process, the median of N runs (wall clock, and CPU time beside it):
- scan: a parent's card at the kiosk (checkin.scan, recorded);
- unknown: a card the kiosk does not know (refused, alerted once a minute);
- board and tick: the door console's, after a write;
- search: the co-ordinator's case search by the start of a surname;
- export: the longest case's three years as CSV (logged);
- purge: everything three years unused, once (the last thing done).
The key derivation is the benchmarks' light one here (it costs only the open,
which bench/startup.py measures). Building 10x takes minutes on a shared
machine; --scales chooses. There is no budget: the table is read for growth
(DESIGN.md section 6: scan, board and search flat from 400 to 4,000 cases).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.busy_day import build_busy_day
from bench.tenyear import KDF_ITER, case_ref, db_config
from kiosk.clock import FixedClock
from kiosk.services import store
from kiosk.services.attendance import checkin
from kiosk.services.cards import tokens as cards
from kiosk.services.cases.search import search_cases
from kiosk.services.door import board as door_board
from kiosk.services.release import exports
from kiosk.services.retention import purge as retention
from kiosk.services.staff.auth import StaffMember
from models import Referral, StaffRole, Volunteer
from tests.support.builders import make_coordinator

Figure = tuple[float, float]  # median wall ms, mean CPU ms


def timed(work: Callable[[int], object], runs: int) -> Figure:
    work(runs)  # warm: the statements prepared, the pages read once
    wall = []
    cpu = time.process_time()
    for n in range(runs):
        t0 = time.perf_counter()
        work(n)
        wall.append((time.perf_counter() - t0) * 1000)
    return statistics.median(wall), (time.process_time() - cpu) * 1000 / runs


def measure(scale: float, runs: int, folder: Path) -> tuple[int, dict[str, Figure]]:
    now = datetime.now().replace(hour=13, minute=5, second=0, microsecond=0)
    path = folder / f"growth-{scale}.db"
    day = build_busy_day(path, scale=scale, now=now, kdf_iter=KDF_ITER)
    store.open_store(db_config(path))
    clock = FixedClock(now)
    row = Volunteer.get(Volunteer.name == day.volunteer)
    staff = StaffMember(row.id, row.name, StaffRole.VOLUNTEER)
    coordinator = make_coordinator(now)
    referrer = Referral.get(Referral.case == 1).organisation
    since = (now - timedelta(days=3 * 365)).date()
    # Later sessions' parents: each one's first scan checks them in early.
    later = iter(day.codes[len(day.codes) // 2 :] * 2)

    def scan(n: int) -> None:
        clock.advance(seconds=61)
        checkin.scan(next(later), clock)

    def unknown(n: int) -> None:
        clock.advance(seconds=1)
        checkin.scan(cards.new_token(), clock)

    def export(n: int) -> None:
        request = exports.ExportRequest(case_ref(0), referrer, "csv", since, now.date())
        exports.export_attendance(
            request, folder / f"export-{scale}-{n}-{time.time_ns()}.csv", now, None
        )

    figures = {
        "scan": timed(scan, min(runs, len(day.codes) // 4)),
        "unknown": timed(unknown, runs),
        "board": timed(lambda n: door_board.today(staff, clock), runs),
        "tick": timed(lambda n: door_board.tick(clock), runs),
        "search": timed(lambda n: search_cases(coordinator, f"L{n % 9 + 1}"), runs),
        "export": timed(export, runs),
    }
    t0, cpu = time.perf_counter(), time.process_time()
    retention.purge(now.date(), now, actor_label="bench")
    figures["purge"] = ((time.perf_counter() - t0) * 1000, (time.process_time() - cpu) * 1000)
    store.close()
    return day.stats.cases, figures


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scales", default="1,3,10")
    parser.add_argument("--runs", type=int, default=20)
    args = parser.parse_args()
    scales = [float(s) for s in args.scales.split(",")]
    results: list[tuple[float, int, dict[str, Figure]]] = []
    with tempfile.TemporaryDirectory() as tmp:
        for scale in scales:
            began = time.perf_counter()
            cases, figures = measure(scale, args.runs, Path(tmp))
            results.append((scale, cases, figures))
            took = time.perf_counter() - began
            print(f"{scale:g}x: {cases} cases, built and measured in {took:.0f} s", flush=True)
    head = "".join(f"   {f'{s:g}x ({c} cases)':>22}" for s, c, _ in results)
    print(f"median wall ms (CPU ms) of {args.runs} runs; the machine was shared")
    print(f"{'':<8}{head}")
    for name in results[0][2]:
        cells = "".join(f"   {f'{f[name][0]:9.2f} ({f[name][1]:8.2f})':>22}" for _, _, f in results)
        print(f"{name:<8}{cells}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
