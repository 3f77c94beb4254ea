"""A program run as a person runs it: in a terminal (a pseudo-terminal of 80x24), timed and sampled.

    with Terminal([".venv/bin/kiosk", "run", "--db", path], env) as term:
        seconds = term.wait_for("Please scan")      # spawn to first paint
        cpu = term.idle_cpu(30)                      # share of one core while left alone

Headless runs (App.run_test) skip writing to a terminal, which is much of what
a person waits for; here every byte the program writes is read (and counted)
as a terminal would, and CPU time is read from /proc for the process alone.
"""

from __future__ import annotations

import fcntl
import os
import pty
import re
import struct
import subprocess
import sys
import termios
import threading
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType

ROOT = Path(__file__).resolve().parent.parent
VENV_BIN = ROOT / ".venv" / "bin"
TICKS = os.sysconf("SC_CLK_TCK")
# Colours and cursor moves between the characters of a word on screen.
ESCAPES = re.compile(rb"\x1b\[[0-9;?]*[A-Za-z]|\x1b[()][A-Z0-9]|\x1b[=>]")


def cpu_seconds(pid: int) -> float:
    """User and system CPU the process has used so far (/proc/PID/stat, fields 14 and 15)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / TICKS


def peak_mb(pid: int) -> float:
    """The process's peak resident set so far (VmHWM)."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return 0.0


@dataclass(frozen=True)
class Idle:
    """A process left alone for `seconds`: its share of one core, and what it wrote."""

    seconds: float
    cpu_s: float
    written: int

    @property
    def percent(self) -> float:
        return 100 * self.cpu_s / self.seconds

    @property
    def bytes_per_s(self) -> float:
        return self.written / self.seconds


class Terminal:
    def __init__(
        self,
        argv: Sequence[str],
        env: Mapping[str, str] | None = None,
        size: tuple[int, int] = (80, 24),
    ) -> None:
        self.argv, self.size = list(argv), size
        self.env = {**os.environ, "TERM": "xterm-256color", "COLUMNS": "", "LINES": ""}
        self.env.update(env or {})
        self.started = 0.0
        self._out = bytearray()
        self._lock = threading.Lock()
        self._proc: subprocess.Popen[bytes] | None = None

    def __enter__(self) -> Terminal:
        master, slave = pty.openpty()
        cols, rows = self.size
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))
        self._master = master
        self.started = time.perf_counter()
        self._proc = subprocess.Popen(
            self.argv,
            stdin=slave,
            stdout=slave,
            stderr=slave,
            env={k: v for k, v in self.env.items() if v},
            cwd=ROOT,
            start_new_session=True,
        )
        os.close(slave)
        threading.Thread(target=self._read, daemon=True).start()
        return self

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        proc = self.proc
        if proc.poll() is None:
            proc.terminate()
            try:
                proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()
        os.close(self._master)

    @property
    def proc(self) -> subprocess.Popen[bytes]:
        assert self._proc is not None
        return self._proc

    def _read(self) -> None:
        while True:
            try:
                chunk = os.read(self._master, 65536)
            except OSError:
                return
            if not chunk:
                return
            with self._lock:
                self._out += chunk

    def written(self) -> int:
        with self._lock:
            return len(self._out)

    def text(self, since: int = 0) -> str:
        with self._lock:
            raw = bytes(self._out[since:])
        return ESCAPES.sub(b"", raw).decode("utf-8", "replace")

    def wait_for(self, text: str, since: int = 0, timeout: float = 60.0) -> float:
        """Seconds from the spawn until text is on the terminal (polled every millisecond)."""
        give_up = time.perf_counter() + timeout
        while text not in self.text(since):
            if self.proc.poll() is not None or time.perf_counter() > give_up:
                raise SystemExit(f"{self.argv[0]}: never showed {text!r}: {self.text()[-400:]!r}")
            time.sleep(0.001)
        return time.perf_counter() - self.started

    def type(self, keys: str) -> None:
        os.write(self._master, keys.encode())

    def idle_cpu(self, seconds: float) -> Idle:
        """Leave the program alone for `seconds` and read what it spent doing nothing."""
        pid, written = self.proc.pid, self.written()
        cpu, began = cpu_seconds(pid), time.perf_counter()
        time.sleep(seconds)
        spent, wall = cpu_seconds(pid) - cpu, time.perf_counter() - began
        return Idle(wall, spent, self.written() - written)

    def peak_mb(self) -> float:
        return peak_mb(self.proc.pid)


# The floor: the least a Textual app can show, started the same way.
BARE = """
from textual.app import App, ComposeResult
from textual.widgets import Static

class Bare(App[None]):
    def compose(self) -> ComposeResult:
        yield Static("Please scan your card")

Bare().run()
"""


def bare_app() -> list[str]:
    return [sys.executable, "-c", BARE]


def kiosk(*args: str) -> list[str]:
    """The installed `kiosk` command, as a centre runs it."""
    return [str(VENV_BIN / "kiosk"), *args]
