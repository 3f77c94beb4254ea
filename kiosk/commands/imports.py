"""`kiosk import cases|bookings FILE.csv`: all or nothing."""

from __future__ import annotations

import argparse
from pathlib import Path

from kiosk.clock import SystemClock
from kiosk.commands.common import db_options, opened
from kiosk.services.cases import importer
from kiosk.services.store.forms import counted


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("import", help="import cases or bookings from a CSV file")
    kinds = p.add_subparsers(dest="kind", required=True, metavar="{cases,bookings}")
    for kind, helptext in [
        ("cases", "families: one row per adult, rows sharing case_ref form one case"),
        ("bookings", "bookings: case_ref,date,start,end,room,service"),
    ]:
        k = kinds.add_parser(kind, parents=[db_options()], help=helptext)
        k.add_argument("file", type=Path, metavar="FILE.csv")
        if kind == "bookings":
            k.add_argument(
                "--allow-past", action="store_true", help="import rows dated before now too"
            )
        k.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    now = SystemClock().now()
    with opened(args):
        if args.kind == "cases":
            count = importer.import_cases(args.file, now)
        else:
            count = importer.import_bookings(args.file, now, allow_past=args.allow_past)
    # "cases" or "bookings": one of either is said in the singular.
    print(f"Imported {counted(count, args.kind[:-1])}.")
    return 0
