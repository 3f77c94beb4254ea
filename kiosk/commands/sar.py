"""`kiosk sar`: a subject access export for one adult, logged as a disclosure."""

from __future__ import annotations

import argparse

from kiosk.clock import SystemClock
from kiosk.commands.common import add_command, adult_arguments, opened, output_argument
from kiosk.services.release import subject_access


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = add_command(
        sub, "sar", "subject access: everything held about one adult, other adults redacted", run
    )
    adult_arguments(p, "whose records they are")
    p.add_argument(
        "--person",
        type=int,
        metavar="ID",
        help="which adult, when the case has several with that role",
    )
    output_argument(p, "FOLDER", "folder for the JSON and PDF (created if missing)")
    p.add_argument("--force", action="store_true", help="replace the files if they exist")


def run(args: argparse.Namespace) -> int:
    with opened(args):
        result = subject_access.export(
            args.case,
            args.role,
            args.output,
            SystemClock().now(),
            None,
            person_id=args.person,
            replace=args.force,
        )
    print(
        f"Wrote {result.json_path} and {result.pdf_path}; "
        f"logged as disclosure {result.disclosure_id}."
    )
    return 0
