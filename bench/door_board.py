"""Benchmark: the door console's board, and how soon another process's write shows.

    .venv/bin/python bench/door_board.py

Builds the demo database (a year of a small centre, six sessions today), then:
- times building today's board, which the console does every second;
- runs a second process that checks people in, one at a time, and times from its
  commit to the moment this process's board shows the check-in (polled every 5 ms,
  so the figure is visibility, not the console's one-second refresh interval).
The budget is 2 s from a write to the other console's screen: the refresh interval
(1 s) plus one board build.
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import tempfile
import time
from datetime import datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from kiosk.clock import FixedClock
from kiosk.services import store
from kiosk.services.demo import build as demo
from kiosk.services.door import board as door_board
from kiosk.services.staff.auth import StaffMember
from models import DbConfig, Person, StaffRole, Volunteer

NOW = datetime(2026, 11, 21, 10, 5)
KDF_ITER = 1000
RUNS = 200
BUDGET_MS = 2000.0
REFRESH_MS = 1000.0

WRITER = """
import sys, time
from datetime import datetime
from pathlib import Path
from kiosk.clock import FixedClock
from kiosk.services.door import manual as door_manual
from kiosk.services import store
from kiosk.services.staff.auth import StaffMember
from models import DbConfig, StaffRole
store.open_store(DbConfig(Path(sys.argv[1]), "demo", int(sys.argv[2])))
clock = FixedClock(datetime.fromisoformat(sys.argv[3]))
staff = StaffMember(int(sys.argv[4]), "bench", StaffRole.VOLUNTEER)
for pid in sys.argv[5:]:
    sys.stdin.readline()  # wait for the reader to be ready
    door_manual.manual_check(staff, int(pid), "bench", clock, intended="in")
    print(time.perf_counter(), flush=True)
store.close()
"""


def _checked_in(staff: StaffMember, clock: FixedClock) -> int:
    board = door_board.today(staff, clock)
    return sum(1 for r in board.rows for p in r.parties if p.status == "in")


def main() -> int:
    path = Path(tempfile.mkdtemp(prefix="kiosk-bench-")) / "demo.db"
    demo.build(path, NOW, kdf_iter=KDF_ITER)
    store.close()
    store.open_store(DbConfig(path, "demo", KDF_ITER))
    clock = FixedClock(NOW)
    row = Volunteer.get(Volunteer.name == demo.DEMO_VOLUNTEER)
    staff = StaffMember(row.id, row.name, StaffRole.VOLUNTEER)
    door_board.today(staff, clock)  # warm
    samples = []
    for _ in range(RUNS):
        t0 = time.perf_counter()
        door_board.today(staff, clock)
        samples.append((time.perf_counter() - t0) * 1000)
    ordered = sorted(samples)
    print(
        f"board build (6 sessions)   median {statistics.median(ordered):6.2f}   "
        f"p95 {ordered[int(0.95 * (RUNS - 1))]:6.2f}   max {ordered[-1]:6.2f} ms"
    )
    todays = [r.case_id for r in door_board.today(staff, clock).rows]
    people = [str(p.id) for p in Person.select().where(Person.case.in_(todays)).limit(8)]
    proc = subprocess.Popen(
        [
            sys.executable,
            "-c",
            WRITER,
            str(path),
            str(KDF_ITER),
            NOW.isoformat(),
            str(row.id),
            *people,
        ],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        cwd=Path(__file__).resolve().parent.parent,
    )
    assert proc.stdin is not None and proc.stdout is not None
    latencies = []
    seen = _checked_in(staff, clock)
    for _ in people:
        proc.stdin.write("go\n")
        proc.stdin.flush()
        committed = float(proc.stdout.readline())
        while (now_in := _checked_in(staff, clock)) == seen:
            time.sleep(0.005)
        latencies.append((time.perf_counter() - committed) * 1000)
        seen = now_in
    proc.wait()
    store.close()
    worst = max(latencies) + REFRESH_MS + max(samples)
    print(
        f"other process's write seen median {statistics.median(latencies):6.2f}   "
        f"max {max(latencies):6.2f} ms (polled every 5 ms)"
    )
    print(f"worst case on screen: {worst:.0f} ms (budget {BUDGET_MS:.0f} ms)")
    return 0 if worst <= BUDGET_MS else 1


if __name__ == "__main__":
    raise SystemExit(main())
