"""`kiosk stats`: figures for trustees, funders and accreditation, as PDF, CSV or Markdown."""

from __future__ import annotations

import argparse

from kiosk.clock import SystemClock
from kiosk.commands.common import add_command, iso_date, opened, output_argument
from kiosk.services.stats import files, period


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = add_command(
        sub,
        "stats",
        "counts and rates for a period, beside the same period a year earlier (no person in them)",
        run,
    )
    p.add_argument(
        "--from",
        dest="date_from",
        type=iso_date,
        metavar="DATE",
        help="first day; with --period, a day in the month, quarter or year wanted",
    )
    p.add_argument(
        "--until",
        dest="date_until",
        type=iso_date,
        metavar="DATE",
        help="last day (default: today)",
    )
    p.add_argument(
        "--period",
        choices=period.KINDS,
        help="a whole calendar month, quarter or year (alone: the last one that has ended)",
    )
    p.add_argument(
        "--format", choices=files.FORMATS, help="default: from FILE's ending (.pdf, .csv or .md)"
    )
    output_argument(p, "FILE", "a new .pdf, .csv or .md file (see --force)")
    p.add_argument(
        "--exact",
        action="store_true",
        help="exact figures for internal use: small numbers are not withheld (the file says so)",
    )
    p.add_argument("--force", action="store_true", help="replace FILE if it already exists")


def run(args: argparse.Namespace) -> int:
    now = SystemClock().now()
    chosen = period.choose(args.period, args.date_from, args.date_until, now.date())
    fmt = files.format_for(args.output, args.format)
    request = files.StatsRequest(chosen, fmt, exact=args.exact, replace=args.force)
    with opened(args):
        path = files.export(request, args.output, now, None)
    withheld = "exact figures, for internal use" if args.exact else "small numbers withheld"
    # The label may hold brackets of its own ("Q3 2026 (Jul to Sep)"): commas here.
    print(f"Wrote the figures for {chosen.label}, {withheld}, to {path}; logged in the audit log.")
    return 0
