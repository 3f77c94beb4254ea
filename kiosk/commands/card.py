"""`kiosk card`: issue a new QR card to one adult and write it as SVG, PNG or PDF; with
--sheet, a new card for every adult of a case on an A4 sheet of cut-out cards."""

from __future__ import annotations

import argparse

from kiosk.clock import SystemClock
from kiosk.commands.common import add_command, case_argument, opened, output_argument, plain
from kiosk.services.cards.issue import IssuedCard, issue_to_file
from kiosk.services.cards.render import renderer_for
from models import KioskError, Role


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = add_command(
        sub, "card", "issue a new card (any earlier card of that person stops working)", run
    )
    case_argument(p)
    p.add_argument(
        "--role", choices=[r.value for r in Role], help="whose card it is (not with --sheet)"
    )
    p.add_argument(
        "--first-name", metavar="NAME", help="choose among several adults with that role"
    )
    p.add_argument(
        "--sheet",
        action="store_true",
        help="a new card for every adult of the case, on an A4 PDF with cut marks",
    )
    output_argument(p, "FILE", "card file: .svg, .png or .pdf (a sheet: .pdf)")
    p.add_argument("--force", action="store_true", help="replace FILE if it already exists")
    p.add_argument("--print", action="store_true", help="also send FILE to the printer (CUPS's lp)")


def run(args: argparse.Namespace) -> int:
    if args.sheet:
        return _sheet(args)
    if args.role is None:
        raise KioskError("give --role (whose card it is), or --sheet for every adult of the case")
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
    _issued_line(issued, f" written to {issued.path}; any earlier card of theirs no longer works.")
    _print(args, actual_size=False)
    return 0


def _sheet(args: argparse.Namespace) -> int:
    from kiosk.services.cards.sheet import issue_case_sheet, sheet_path_checked

    if args.role or args.first_name:
        raise KioskError("--sheet issues a card to every adult of the case: leave out --role")
    # Checked before the passphrase prompt, as for one card: a typo costs nothing.
    sheet_path_checked(args.output)
    with opened(args):
        sheet = issue_case_sheet(args.case, args.output, SystemClock().now(), replace=args.force)
    for issued in sheet.cards:
        # One line a card, its code first: a code is never read as the next card's.
        print(f"{issued.token}  {_whose(issued)}")
    print(
        f"{len(sheet.cards)} cards on an A4 sheet written to {sheet.path}; "
        "their earlier cards no longer work."
    )
    _print(args, actual_size=True)
    return 0


def _issued_line(issued: IssuedCard, after: str) -> None:
    # The code on a line of its own, then whose it is, as `kiosk card` has always printed.
    print(issued.token)
    print(f"{_whose(issued)}{after}")


def _whose(issued: IssuedCard) -> str:
    # The name and reference were typed by staff: nothing in them may drive the terminal.
    return f"Card for {plain(issued.first_name)} ({issued.role}, case {plain(issued.case_ref)})"


def _print(args: argparse.Namespace, *, actual_size: bool) -> None:
    if args.print:
        from kiosk import printing

        print(printing.send(args.output, actual_size=actual_size))
