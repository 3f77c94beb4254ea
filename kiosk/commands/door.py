"""`kiosk door`: the door console alone, for a second terminal at the door.

It opens the same database file as a running `kiosk run`: SQLite's WAL lets
the two processes share it, and each shows the other's writes at its next
refresh (every second).
"""

from __future__ import annotations

import argparse

from kiosk.clock import SystemClock
from kiosk.commands.common import add_command, opened


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    add_command(
        sub, "door", "show the door console alone (beside a running kiosk, same database)", run
    )


def run(args: argparse.Namespace) -> int:
    # Imported here so that commands which never draw a screen start quickly.
    from kiosk.door_app import DoorApp

    with opened(args):
        return DoorApp(clock=SystemClock()).serve()
