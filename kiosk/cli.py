"""The `kiosk` command. Errors the user can fix (`KioskError`) are one line on stderr, exit 2;
an unexpected error is one line too, its report in the error log (kiosk/crash_report.py), exit 1."""

from __future__ import annotations

import argparse
import importlib
import os
import sys
from collections.abc import Sequence
from types import ModuleType
from typing import NoReturn

from kiosk import __version__
from models import KioskError

# Each command's name and its module, in the order `kiosk --help` lists them. A module is
# imported only when its command is chosen (or for --help): `kiosk run` must not load
# what exports, cards or the demo need before the parent screen is up.
COMMANDS = {
    "init": "init",
    "import": "imports",
    "demo": "demo",
    "run": "run",
    "door": "door",
    "card": "card",
    "export": "export",
    "sar": "sar",
    "disclose": "disclose",
    "incidents": "incidents",
    "accidents": "accidents",
    "policy": "policy",
    "audit": "audit",
    "stats": "stats",
    "purge": "purge",
    "backup": "backup",
    "restore": "restore",
    "rekey": "rekey",
    "verify": "verify",
    "rooms": "rooms",
    "bookings": "bookings",
    "closures": "closures",
    "settings": "settings",
}


class OneLineParser(argparse.ArgumentParser):
    """A mistyped command or option is one line and exit status 2, as every refusal is."""

    def error(self, message: str) -> NoReturn:
        self.exit(2, f"kiosk: {message} (see `{self.prog} --help`)\n")


def _module(name: str) -> ModuleType:
    return importlib.import_module(f"kiosk.commands.{COMMANDS[name]}")


def build_parser(command: str | None = None) -> argparse.ArgumentParser:
    """The parser for one command, or for them all when none (or an unknown one) is named."""
    parser = OneLineParser(
        prog="kiosk", description="Contact Centre Kiosk: check-in, door console and records."
    )
    parser.add_argument("--version", action="version", version=f"kiosk {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in [command] if command in COMMANDS else COMMANDS:
        _module(name).register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args_list = list(sys.argv[1:] if argv is None else argv)
    # `kiosk` alone, or with only options, means `kiosk run`.
    if not args_list or (
        args_list[0].startswith("-") and args_list[0] not in ("-h", "--help", "--version")
    ):
        args_list.insert(0, "run")
    args = build_parser(args_list[0]).parse_args(args_list)
    try:
        return _run(args)
    except KioskError as exc:
        # Every refusal a person can fix, from any command: one line each, no traceback.
        for line in exc.lines():
            print(line, file=sys.stderr)
        return exc.exit_status
    except KeyboardInterrupt:
        print("kiosk: interrupted", file=sys.stderr)
        return 130
    except Exception as exc:
        # Not a refusal but a fault in the program. Python's traceback would print the
        # exception's message, which can quote what was read or typed: the report names
        # types, files and lines only, and the person reads one line saying where it is.
        from kiosk import crash_report

        print(crash_report.report(exc), file=sys.stderr)
        return 1


# 128 + SIGPIPE: what a shell reports for a program stopped because its reader went away.
SIGPIPE_STATUS = 141


def _run(args: argparse.Namespace) -> int:
    """The command's status, or 141 when whoever read its output went away first.

    `kiosk card ... | head -1`: the reader leaves once it has what it wants. The
    command stops at its next write, as a program killed by SIGPIPE would, silently
    and with 141, the status shells give such a program: whether the pipe breaks at
    the first print or at the last flush depends on buffering, so no other status
    could mean the same thing everywhere. What the command had done by then stands
    (a card printed after it was issued is issued: README, "Commands").
    """
    try:
        status = int(args.func(args))
        # Met here rather than at exit, where Python would report it as an ignored error.
        if sys.stdout is None:
            # `kiosk ... >&-`: started with no standard output, print() wrote nothing;
            # as for a reader that went away, the command's work stands.
            return SIGPIPE_STATUS
        sys.stdout.flush()
    except BrokenPipeError:
        _stdout_to_devnull()
        return SIGPIPE_STATUS
    return status


def _stdout_to_devnull() -> None:
    """Python's recipe: the interpreter's own flush at exit must not meet the pipe again."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())
    os.close(devnull)
