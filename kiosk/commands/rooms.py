"""`kiosk rooms [list|add|retire|remove]`: the register of contact rooms and waiting areas."""

from __future__ import annotations

import argparse

from kiosk.clock import SystemClock
from kiosk.commands.common import add_act, add_acts, add_command, opened
from kiosk.services.centre import rooms
from kiosk.services.centre.rooms import still_using
from kiosk.services.store.forms import counted


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = add_command(sub, "rooms", "the centre's rooms: contact rooms and waiting areas", run_list)
    acts = add_acts(p, run_list)
    add_act(acts, "list", "every room, with its future sessions", run_list)
    add = add_act(acts, "add", "add a room (or bring a retired one back)", run_add)
    add.add_argument("name", metavar="NAME")
    add.add_argument(
        "--waiting", action="store_true", help="a waiting area (default: a contact room)"
    )
    retire = add_act(acts, "retire", "take a room out of use for new bookings", run_retire)
    retire.add_argument("name", metavar="NAME")
    remove = add_act(acts, "remove", "delete a room no future session uses", run_remove)
    remove.add_argument("name", metavar="NAME")


def run_list(args: argparse.Namespace) -> int:
    now = SystemClock().now()
    with opened(args):
        found = rooms.list_rooms(now)
    for r in found:
        state = f"retired {r.retired_on}" if r.retired_on else "in use"
        print(f"{r.name}\t{r.label}\t{state}\t{counted(r.future_sessions, 'future session')}")
    if not found:
        print("No rooms yet: add them with `kiosk rooms add NAME` (--waiting for a waiting area).")
    return 0


def run_add(args: argparse.Namespace) -> int:
    kind = "waiting" if args.waiting else "contact"
    with opened(args):
        room = rooms.add_room(args.name, kind, SystemClock().now())
    print(f"{room.name} is a {room.label} of the centre.")
    return 0


def run_retire(args: argparse.Namespace) -> int:
    with opened(args):
        future = rooms.retire_room(args.name, SystemClock().now())
    print(f"Retired {args.name.strip()}: no new bookings.", end="")
    print(f" {still_using(future)}" if future else "")
    return 0


def run_remove(args: argparse.Namespace) -> int:
    with opened(args):
        rooms.remove_room(args.name, SystemClock().now())
    print(f"Removed {args.name.strip()} from the register.")
    return 0
