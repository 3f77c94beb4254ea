"""The `kiosk` command. Errors the user can fix (`KioskError`) are one line on stderr, exit 2."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from kiosk import __version__
from kiosk.commands import (
    audit,
    backup,
    card,
    demo,
    disclose,
    door,
    export,
    imports,
    init,
    policy,
    purge,
    rekey,
    restore,
    run,
    sar,
    verify,
)
from models import KioskError

COMMANDS = [
    init,
    imports,
    demo,
    run,
    door,
    card,
    export,
    sar,
    disclose,
    policy,
    audit,
    purge,
    backup,
    restore,
    rekey,
    verify,
]


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="kiosk", description="Contact Centre Kiosk: check-in, door console and records."
    )
    parser.add_argument("--version", action="version", version=f"kiosk {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for module in COMMANDS:
        module.register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args_list = list(sys.argv[1:] if argv is None else argv)
    # `kiosk` alone, or with only options, means `kiosk run`.
    if not args_list or (
        args_list[0].startswith("-") and args_list[0] not in ("-h", "--help", "--version")
    ):
        args_list.insert(0, "run")
    args = build_parser().parse_args(args_list)
    try:
        return int(args.func(args))
    except KioskError as exc:
        # Every refusal a person can fix, from any command: one line each, no traceback.
        for line in exc.lines():
            print(line, file=sys.stderr)
        return exc.exit_status
    except KeyboardInterrupt:
        print("kiosk: interrupted", file=sys.stderr)
        return 130
