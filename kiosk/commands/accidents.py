"""`kiosk accidents export`: the accident book as PDF or CSV, logged as a disclosure."""

from __future__ import annotations

import argparse

from kiosk.clock import SystemClock
from kiosk.commands.common import add_command, iso_date, opened, output_argument
from kiosk.services.release import accident_export
from kiosk.services.store.forms import counted


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("accidents", help="the accident book")
    acts = p.add_subparsers(dest="act", required=True, metavar="{export}")
    e = add_command(
        acts, "export", "every entry and its corrections, for an insurer or the HSE", run_export
    )
    output_argument(e, "FILE", "a new .pdf or .csv file: its ending chooses the format")
    e.add_argument("--recipient", default="", metavar="ORG", help="who it is prepared for")
    e.add_argument(
        "--from", dest="date_from", type=iso_date, metavar="DATE", help="accidents from this day"
    )
    e.add_argument(
        "--until", dest="date_until", type=iso_date, metavar="DATE", help="until this day"
    )
    e.add_argument("--force", action="store_true", help="replace FILE if it already exists")


def run_export(args: argparse.Namespace) -> int:
    # Refused before the passphrase is asked for: the ending alone is wrong.
    accident_export.format_of(args.output)
    with opened(args):
        done = accident_export.export_book(
            args.output,
            SystemClock().now(),
            None,
            recipient=args.recipient,
            period=(args.date_from, args.date_until),
            # Never replace a file without being told to; a database is refused even then.
            replace=args.force,
        )
    print(
        f"Wrote {counted(done.accidents, 'accident')} "
        f"({counted(done.entries, 'entry', 'entries')} with corrections) to "
        f"{done.path}; logged as disclosure {done.disclosure_id}."
    )
    return 0
