"""The `kiosk` command as a user runs it, and another process that has the database open.

- `init_database`: `kiosk init` into a folder, with the builders' co-ordinator;
- `python`: a Python process on this checkout, fed a script (a busy writer...);
- `held_open`: while the block runs, another process (a kiosk) has the database open;
- `opened`: while the block runs, this process has it open (after a command closed it).
"""

from __future__ import annotations

import subprocess
import sys
import textwrap
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from kiosk.cli import main
from kiosk.services import store
from models import DbConfig
from tests.support.builders import COORDINATOR_NAME, COORDINATOR_PASSWORD, PASSPHRASE
from tests.support.files import write

ROOT = Path(__file__).resolve().parents[2]


def kiosk_init(db: Path, passphrase_file: Path, coordinator_password_file: Path) -> int:
    """`kiosk init` with the builders' co-ordinator; its exit status."""
    args = ["init", "--db", str(db), "--passphrase-file", str(passphrase_file)]
    args += ["--coordinator", COORDINATOR_NAME]
    return main([*args, "--coordinator-password-file", str(coordinator_password_file)])


def init_database(folder: Path, passphrase: str = PASSPHRASE) -> tuple[Path, Path]:
    """`kiosk init` a new database in folder: its path and its passphrase file."""
    db = folder / "kiosk.db"
    pw = write(folder / "pass", passphrase + "\n")
    coord = write(folder / "coord", COORDINATOR_PASSWORD + "\n")
    assert kiosk_init(db, pw, coord) == 0, "kiosk init failed"
    return db, pw


def python(body: str) -> subprocess.Popen[str]:
    """A Python process on this checkout running body (with sys and Path imported)."""
    script = "import sys\nfrom pathlib import Path\n" + textwrap.dedent(body)
    return subprocess.Popen(
        [sys.executable, "-c", script],
        cwd=ROOT,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )


@contextmanager
def held_open(cfg: DbConfig) -> Iterator[None]:
    """Another process has the database open, as a running kiosk would, until the block ends."""
    holder = python(
        f"""
        from models import DbConfig
        from kiosk.services import store
        store.open_store(DbConfig(Path({str(cfg.path)!r}), {cfg.passphrase!r}, {cfg.kdf_iter}))
        print("open", flush=True)
        sys.stdin.readline()
        """
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "open"
        yield
    finally:
        holder.communicate("\n", timeout=30)


@contextmanager
def opened(cfg: DbConfig) -> Iterator[None]:
    """The database open in this process for the block, to read what a command left."""
    store.open_store(cfg)
    try:
        yield
    finally:
        store.close()
