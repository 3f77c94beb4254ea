"""`kiosk closures list|add|remove`: the centre's closed days and its nation's bank holidays."""

from __future__ import annotations

import argparse
from datetime import timedelta

from kiosk.clock import SystemClock
from kiosk.commands.common import add_act, add_acts, add_command, iso_date, opened
from kiosk.services.centre import closures
from kiosk.services.diary import closing
from kiosk.services.store.forms import counted


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = add_command(sub, "closures", "days the centre is closed, bank holidays included", run_list)
    acts = add_acts(p, run_list)
    lst = add_act(acts, "list", "closed days from today for a year (or --from/--until)", run_list)
    lst.add_argument("--from", dest="start", type=iso_date, metavar="DATE")
    lst.add_argument("--until", type=iso_date, metavar="DATE")
    add = add_act(acts, "add", "close the centre on a day", run_add)
    add.add_argument("day", type=iso_date, metavar="DATE")
    add.add_argument("--reason", default="", metavar="TEXT")
    add.add_argument(
        "--cancel-booked",
        action="store_true",
        help="cancel the sessions booked that day (by the centre, with notice)",
    )
    remove = add_act(acts, "remove", "open the centre again on a day it closed", run_remove)
    remove.add_argument("day", type=iso_date, metavar="DATE")


def run_list(args: argparse.Namespace) -> int:
    today = SystemClock().now().date()
    start = getattr(args, "start", None) or today
    until = getattr(args, "until", None) or start + timedelta(days=365)
    with opened(args):
        found = closures.list_closed(start, until)
    for c in found:
        kind = "bank holiday" if c.bank_holiday else "closure"
        print(f"{c.day:%Y-%m-%d}\t{c.day:%a}\t{kind}\t{c.reason}")
    if not found:
        print(f"The centre is open every day from {start} to {until}.")
    return 0


def run_add(args: argparse.Namespace) -> int:
    now = SystemClock().now()
    with opened(args):
        done = closing.close_day(args.day, args.reason, now, cancel_booked=args.cancel_booked)
    print(f"The centre is closed on {args.day:%a %d %b %Y} ({done.closed.reason}).")
    for s in done.cancelled:
        print(f"cancelled\t{s.id}\t{s.case_ref}\t{s.times}\t{s.room}")
    for s in done.booked:
        print(f"booked\t{s.id}\t{s.case_ref}\t{s.times}\t{s.room}")
    if done.booked:
        print(
            f"{counted(len(done.booked), 'session')} still booked that day: add --cancel-booked "
            "to cancel them, or move them (kiosk bookings move)."
        )
    return 0


def run_remove(args: argparse.Namespace) -> int:
    with opened(args):
        closures.remove_closure(args.day, SystemClock().now())
    print(f"The centre is open again on {args.day:%a %d %b %Y}.")
    return 0
