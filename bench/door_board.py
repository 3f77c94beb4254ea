"""Benchmark: the door console's board, tick and redraw on a busy day, and another process's write.

    .venv/bin/python bench/door_board.py [--runs N] [--scale N]

On the ten-year database with a 40-session day (bench/busy_day.py), in-process,
each figure beside its floor measured in the same run:
- idle beat: what the console's one-second timer does when nothing changed
  (kiosk/services/store/changes.py); floor: SQLite's `SELECT 1`;
- board: today's board read whole (after a write, or at the minute); floor:
  one indexed query of today's bookings;
- tick: the day's timed rules (sessions begin, no-shows alert) in one write
  transaction; floor: an empty write transaction;
- redraw: the real DoorConsole at 80x24 filling its table from a new board and
  drawing it (App.run_test); floor: a bare app's DataTable filled with the
  same 40 rows of text;
- a second process checks people in, one at a time; from its commit to this
  process's board showing it (polled every 5 ms).
Budget: a write elsewhere on screen within 2 s (the one-second beat plus one
board). The board and the tick run only after a write or at the minute
(screens/door/freshness.py); what the console costs idle is bench/idle.py's.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from textual.app import App, ComposeResult
from textual.widgets import DataTable

from bench.busy_day import build_busy_day
from bench.tenyear import PASSPHRASE, db_config
from kiosk.clock import FixedClock
from kiosk.door_app import DoorApp
from kiosk.services import store
from kiosk.services.door import board as door_board
from kiosk.services.staff.auth import StaffMember
from kiosk.services.store import changes
from models import Booking, Person, StaffRole, Volunteer, database
from screens.door.board_text import row_cells
from screens.door.console import DoorConsole
from tests.support.pilots import sign_in

SEEN_BUDGET_MS, REFRESH_MS = 2000.0, 1000.0

WRITER = """
import sys, time
from datetime import datetime
from pathlib import Path
from kiosk.clock import FixedClock
from kiosk.services.door import manual as door_manual
from kiosk.services import store
from kiosk.services.staff.auth import StaffMember
from models import DbConfig, StaffRole
store.open_store(DbConfig(Path(sys.argv[1]), sys.argv[2]))
clock = FixedClock(datetime.fromisoformat(sys.argv[3]))
staff = StaffMember(int(sys.argv[4]), "bench", StaffRole.VOLUNTEER)
for pid in sys.argv[5:]:
    sys.stdin.readline()  # wait for the reader to be ready
    door_manual.manual_check(staff, int(pid), "bench", clock, intended="in")
    print(time.perf_counter(), flush=True)
