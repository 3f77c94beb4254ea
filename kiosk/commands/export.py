"""`kiosk export attendance`: the referrer export, logged as a disclosure."""

from __future__ import annotations

import argparse

from kiosk.clock import SystemClock
from kiosk.commands.common import add_command, case_argument, iso_date, opened, output_argument
from kiosk.services.release import exports


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("export", help="export information that the policy allows to release")
    kinds = p.add_subparsers(dest="kind", required=True, metavar="{attendance}")
    a = add_command(
        kinds, "attendance", "a case's attendance dates and times, for the referring agency", run
    )
    case_argument(a)
    a.add_argument(
        "--recipient", required=True, metavar="ORG", help="the organisation it is released to"
    )
    a.add_argument(
        "--from",
        dest="date_from",
        type=iso_date,
        metavar="DATE",
        help="first day (default: when the case was opened)",
    )
    a.add_argument(
        "--until",
        dest="date_until",
        type=iso_date,
        metavar="DATE",
        help="last day (default: today)",
    )
    a.add_argument("--format", required=True, choices=exports.FORMATS)
    output_argument(a, "FILE", "a new file (see --force)")
    a.add_argument("--force", action="store_true", help="replace FILE if it already exists")
    a.add_argument("--print", action="store_true", help="also send FILE to the printer (CUPS's lp)")
    a.add_argument(
        "--other-recipient",
        action="store_true",
        help="confirm release to a recipient other than the case's referrer",
    )


def run(args: argparse.Namespace) -> int:
    request = exports.ExportRequest(
        case_ref=args.case,
        recipient=args.recipient,
        fmt=args.format,
        date_from=args.date_from,
        date_until=args.date_until,
        other_recipient=args.other_recipient,
        # Never replace a file without being told to; a database is refused even then.
        replace=args.force,
    )
    with opened(args):
        try:
            result = exports.export_attendance(request, args.output, SystemClock().now(), None)
        except exports.NeedsConfirmation as exc:
            # The command's own way to confirm, named where the screen would ask.
            raise exports.NeedsConfirmation(f"{exc} (add --other-recipient)") from None
    print(
        f"Wrote {result.rows} rows ({result.date_from} to {result.date_until}) to {result.path}; "
        f"logged as disclosure {result.disclosure_id}."
    )
    if args.print:
        from kiosk import printing

        print(printing.send(result.path))
    return 0
