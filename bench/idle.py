"""What the kiosk and the door console cost while nobody touches them, in a real terminal.

    .venv/bin/python bench/idle.py [--seconds S] [--scale N]

Each program runs as a centre runs it, through the installed `kiosk` command in
a pseudo-terminal of 80x24 (bench/terminal.py), on the ten-year database with a
40-session day (bench/busy_day.py, production key derivation):
- floor: a bare Textual app showing one line, left alone;
- `kiosk run`, the parent screen, left alone;
- `kiosk door`, a volunteer signed in, the board of 40 sessions, left alone.
Each is left for S seconds (default 30) from 3 s after it is drawn; the figure is the CPU time
the process used (user + system, from /proc) over the wall time, as a share of
one core, and the bytes it wrote to the terminal. The three run one after the
other on a shared machine: CPU time is what the process spent, whatever else runs.

Budgets (DESIGN.md section 6): the kiosk idle <= 0.3% of a core, the door
console <= 0.5%.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.busy_day import build_busy_day
from bench.tenyear import PASSPHRASE
from bench.terminal import Idle, Terminal, bare_app, kiosk

KIOSK_BUDGET, DOOR_BUDGET = 0.3, 0.5
# Left to finish drawing (and the console its first tick and reads) before the sample.
SETTLE_S = 3.0


def report(name: str, idle: Idle, floor: Idle | None = None) -> None:
    beside = f"   {idle.percent / floor.percent:5.1f}x the floor" if floor and floor.cpu_s else ""
    print(
        f"  {name:<28} {idle.percent:6.2f}% of a core ({idle.cpu_s * 1000:5.0f} ms CPU "
        f"in {idle.seconds:4.1f} s), {idle.bytes_per_s:6.0f} bytes/s to the terminal{beside}"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=30.0)
    parser.add_argument("--scale", type=float, default=1.0)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        day = build_busy_day(Path(tmp) / "busy.db", scale=args.scale)
        print(
            f"database: {day.stats.cases} cases, {day.stats.bookings} bookings, "
            f"{day.stats.attendance} attendance events, {day.sessions} sessions today; "
            f"production KDF; each left alone {args.seconds:.0f} s after it is drawn"
        )
        env = {"KIOSK_PASSPHRASE": PASSPHRASE}
        with Terminal(bare_app()) as term:
            term.wait_for("Please scan")
            term.idle_cpu(SETTLE_S)
            floor = term.idle_cpu(args.seconds)
        with Terminal(kiosk("run", "--db", str(day.path)), env) as term:
            term.wait_for("Please scan")
            term.idle_cpu(SETTLE_S)
            idle_kiosk = term.idle_cpu(args.seconds)
        with Terminal(kiosk("door", "--db", str(day.path)), env) as term:
            term.wait_for("locked")
            mark = term.written()
            term.type("\x13")  # ctrl+s: sign in
            term.wait_for("Your name", since=mark)
            mark = term.written()
            term.type(day.volunteer + "\r")
            time.sleep(1)  # a person's pause: Enter moves to the PIN once it is handled
            term.type(day.pin + "\r")
            term.wait_for("Door console", since=mark)
            term.idle_cpu(SETTLE_S)
            idle_door = term.idle_cpu(args.seconds)
    print("idle, left alone (CPU of the process alone; the machine was shared):")
    report("bare Textual app (floor)", floor)
    report("kiosk run, parent screen", idle_kiosk, floor)
    report("kiosk door, 40 sessions", idle_door, floor)
    ok_kiosk, ok_door = idle_kiosk.percent <= KIOSK_BUDGET, idle_door.percent <= DOOR_BUDGET
    print(
        f"budget kiosk <= {KIOSK_BUDGET}%: {'met' if ok_kiosk else 'NOT MET'}; "
        f"door console <= {DOOR_BUDGET}%: {'met' if ok_door else 'NOT MET'}"
    )
    return 0 if ok_kiosk and ok_door else 1


if __name__ == "__main__":
    sys.exit(main())