store.close()
"""


# CPU milliseconds per run of each figure, beside the wall clock: the machine is shared.
CPU_MS: dict[int, float] = {}


def timed(work: Callable[[], object], runs: int) -> list[float]:
    work()  # warm
    samples = []
    cpu = time.process_time()
    for _ in range(runs):
        t0 = time.perf_counter()
        work()
        samples.append((time.perf_counter() - t0) * 1000)
    CPU_MS[id(samples)] = (time.process_time() - cpu) * 1000 / runs
    return samples


def line(name: str, ms: list[float], floor: list[float]) -> None:
    ordered, p95 = sorted(ms), sorted(ms)[int(0.95 * (len(ms) - 1))]
    f50 = statistics.median(floor)
    cpu = ""
    if id(ms) in CPU_MS:
        cpu = f"   CPU {CPU_MS[id(ms)]:7.3f} / {CPU_MS[id(floor)]:7.3f} ms a run"
    print(
        f"  {name:<8} median {statistics.median(ordered):7.3f} ms   p95 {p95:7.3f} ms   "
        f"floor median {f50:7.3f} ms   ratio {statistics.median(ordered) / f50:6.1f}x{cpu}"
    )


class BareTable(App[None]):
    def compose(self) -> ComposeResult:
        table: DataTable[Any] = DataTable()
        table.add_columns("Time", "Room", "Case", "Resident", "Visiting", "State")
        yield table


async def redraws(
    staff: StaffMember, pin: str, clock: FixedClock, runs: int
) -> tuple[list[float], list[float]]:
    app = DoorApp(clock)
    ms: list[float] = []
    async with app.run_test(size=(80, 24)) as pilot:
        await sign_in(pilot, staff, pin)
        console = app.screen
        assert isinstance(console, DoorConsole)
        for _ in range(runs):
            t0 = time.perf_counter()
            console.board = None  # as after the console's own act: read and draw afresh
            console.refresh_board()
            await pilot.pause()
            ms.append((time.perf_counter() - t0) * 1000)
        rows = [row_cells(r) for r in console.board.rows] if console.board else []
    bare, floor = BareTable(), []
    async with bare.run_test(size=(80, 24)) as pilot:
        table = bare.query_one(DataTable)
        for _ in range(runs):
            t0 = time.perf_counter()
            table.clear()
            for n, cells in enumerate(rows):
                table.add_row(*cells, key=str(n), height=2)
            await pilot.pause()
            floor.append((time.perf_counter() - t0) * 1000)
    return ms, floor


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=200)
    parser.add_argument("--scale", type=float, default=1.0)
    args = parser.parse_args()
    now = datetime.now().replace(hour=13, minute=5, second=0, microsecond=0)
    path = Path(tempfile.mkdtemp(prefix="kiosk-bench-")) / "busy.db"
    day = build_busy_day(path, scale=args.scale, now=now)
    store.open_store(db_config(path, None))
    clock = FixedClock(now)
    row = Volunteer.get(Volunteer.name == day.volunteer)
    staff = StaffMember(row.id, row.name, StaffRole.VOLUNTEER)
    todays = door_board.today(staff, clock)
    print(
        f"database: {day.stats.cases} cases, {day.stats.bookings} bookings, "
        f"{day.stats.attendance} attendance events; {len(todays.rows)} sessions today, "
        f"at {now:%H:%M}; production KDF; {args.runs} runs each"
    )

    def empty_write() -> None:
        with database.atomic(lock_type="IMMEDIATE"):
            pass

    start, end = now.replace(hour=0), now.replace(hour=23, minute=59)
    beat = timed(changes.mark, args.runs)
    beat_floor = timed(lambda: database.execute_sql("SELECT 1").fetchone(), args.runs)
    board = timed(lambda: door_board.today(staff, clock), args.runs)
    board_floor = timed(
        lambda: list(Booking.select().where(Booking.starts_at.between(start, end))), args.runs
    )
    tick = timed(lambda: door_board.tick(clock), args.runs)
    tick_floor = timed(empty_write, args.runs)
    redraw, redraw_floor = asyncio.run(redraws(staff, day.pin, clock, max(20, args.runs // 4)))
    print("in-process, each beside its floor (wall clock; the machine was shared):")
    line("beat", beat, beat_floor)
    line("board", board, board_floor)
    line("tick", tick, tick_floor)
    line("redraw", redraw, redraw_floor)
    seen = other_process(path, staff, clock, [r.case_id for r in todays.rows])
    store.close()
    worst = max(seen) + REFRESH_MS + max(board)
    print(
        f"other process's write seen median {statistics.median(seen):6.2f}   "
        f"max {max(seen):6.2f} ms (polled every 5 ms); worst case on screen {worst:.0f} ms"
    )
    ok = worst <= SEEN_BUDGET_MS
    print(f"budget on screen <= {SEEN_BUDGET_MS:.0f} ms: " + ("met" if ok else "NOT MET"))
    return 0 if ok else 1


def other_process(
    path: Path, staff: StaffMember, clock: FixedClock, cases: list[int]
) -> list[float]:
    def checked_in() -> int:
        board = door_board.today(staff, clock)
        return sum(1 for r in board.rows for p in r.parties if p.status == "in")

    booked = [r.case_id for r in door_board.today(staff, clock).rows if r.state == "booked"]
    people = [str(p.id) for p in Person.select().where(Person.case.in_(booked)).limit(8)]
    proc = subprocess.Popen(
        [
            sys.executable,
            "-c",
            WRITER,
            str(path),
            PASSPHRASE,
            clock.now().isoformat(),
            str(staff.id),
            *people,
        ],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        cwd=Path(__file__).resolve().parent.parent,
    )
    assert proc.stdin is not None and proc.stdout is not None
    latencies, seen = [], checked_in()
    for _ in people:
        proc.stdin.write("go\n")
        proc.stdin.flush()
        committed = float(proc.stdout.readline())
        while (now_in := checked_in()) == seen:
            time.sleep(0.005)
        latencies.append((time.perf_counter() - committed) * 1000)
        seen = now_in
    proc.wait()
    return latencies


if __name__ == "__main__":
    raise SystemExit(main())
