"""`kiosk sar`: a subject access export for one adult, logged as a disclosure."""

from __future__ import annotations

import argparse
from pathlib import Path

from kiosk.clock import SystemClock
from kiosk.commands.common import db_options, opened
from kiosk.services.release import subject_access
from models import Role


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "sar",
        parents=[db_options()],
        help="subject access: everything held about one adult, other adults redacted",
    )
    p.add_argument("--case", required=True, metavar="REF", help="the case reference")
    p.add_argument("--role", required=True, choices=[r.value for r in Role])
    p.add_argument(
        "--person",
        type=int,
        metavar="ID",
        help="which adult, when the case has several with that role",
    )
    p.add_argument(
        "-o",
        "--output",
        required=True,
        type=Path,
        metavar="FOLDER",
        help="folder for the JSON and PDF (created if missing)",
    )
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    with opened(args):
        result = subject_access.export(
            args.case, args.role, args.output, SystemClock().now(), None, person_id=args.person
        )
    print(
        f"Wrote {result.json_path} and {result.pdf_path}; "
        f"logged as disclosure {result.disclosure_id}."
    )
    return 0
