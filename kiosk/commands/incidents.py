"""`kiosk incidents list|show`: the safeguarding concerns the door recorded, at the terminal.

Whoever holds the passphrase is trusted as the co-ordinator is: `show` prints an
incident's text and follow-up, is written in the audit log (by number, as "cli")
and ends its being new, as opening it on screen does.
"""

from __future__ import annotations

import argparse

from kiosk.clock import SystemClock
from kiosk.commands.common import add_command, opened, plain
from kiosk.services.safeguarding import incidents
from kiosk.services.safeguarding.incidents import IncidentDetail, Status

# Kept when what staff typed is printed: line breaks, tabs, and the joiners some scripts need.


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("incidents", help="safeguarding concerns recorded at the door")
    acts = p.add_subparsers(dest="act", required=True, metavar="{list,show}")
    lst = add_command(acts, "list", "one incident a line, new first", run_list)
    lst.add_argument("--status", choices=[s.value for s in Status], help="only those in it")
    show = add_command(acts, "show", "an incident's text and follow-up (audited)", run_show)
    show.add_argument("number", type=int, metavar="N", help="the incident's number")


def run_list(args: argparse.Namespace) -> int:
    status = Status(args.status) if args.status else None
    with opened(args):
        found = incidents.list_incidents(None, status)
    for i in found:
        when = i.at.isoformat(sep=" ", timespec="minutes")
        print("\t".join([str(i.id), i.status.label, when, i.about, plain(i.recorded_by)]))
    if not found:
        print("No incidents.")
    return 0


def run_show(args: argparse.Namespace) -> int:
    with opened(args):
        detail = incidents.open_incident(None, args.number, SystemClock().now())
    print("\n".join(_lines(detail)))
    return 0


def _indented(text: str) -> list[str]:
    return [f"  {line}" for line in plain(text).splitlines()] or ["  "]


def _lines(d: IncidentDetail) -> list[str]:
    s = d.summary
    lines = [
        f"Incident {s.id} ({s.status.label})",
        f"Recorded {s.at:%Y-%m-%d %H:%M} by {plain(s.recorded_by)}, about {s.about}",
        "What was recorded:",
        *_indented(d.description),
        "Follow-up:" if d.notes else "Follow-up: none yet",
    ]
    for note in d.notes:
        lines.append(f"  {note.at:%Y-%m-%d %H:%M} {plain(note.author)}:")
        lines += [f"  {line}" for line in _indented(note.text)]
    if d.action is not None:
        lines.append(f"What was done: {d.action.label}")
    lines += [
        f"Disclosure {x.id}: to {x.recipient}, {x.at:%Y-%m-%d %H:%M} ({x.reason})"
        for x in d.disclosures
    ]
    if d.closed_at is not None:
        lines.append(f"Closed {d.closed_at:%Y-%m-%d %H:%M} by {plain(d.closed_by)}. Outcome:")
        lines += _indented(d.outcome)
    return lines
