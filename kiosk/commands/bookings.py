"""`kiosk bookings list|cancel|move`: a case's sessions, and acts ahead of the day."""

from __future__ import annotations

import argparse
from datetime import datetime, time

from kiosk.clock import SystemClock
from kiosk.commands.common import add_act, add_acts, add_command, case_argument, iso_date, opened
from kiosk.services.diary import acts, sessions
from kiosk.services.diary.sessions import DiaryError, SessionLine


def hh_mm(text: str) -> time:
    """argparse type: a 24-hour time, HH:MM."""
    try:
        return datetime.strptime(text.strip(), "%H:%M").time()
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a 24-hour time (HH:MM)") from None


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = add_command(
        sub, "bookings", "a case's sessions; cancel or move one ahead of its day", _no_act
    )
    acts_ = add_acts(p, _no_act)
    lst = add_act(acts_, "list", "a case's sessions, one a line", run_list)
    case_argument(lst)
    lst.add_argument("--from", dest="start", type=iso_date, metavar="DATE")
    lst.add_argument("--until", type=iso_date, metavar="DATE")
    cancel = add_act(acts_, "cancel", "cancel a session nobody has arrived for", run_cancel)
    cancel.add_argument(
        "number", type=int, metavar="N", help="the session's number (bookings list)"
    )
    cancel.add_argument("--by", required=True, choices=acts.CANCELLED_BY)
    cancel.add_argument("--with-notice", action="store_true", help="the family gave notice")
    cancel.add_argument("--reason", default="", metavar="TEXT")
    cancel.add_argument(
        "--rest-of-series", action="store_true", help="and every later session of its series"
    )
    move = add_act(acts_, "move", "move a session: every booking check applies", run_move)
    move.add_argument("number", type=int, metavar="N")
    move.add_argument("--date", type=iso_date, metavar="DATE")
    move.add_argument("--start", type=hh_mm, metavar="HH:MM")
    move.add_argument("--end", type=hh_mm, metavar="HH:MM")
    move.add_argument("--room", metavar="ROOM")
    move.add_argument("--reason", default="", metavar="TEXT")
    move.add_argument("--allow-past", action="store_true", help="move it to a time already past")


def _no_act(args: argparse.Namespace) -> int:
    raise DiaryError("say what to do: kiosk bookings list|cancel|move (see --help)")


def _print(s: SessionLine) -> None:
    print(f"{s.id}\t{s.starts_at:%Y-%m-%d}\t{s.times}\t{s.room}\t{s.service}\t{s.outcome}")


def run_list(args: argparse.Namespace) -> int:
    with opened(args):
        found = sessions.case_sessions(args.case, args.start, args.until)
    for s in found:
        _print(s)
    if not found:
        print(f"No sessions for case {args.case} in that period.")
    return 0


def run_cancel(args: argparse.Namespace) -> int:
    now = SystemClock().now()
    cancel = acts.cancel_rest_of_series if args.rest_of_series else acts.cancel
    with opened(args):
        done = cancel(args.number, args.by, args.with_notice, now, reason=args.reason)
    for s in done if isinstance(done, list) else [done]:
        _print(s)
    return 0


def run_move(args: argparse.Namespace) -> int:
    if not any((args.date, args.start, args.end, args.room)):
        raise DiaryError("say where to: --date, --start, --end or --room")
    change = acts.Move(args.date, args.start, args.end, args.room, args.reason)
    with opened(args):
        outcome = acts.move(args.number, change, SystemClock().now(), confirm=args.allow_past)
    if outcome.refusals:
        raise DiaryError("not moved: " + "; ".join(outcome.refusals))
    if outcome.moved is None:
        raise DiaryError("not moved: " + "; ".join(outcome.warnings) + " (add --allow-past)")
    _print(outcome.moved)
    return 0
