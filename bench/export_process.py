"""The referrer export as the co-ordinator meets it: `kiosk export attendance` as a whole process.

    .venv/bin/python bench/export_process.py [--runs N]

On the ten-year database with the production key derivation, each run starts,
one after the other (paired: the same moment of a shared machine for all three):
- the floor: a process that only opens the database (Python, the store's
  imports, the key derivation, the schema check) and closes it;
- `kiosk export attendance ... --format csv` for the longest case's three years;
- the same with `--format pdf`.
Each is timed from spawn to exit, with the process's own CPU time (wait4).
Budgets (DESIGN.md section 6): CSV <= 1.5x and PDF <= 2.5x the open-only
process (medians).
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.busy_day import today
from bench.tenyear import PASSPHRASE, build, case_ref
from bench.terminal import ROOT, kiosk
from kiosk.services import store
from models import Referral

CSV_BUDGET, PDF_BUDGET = 1.5, 2.5
OPEN_ONLY = """
import sys
from pathlib import Path
from kiosk.services import store
from models import DbConfig
store.open_store(DbConfig(Path(sys.argv[1]), sys.argv[2]))
store.close()
"""


def timed(argv: list[str]) -> tuple[float, float]:
    """Wall seconds from spawn to exit, and the process's own CPU seconds."""
    t0 = time.perf_counter()
    proc = subprocess.Popen(
        argv,
        cwd=ROOT,
        env={**os.environ, "KIOSK_PASSPHRASE": PASSPHRASE},
        stdout=subprocess.DEVNULL,
    )
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - t0
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        raise SystemExit(f"{argv[:3]} exited {proc.returncode}")
    return wall, usage.ru_utime + usage.ru_stime


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="kiosk-bench-"))
    path, now = folder / "tenyear.db", today().replace(hour=9)
    stats = build(path, now=now, kdf_iter=None)
    referrer = Referral.get(Referral.case == 1).organisation
    store.close()
    since, until = (now - timedelta(days=3 * 365)).date(), now.date()
    print(
        f"ten-year database: {stats.cases} cases, {stats.bookings} bookings, "
        f"{stats.attendance} attendance events, production KDF; case {case_ref(0)}, "
        f"{since} to {until}; {args.runs} paired runs"
    )

    def export(fmt: str, n: int) -> list[str]:
        return kiosk(
            "export", "attendance", "--db", str(path), "--case", case_ref(0),
            "--recipient", referrer, "--from", since.isoformat(), "--until", until.isoformat(),
            "--format", fmt, "-o", str(folder / f"export-{n}.{fmt}"),
        )  # fmt: skip

    runs: dict[str, list[tuple[float, float]]] = {"open only": [], "csv": [], "pdf": []}
    timed([sys.executable, "-c", OPEN_ONLY, str(path), PASSPHRASE])  # warm the page cache
    for n in range(args.runs):
        runs["open only"].append(timed([sys.executable, "-c", OPEN_ONLY, str(path), PASSPHRASE]))
        runs["csv"].append(timed(export("csv", n)))
        runs["pdf"].append(timed(export("pdf", n)))
    floor = [statistics.median(v[i] for v in runs["open only"]) for i in (0, 1)]
    ratios = {}
    for name, samples in runs.items():
        wall, cpu = (statistics.median(s[i] for s in samples) for i in (0, 1))
        ratios[name] = wall / floor[0]
        print(
            f"  {name:<10} wall {wall * 1000:6.0f} ms ({wall / floor[0]:.2f}x)   "
            f"CPU {cpu * 1000:6.0f} ms ({cpu / floor[1]:.2f}x)"
        )
    print(f"load average: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores (shared machine)")
    ok = ratios["csv"] <= CSV_BUDGET and ratios["pdf"] <= PDF_BUDGET
    print(
        f"budget CSV <= {CSV_BUDGET}x, PDF <= {PDF_BUDGET}x the open-only process (wall): "
        + ("met" if ok else "NOT MET")
    )
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
