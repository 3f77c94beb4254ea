"""Faults of the disk and of other programs, met by the `kiosk` commands themselves.

- `SmallDisk`: `kiosk` commands run on a real, nearly full file system: a tmpfs of
  a few megabytes mounted in a private mount namespace (`unshare -rm`, which needs
  no privilege where user namespaces are allowed). SQLite meets ENOSPC from the
  kernel exactly as on a full disk, which `PRAGMA max_page_count` cannot give
  for the files SQLite makes beside the database (-wal, -shm) or for a new one.
- `immutable`: a file or folder nobody can change, root included (chattr +i).
- `held_exclusively`: another process holds the database in exclusive locking mode.
- `kiosk_process`: `kiosk` started as its own process, its output read through pipes.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest

from models import DbConfig
from tests.support.cli import ROOT, python
from tests.support.files import write

KIB = 1024
# The commands that open an existing database, which `opening_commands` gives options for.
COMMANDS = ["run", "door", "export", "verify", "rekey", "audit"]


def opening_commands(folder: Path) -> dict[str, list[str]]:
    """Each command that opens the database, with what it needs besides --db and its
    passphrase; what it writes goes into folder."""
    new = write(folder / "new-pass", "a brand new passphrase\n")
    export = ["attendance", "--case", "RCC-1", "--recipient", "Cafcass", "--format", "csv"]
    return {
        "run": ["run"],
        "door": ["door"],
        "export": ["export", *export, "-o", str(folder / "out.csv")],
        "verify": ["verify"],
        "rekey": ["rekey", "--new-passphrase-file", str(new)],
        "audit": ["audit"],
    }


@dataclass(frozen=True)
class DiskRun:
    room: int  # bytes left free on the disk when the command started
    status: int
    out: str
    err: str
    files: Path  # a copy of the disk's files after the command


def _user_namespaces() -> bool:
    if shutil.which("unshare") is None:
        return False
    return subprocess.run(["unshare", "-rm", "true"], capture_output=True).returncode == 0


class SmallDisk:
    """A folder to stage files in, and `kiosk` runs on a small disk holding a copy of them.

    Paths given to the command name the disk's files: `disk / "kiosk.db"`.
    """

    def __init__(self, tmp_path: Path) -> None:
        if not _user_namespaces():
            pytest.skip("no user namespaces here (unshare -rm): cannot mount a small disk")
        self.stage = tmp_path / "stage"
        self.disk = tmp_path / "disk"
        self._runs = tmp_path / "runs"
        for folder in (self.stage, self.disk, self._runs):
            folder.mkdir()

    def run(self, argv: list[str], rooms: list[int]) -> list[DiskRun]:
        """`kiosk argv` once for each amount of free room, each time on a fresh copy."""
        return self.run_each([(argv, room) for room in rooms])

    def run_each(self, runs: list[tuple[list[str], int]]) -> list[DiskRun]:
        out = self._runs / str(len(list(self._runs.iterdir())))
        staged = sum(p.stat().st_size for p in self.stage.rglob("*") if p.is_file())
        spec = {
            "disk": str(self.disk),
            "stage": str(self.stage),
            "out": str(out),
            "size_kib": (staged + max(room for _, room in runs)) // KIB + 2048,
            "runs": [{"argv": argv, "room": room} for argv, room in runs],
        }
        spec_file = self._runs / f"{out.name}.json"
        spec_file.write_text(json.dumps(spec), encoding="utf-8")
        worker = [sys.executable, "-m", "tests.support.small_disk_worker", str(spec_file)]
        done = subprocess.run(
            ["unshare", "-rm", *worker], cwd=ROOT, capture_output=True, text=True, timeout=600
        )
        assert done.returncode == 0, done.stderr[-3000:]
        lines = [json.loads(line) for line in done.stdout.splitlines()]
        return [
            DiskRun(line["room"], line["status"], line["out"], line["err"], out / str(n))
            for n, line in enumerate(lines)
        ]


@contextmanager
def immutable(path: Path) -> Iterator[None]:
    """path (a file or a folder) cannot be changed, renamed or added to, even by root."""
    if os.geteuid() != 0:
        mode = path.stat().st_mode
        os.chmod(path, 0o555 if path.is_dir() else 0o444)
        try:
            yield
        finally:
            os.chmod(path, mode)
        return
    if shutil.which("chattr") is None:
        pytest.skip("running as root without chattr: cannot make a path read-only for root")
    subprocess.run(["chattr", "+i", str(path)], check=True)
    try:
        yield
    finally:
        subprocess.run(["chattr", "-i", str(path)], check=True)


@contextmanager
def held_exclusively(cfg: DbConfig) -> Iterator[None]:
    """Another process has written to the database in exclusive locking mode, and keeps it.

    SQLite then keeps its lock on the file until that connection closes: nothing
    else can read it, however long it waits.
    """
    holder = python(
        f"""
        import sqlcipher3
        other = sqlcipher3.connect({str(cfg.path)!r}, isolation_level=None)
        other.execute("PRAGMA key = '{cfg.passphrase}'")
        other.execute("PRAGMA kdf_iter = {cfg.kdf_iter or 256000}")
        other.execute("PRAGMA locking_mode = EXCLUSIVE")
        other.execute("INSERT OR REPLACE INTO setting (key, value) VALUES ('holder', 'here')")
        print("held", flush=True)
        sys.stdin.readline()
        """
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
        yield
    finally:
        holder.communicate("\n", timeout=30)


def kiosk_process(argv: list[str], env: dict[str, str] | None = None) -> subprocess.Popen[str]:
    """`kiosk argv` in a process of its own, no terminal, its output and errors piped."""
    return subprocess.Popen(
        [sys.executable, "-m", "kiosk", *argv],
        cwd=ROOT,
        env=env,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
