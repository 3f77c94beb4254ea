"""`kiosk run` (the default): the full-screen kiosk at the entrance."""

from __future__ import annotations

import argparse

from kiosk.clock import SystemClock
from kiosk.commands.common import add_command, open_from
from kiosk.config import Config
from kiosk.services import store


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    add_command(sub, "run", "show the kiosk (the default command)", run)


def run(args: argparse.Namespace) -> int:
    return launch(open_from(args))


def launch(config: Config) -> int:
    """Run the kiosk on the already-open database until a co-ordinator closes it."""
    # Imported here so that commands which never draw a screen start quickly.
    from kiosk.app import KioskApp

    try:
        return KioskApp(clock=SystemClock()).serve()
    finally:
        store.close()
