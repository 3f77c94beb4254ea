"""Benchmark: the co-ordinator's diary on the ten-year database.

    .venv/bin/python bench/diary.py [--keep PATH]

- the busiest week of the ten years, built (kiosk/services/diary/week.py) and drawn
  (screens/coordinator/week_grid.py, then rendered to a 100-column terminal's segments as
  Textual paints it), budget 30 ms;
- a session moved with all its checks (register, closed day, room, family, entrance), one
  write transaction with its booking event and audit entry, budget 50 ms;
- the session list of the longest case (ten years, about 260 sessions), budget 20 ms.

The ten-year database books every session in one room; here they are spread over the
register's four contact rooms, as a centre would.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from rich.console import Console

from bench.tenyear import build, case_ref
from kiosk.services import store
from kiosk.services.diary import acts, sessions
from kiosk.services.diary import week as weeks
from kiosk.services.diary.acts import Move
from models import Booking, Case, Room, RoomKind, Service, database
from screens.coordinator.week_grid import draw

BUDGETS = {"week": 30.0, "move": 50.0, "sessions": 20.0}
RUNS = 40
NOW = datetime(2026, 11, 21, 9, 0)
ROOMS = ["Blue Room", "Green Room", "Playroom", "Yellow Room"]


def _time(fn: Callable[[], object], runs: int = RUNS) -> list[float]:
    fn()  # warm: the first call prepares statements and loads what it needs
    samples = []
    for _ in range(runs):
        t0 = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - t0) * 1000)
    return samples


def _report(label: str, samples: list[float], budget: float) -> bool:
    ordered = sorted(samples)
    p95 = ordered[int(0.95 * (len(ordered) - 1))]
    median = statistics.median(ordered)
    verdict = "within" if median <= budget else "OVER"
    print(
        f"{label:<40} median {median:7.2f}   p95 {p95:7.2f}   max {ordered[-1]:7.2f} ms"
        f"   budget {budget:.0f} ms: {verdict}"
    )
    return median <= budget


def _centre() -> None:
    """The register's rooms, and the sessions spread over them."""
    for name in ROOMS:
        Room.create(name=name, kind=RoomKind.CONTACT.value, created_at=NOW)
    for name in ("Garden Room", "Front Lounge"):
        Room.create(name=name, kind=RoomKind.WAITING.value, created_at=NOW)
    for i, name in enumerate(ROOMS):
        Booking.update(room=name).where(Booking.id % len(ROOMS) == i).execute()


def _busiest_monday() -> date:
    row = database.execute_sql(
        "SELECT date(starts_at, 'weekday 0', '-6 days') AS monday, count(*) AS n FROM booking "
        "GROUP BY monday ORDER BY n DESC LIMIT 1"
    ).fetchone()
    return date.fromisoformat(row[0])


def _drawn(monday: date, console: Console) -> None:
    week = weeks.build_week(monday)
    chosen = week.sessions[0].id if week.sessions else None
    drawn = draw(week, 98, NOW.date(), chosen)
    for line in [drawn.header, *drawn.lines]:
        list(console.render(line))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--keep", type=Path, help="build the database here and keep it")
    args = parser.parse_args()
    path = args.keep or Path(tempfile.mkdtemp(prefix="kiosk-bench-")) / "tenyear.db"
    stats = build(path, now=NOW)
    print(f"ten-year database: {stats.cases} cases, {stats.bookings} bookings")
    with database.atomic():
        _centre()
    monday = _busiest_monday()
    week = weeks.build_week(monday)
    print(f"busiest week: {monday}, {len(week.sessions)} sessions in {len(week.rooms)} rooms")
    longest = case_ref(0)
    print(f"longest case: {longest}, {len(sessions.case_sessions(longest))} sessions")
    # A session ahead for the longest case, moved an hour later and back, again and again.
    case = Case.get(Case.ref == longest)
    ahead = datetime(2026, 12, 1, 10, 0)
    booking = Booking.create(
        case=case,
        room="Blue Room",
        starts_at=ahead,
        ends_at=ahead + timedelta(hours=2),
        service=Service.SUPPORTED.value,
        created_at=NOW,
    )
    starts = [ahead.time(), (ahead + timedelta(hours=1)).time()]

    def move() -> None:
        starts.reverse()
        outcome = acts.move(booking.id, Move(start=starts[0]), NOW)
        assert outcome.moved is not None, outcome.refusals

    with open(os.devnull, "w") as nowhere:
        console = Console(width=100, color_system="truecolor", file=nowhere)
        ok = _measure(monday, console, move, longest)
    store.close()
    print(f"load average while measuring: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    return 0 if all(ok) else 1


def _measure(monday: date, console: Console, move: Callable[[], None], longest: str) -> list[bool]:
    return [
        _report(
            "busiest week, built and drawn", _time(lambda: _drawn(monday, console)), BUDGETS["week"]
        ),
        _report("move a session, every check", _time(move), BUDGETS["move"]),
        _report(
            "longest case's session list",
            _time(lambda: sessions.case_sessions(longest)),
            BUDGETS["sessions"],
        ),
    ]


if __name__ == "__main__":
    sys.exit(main())
