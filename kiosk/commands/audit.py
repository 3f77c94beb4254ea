"""`kiosk audit`: read the audit log, filtered by date, actor and action."""

from __future__ import annotations

import argparse

from kiosk.commands.common import add_command, iso_date, opened, whole_number
from kiosk.services.release import audit_query

# More lines than any centre's audit log is likely to hold; a bound keeps it a number SQLite takes.
MAX_LIMIT = 1_000_000


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = add_command(sub, "audit", "read the audit log", run)
    p.add_argument("--from", dest="since", type=iso_date, metavar="DATE")
    p.add_argument("--until", type=iso_date, metavar="DATE")
    p.add_argument("--actor", default="", metavar="TEXT", help="part of a name, or cli/system")
    p.add_argument("--action", default="", metavar="ACTION", help="e.g. sign_in")
    p.add_argument(
        "--limit",
        type=whole_number(1, MAX_LIMIT),
        default=audit_query.DEFAULT_LIMIT,
        metavar="N",
        help=f"at most N entries, newest first (1 to {MAX_LIMIT}; default %(default)s)",
    )


def run(args: argparse.Namespace) -> int:
    with opened(args):
        # A mistyped action would find nothing and look like an empty log.
        audit_query.check_action(args.action)
        lines = audit_query.search(
            audit_query.AuditFilter(args.since, args.until, args.actor, args.action), args.limit
        )
    for line in lines:
        at = line.at.isoformat(sep=" ", timespec="seconds")
        print("\t".join([at, line.actor, line.action, line.record, line.detail]))
    return 0
