"""Sending a file the kiosk wrote to the printer, through CUPS's `lp`, where one is set up.

Cards, the roll call and exports are written to a file first, as always; printing
sends that file, so what is printed is what was written and checked. The job's
title is fixed (never the file's name, which may carry a case's reference), and
`lp` is given the path after `--`, so a file name can never be read as an option.
Where there is no `lp`, or it refuses, the person reads one line and the file is
still there to print from elsewhere.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

from models.errors import KioskError

JOB_TITLE = "Contact Centre Kiosk"
# An A4 sheet of cards must print at its real size: a card shrunk to fit the page's
# margins is no longer a bank card's size.
ACTUAL_SIZE = ("-o", "media=A4", "-o", "print-scaling=none")
LP_TIMEOUT_SECONDS = 30


class PrintError(KioskError):
    """The file was written but not printed; one line saying why."""


def available() -> bool:
    """Whether CUPS's lp is here to be asked (a printer may still be missing behind it)."""
    return shutil.which("lp") is not None


def lp_command(path: Path, *, actual_size: bool = False) -> list[str]:
    """The `lp` command that prints path on the default printer."""
    options = list(ACTUAL_SIZE) if actual_size else []
    # -s: no "request id is ..." on the terminal; the one line is ours.
    return ["lp", "-s", "-t", JOB_TITLE, *options, "--", str(path)]


def send(path: Path, *, actual_size: bool = False) -> str:
    """Print path; the line that says so. Raises PrintError when it cannot be printed."""
    command = lp_command(path, actual_size=actual_size)
    lp = shutil.which(command[0])
    if lp is None:
        raise PrintError(
            f"No printer is set up here (CUPS's lp was not found): {path} is written, "
            "print it from another computer"
        )
    try:
        done = subprocess.run(
            [lp, *command[1:]],
            capture_output=True,
            text=True,
            timeout=LP_TIMEOUT_SECONDS,
            stdin=subprocess.DEVNULL,
        )
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise PrintError(f"The printer did not take {path.name}: {type(exc).__name__}") from exc
    if done.returncode != 0:
        # lp's own first line ("lp: Error - No default destination.") says what to set up.
        said = next((line.strip() for line in done.stderr.splitlines() if line.strip()), "")
        raise PrintError(f"The printer did not take {path.name}: {said or 'lp failed'}")
    return f"Sent {path.name} to the printer."
