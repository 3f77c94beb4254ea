"""`kiosk policy set|show`: the centre's confidentiality policy and its yearly review."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from kiosk.clock import SystemClock
from kiosk.commands.common import db_options, iso_date, opened
from kiosk.services.release import policy


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("policy", help="store or show the centre's confidentiality policy")
    acts = p.add_subparsers(dest="act", required=True, metavar="{set,show}")
    s = acts.add_parser("set", parents=[db_options()], help="store a reviewed policy (Markdown)")
    s.add_argument("file", type=Path, metavar="FILE.md")
    s.add_argument("--reviewed-by", required=True, metavar="NAME")
    s.add_argument("--reviewed-on", required=True, type=iso_date, metavar="DATE")
    s.set_defaults(func=run_set)
    show = acts.add_parser("show", parents=[db_options()], help="print the policy in force")
    show.set_defaults(func=run_show)


def run_set(args: argparse.Namespace) -> int:
    try:
        text = args.file.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise policy.PolicyRefused(f"cannot read {args.file}: {exc}") from None
    now = SystemClock().now()
    with opened(args):
        view = policy.set_policy(text, args.reviewed_by, args.reviewed_on, now)
    print(f"Stored the policy, reviewed by {view.reviewed_by} on {view.reviewed_on}.")
    if view.review_overdue(now.date()):
        print("Note: that review is over 12 months old; the co-ordinator will be reminded.")
    return 0


def run_show(args: argparse.Namespace) -> int:
    with opened(args):
        view = policy.current()
    print(view.text.rstrip())
    print()
    if view.reviewed_on is None:
        print("-- The product's default policy: the centre has not stored its own yet.")
    else:
        print(f"-- Reviewed by {view.reviewed_by} on {view.reviewed_on}.")
    if view.review_overdue(SystemClock().now().date()):
        print("-- A review is due: the last one is over 12 months old.", file=sys.stderr)
    return 0
