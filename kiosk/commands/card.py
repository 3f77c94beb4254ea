"""`kiosk card`: issue a new QR card to one adult and write it as SVG, PNG or PDF."""

from __future__ import annotations

import argparse

from kiosk.clock import SystemClock
from kiosk.commands.common import add_command, adult_arguments, opened, output_argument
from kiosk.services.cards.issue import issue_to_file
from kiosk.services.cards.render import renderer_for
from models import Role


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = add_command(
        sub, "card", "issue a new card (any earlier card of that person stops working)", run
    )
    adult_arguments(p, "whose card it is")
    p.add_argument(
        "--first-name", metavar="NAME", help="choose among several adults with that role"
    )
    output_argument(p, "FILE", "card file: .svg, .png or .pdf")
    p.add_argument("--force", action="store_true", help="replace FILE if it already exists")


def run(args: argparse.Namespace) -> int:
    # Checked before the passphrase prompt: a typo costs nothing.
    renderer_for(args.output)
    with opened(args):
        issued = issue_to_file(
            args.case,
            Role(args.role),
            args.first_name,
            args.output,
            SystemClock().now(),
            replace=args.force,
        )
    print(issued.token)
    print(
        f"Card for {issued.first_name} ({issued.role}, case {issued.case_ref}) written to "
        f"{issued.path}; any earlier card of theirs no longer works.",
    )
    return 0
