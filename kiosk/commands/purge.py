"""`kiosk purge`: destroy what the retention policy says is due."""

from __future__ import annotations

import argparse
import sys
from datetime import date

from kiosk.clock import SystemClock
from kiosk.commands.common import add_command, opened
from kiosk.commands.safety import confirm
from kiosk.services.retention import purge as retention
from kiosk.services.store.forms import read_date


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = add_command(
        sub, "purge", "destroy cases unused for three years and long-gone volunteers", run
    )
    p.add_argument(
        "--as-of", metavar="DATE", help="count from DATE (YYYY-MM-DD, not later than today)"
    )
    p.add_argument("--dry-run", action="store_true", help="show what is due and stop")
    p.add_argument("--yes", action="store_true", help="do not ask for confirmation")


def _as_of(raw: str | None, today: date) -> date:
    if raw is None:
        return today
    try:
        as_of = read_date(raw)
    except ValueError as exc:
        raise retention.PurgeError(f"--as-of: {exc}") from None
    if as_of > today:
        # A date in the future would destroy records before they are due.
        raise retention.PurgeError("--as-of cannot be later than today")
    return as_of


def _show(report: retention.DueReport) -> None:
    print(
        f"As of {report.as_of}: cases last used before {report.case_cutoff}, "
        f"volunteers who left before {report.volunteer_cutoff}."
    )
    if report.is_empty:
        return
    for kind in retention.KINDS:
        if report.counts[kind]:
            print(f"  {kind:<13}{report.counts[kind]:>8}")
    if report.case_refs:
        print("Cases: " + ", ".join(report.case_refs))
    if report.volunteer_names:
        print("Volunteers: " + ", ".join(report.volunteer_names))


def _progress(step: retention.PurgeStep) -> None:
    if not sys.stderr.isatty():
        return
    label = {"delete": "Deleting", "checkpoint": "Scrubbing", "vacuum": "Compacting"}[step.stage]
    end = "\n" if step.stage == "vacuum" and step.done == step.total else ""
    print(f"\r{label}: {step.done}/{step.total}   ", end=end, file=sys.stderr, flush=True)


def run(args: argparse.Namespace) -> int:
    now = SystemClock().now()
    as_of = _as_of(args.as_of, now.date())
    with opened(args):
        report = retention.due(as_of)
        _show(report)
        if report.is_empty:
            print("Nothing is due.")
            return 0
        if args.dry_run:
            print("Dry run: nothing was deleted.")
            return 0
        confirm("Destroy these records for good?", yes=args.yes)
        result = retention.purge(as_of, now, actor_label="cli", progress=_progress)
    print(retention.summary(result))
    if result.card_files:
        print(f"Removed {result.card_files} card files from the card folder.")
    if result.card_files_left:
        print(f"{result.card_files_left} card files could not be removed: delete them by hand.")
    if not result.wal_cleared:
        print("Another program was reading: run `kiosk purge` again when the kiosk is closed.")
    return 0
