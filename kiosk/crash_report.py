"""The report of an unexpected error: where it happened, never what any value was.

Textual's own crash report is a traceback that shows every frame's local
variables: a crash inside a co-ordinator's sign-in printed their password and
its hash. Python's shows the exception's message, which can quote whatever was
typed or read (a name, an address). What is written here is only what the code
is: each exception's type, and the file, line and function of each frame. For a
database error, the kind of fault too (read-only, full, locked), from a fixed
list of words.

The report goes to errors.log in the product's data folder, 0600; the person at
the screen sees one line saying where it is.
"""

from __future__ import annotations

import os
import platform
import traceback
from datetime import datetime
from pathlib import Path
from types import TracebackType

from kiosk import __version__, config
from kiosk.services.store import private_files
from kiosk.services.store.faults import StoreError, fault_kind

LOG_NAME = "errors.log"
# Exceptions wrapped in exceptions: enough to reach the first cause, never a loop.
MAX_CHAIN = 8


def log_path() -> Path:
    return config.data_dir() / LOG_NAME


def _type_name(exc: BaseException) -> str:
    kind = type(exc)
    return (
        kind.__qualname__
        if kind.__module__ == "builtins"
        else f"{kind.__module__}.{kind.__qualname__}"
    )


def _frames(tb: TracebackType | None) -> list[str]:
    # walk_tb gives the frames and line numbers without reading any variable or source line.
    return [
        f"  {frame.f_code.co_filename}:{line} in {frame.f_code.co_name}"
        for frame, line in traceback.walk_tb(tb)
    ]


def _chain(exc: BaseException) -> list[BaseException]:
    """exc, then what it was raised from or while handling, innermost last."""
    chain: list[BaseException] = []
    seen: BaseException | None = exc
    while seen is not None and seen not in chain and len(chain) < MAX_CHAIN:
        chain.append(seen)
        # A thread worker's failure carries the worker's own exception as `error`.
        wrapped = getattr(seen, "error", None)
        inner = seen.__cause__ or seen.__context__
        seen = wrapped if isinstance(wrapped, BaseException) else inner
    return chain


def report_text(exc: BaseException, at: datetime) -> str:
    """The report: types, files, lines and functions; no message, no value."""
    lines = [
        f"== {at:%Y-%m-%d %H:%M:%S} kiosk {__version__}, Python {platform.python_version()}: "
        "an unexpected error stopped the program"
    ]
    for n, each in enumerate(_chain(exc)):
        lead = "" if n == 0 else "which arose from "
        fault = f" (database fault: {fault_kind(each)})" if isinstance(each, StoreError) else ""
        lines.append(f"{lead}{_type_name(each)}{fault}")
        lines += _frames(each.__traceback__)
    return "\n".join(lines) + "\n"


def write(exc: BaseException, path: Path | None = None) -> Path:
    """Append the report of exc to the error log, 0600; OSError if it cannot be written."""
    path = path or log_path()
    private_files.make_folder(path.parent)
    # Appended: an earlier crash's report stays for whoever looks after the kiosk.
    fd = os.open(
        path, os.O_WRONLY | os.O_APPEND | os.O_CREAT | os.O_NOFOLLOW, private_files.FILE_MODE
    )
    with os.fdopen(fd, "a", encoding="utf-8") as handle:
        os.fchmod(fd, private_files.FILE_MODE)
        handle.write(report_text(exc, datetime.now()))
    return path


def report(exc: BaseException) -> str:
    """Write the report; the one line to show the person (where the report is)."""
    try:
        path = write(exc)
    except OSError:
        return "kiosk: an unexpected error stopped the program (no report could be written)"
    return (
        "kiosk: an unexpected error stopped the program; "
        f"its report (no personal details) is in {path}"
    )
