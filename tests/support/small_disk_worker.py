"""Runs `kiosk` commands on a small disk: a tmpfs mounted in this process's own mount namespace.

    unshare -rm python -m tests.support.small_disk_worker SPEC.json

Started by tests/support/disk_faults.py, never directly. For each run in the spec, a
new tmpfs is mounted over the disk folder, the staged files are copied onto it, a
filler file takes all its space but `room` bytes, and `kiosk ARGV` runs in this
process. The disk's files (the filler removed) are then copied to out/<n>/ for the
test to read, the tmpfs unmounted, and one JSON line printed per run.
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

from kiosk.cli import main as kiosk
from kiosk.services import store

FILLER = "filler"
CHUNK = 1 << 16


def fill(disk: Path, room: int) -> None:
    """Take every free byte of the disk but `room` (a tmpfs counts whole pages)."""
    stat = os.statvfs(disk)
    left = stat.f_bavail * stat.f_frsize - room
    with (disk / FILLER).open("wb") as filler:
        while left > 0:
            filler.write(b"\0" * min(CHUNK, left))
            left -= CHUNK
        filler.flush()
        os.fsync(filler.fileno())


def run_one(argv: list[str]) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            status = kiosk(argv)
        except SystemExit as exc:  # argparse
            status = int(exc.code or 0)
    store.close()
    return status, out.getvalue(), err.getvalue()


def main(spec_file: str) -> int:
    spec = json.loads(Path(spec_file).read_text(encoding="utf-8"))
    disk, stage, out = Path(spec["disk"]), Path(spec["stage"]), Path(spec["out"])
    for n, run in enumerate(spec["runs"]):
        size = f"size={spec['size_kib']}k"
        subprocess.run(["mount", "-t", "tmpfs", "-o", size, "tmpfs", str(disk)], check=True)
        try:
            shutil.copytree(stage, disk, dirs_exist_ok=True)
            fill(disk, run["room"])
            status, stdout, stderr = run_one(run["argv"])
            (disk / FILLER).unlink()
            shutil.copytree(disk, out / str(n))
        finally:
            subprocess.run(["umount", str(disk)], check=True)
        line = {"room": run["room"], "status": status, "out": stdout, "err": stderr}
        print(json.dumps(line), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
