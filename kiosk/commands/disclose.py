"""`kiosk disclose safeguarding|list`: record a safeguarding disclosure, read the log."""

from __future__ import annotations

import argparse
from datetime import datetime

from kiosk.clock import SystemClock
from kiosk.commands.common import db_options, opened
from kiosk.services.release import disclosures
from kiosk.services.release.disclosures import Reason
from kiosk.services.store.forms import read_moment


def when(text: str) -> datetime:
    """argparse type: "YYYY-MM-DD HH:MM" or "DD/MM/YYYY HH:MM", with no time zone."""
    try:
        return read_moment(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("disclose", help="safeguarding disclosures and the disclosure log")
    acts = p.add_subparsers(dest="act", required=True, metavar="{safeguarding,list}")
    s = acts.add_parser(
        "safeguarding",
        parents=[db_options()],
        help="record information shared with Children's Services or the police",
    )
    s.add_argument("--case", required=True, metavar="REF")
    s.add_argument(
        "--to", required=True, metavar="RECIPIENT", help='e.g. "Children\'s Services" or "Police"'
    )
    s.add_argument(
        "--reason",
        required=True,
        choices=[r.value for r in Reason],
        help="; ".join(f"{r.value}: {r.label}" for r in Reason),
    )
    s.add_argument("--what", required=True, metavar="TEXT", help="what was shared")
    s.add_argument("--at", type=when, metavar="TIME", help="when it was shared (default: now)")
    s.set_defaults(func=run_record)
    lst = acts.add_parser("list", parents=[db_options()], help="a case's disclosure log")
    lst.add_argument("--case", required=True, metavar="REF")
    lst.set_defaults(func=run_list)


def run_record(args: argparse.Namespace) -> int:
    now = SystemClock().now()
    with opened(args):
        view = disclosures.record_safeguarding(
            args.case,
            recipient=args.to,
            reason=args.reason,
            what=args.what,
            shared_at=args.at or now,
            now=now,
            by=None,
        )
    print(f"Recorded disclosure {view.id} to {view.recipient} for case {view.case_ref}.")
    return 0


def run_list(args: argparse.Namespace) -> int:
    with opened(args):
        views = disclosures.for_case(args.case)
    for v in views:
        period = f"{v.period_from} to {v.period_until}" if v.period_from else ""
        fields = [
            v.at.isoformat(sep=" ", timespec="minutes"),
            v.kind,
            v.recipient,
            v.made_by,
            v.reason,
            period,
            v.what,
        ]
        # A disclosure made in following up an incident names it (kiosk incidents show N).
        print("\t".join(fields + ([f"incident {v.incident_id}"] if v.incident_id else [])))
    if not views:
        print(f"No disclosures for case {args.case}.")
    return 0
