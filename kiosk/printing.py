"""Sending a file the kiosk wrote to the printer, through CUPS's `lp`, where one is set up.

Cards, the roll call and exports are written to a file first, as always; printing
sends that file, so what is printed is what was written and checked. lp reads the
file's contents on its input and is never given its name or path, which CUPS keeps
in its job history and which may carry a case's reference or a person's name; the
job's title is fixed. lp runs with only the environment it needs to find a printer:
never the database's passphrase. Where there is no `lp`, it refuses, or it does not
answer in time, the person reads one line and the file is still there to print from
elsewhere. The screens run `send` in a thread worker (screens/widgets/print_job.py):
a slow printer must not freeze a fire's roll call.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

from models.errors import KioskError

JOB_TITLE = "Contact Centre Kiosk"
NO_PRINTER = "No printer is set up on this computer"
# An A4 sheet of cards must print at its real size: a card shrunk to fit the page's
# margins is no longer a bank card's size.
ACTUAL_SIZE = ("-o", "media=A4", "-o", "print-scaling=none")
# lp only hands the job to the CUPS server; one that has not answered by then will not.
LP_TIMEOUT_SECONDS: float = 10
# What lp needs to find the printer and speak the person's language; nothing else is passed.
LP_ENVIRONMENT = ("PATH", "HOME", "USER", "LOGNAME", "LANG", "LANGUAGE", "TZ", "TMPDIR")
LP_ENVIRONMENT_PREFIXES = ("LC_", "CUPS_", "PRINTER", "LPDEST")


class PrintError(KioskError):
    """The file was written but not printed; one line saying why.

    `reason` is the same without the file's path, for a screen that has just named it
    (the roll call's closing line): the path once is enough.
    """

    def __init__(self, line: str, reason: str | None = None) -> None:
        super().__init__(line)
        self.reason = reason or line


def _elsewhere(reason: str, path: Path) -> PrintError:
    """Not printed for `reason`: the one line that says where the file is and what to do."""
    do = "print it from a computer with a printer"
    return PrintError(f"{reason}: {path} is written; {do}", f"{reason}; {do}")


def available() -> bool:
    """Whether CUPS's lp is here to be asked (a printer may still be missing behind it)."""
    return shutil.which("lp") is not None


def lp_command(*, actual_size: bool = False) -> list[str]:
    """The `lp` command that prints its input on the default printer (no file: lp reads stdin)."""
    options = list(ACTUAL_SIZE) if actual_size else []
    # -s: no "request id is ..." on the terminal; the one line is ours.
    return ["lp", "-s", "-t", JOB_TITLE, *options]


def lp_environment() -> dict[str, str]:
    """The kiosk's environment less anything lp has no need of (KIOSK_PASSPHRASE first)."""
    return {
        name: value
        for name, value in os.environ.items()
        if name in LP_ENVIRONMENT or name.startswith(LP_ENVIRONMENT_PREFIXES)
    }


def send(path: Path, *, actual_size: bool = False) -> str:
    """Print path; the line that says so. Raises PrintError when it cannot be printed."""
    command = lp_command(actual_size=actual_size)
    lp = shutil.which(command[0])
    if lp is None:  # no CUPS here: said without its name, which means nothing at the door
        raise _elsewhere(NO_PRINTER, path)
    try:
        with path.open("rb") as contents:
            done = subprocess.run(
                [lp, *command[1:]],
                stdin=contents,
                capture_output=True,
                timeout=LP_TIMEOUT_SECONDS,
                env=lp_environment(),
            )
    except subprocess.TimeoutExpired as exc:
        waited = f"The printer did not answer within {LP_TIMEOUT_SECONDS:g} seconds"
        raise _elsewhere(waited, path) from exc
    except OSError as exc:
        raise _elsewhere(f"The printer could not be asked ({exc.strerror})", path) from exc
    if done.returncode != 0:
        # lp's own first line ("lp: Error - No default destination.") says what to set up.
        said = next(
            (
                line.strip()
                for line in done.stderr.decode(errors="replace").splitlines()
                if line.strip()
            ),
            "",
        )
        raise PrintError(f"The printer did not take {path.name}: {said or 'lp failed'}")
    return f"Sent {path.name} to the printer."
