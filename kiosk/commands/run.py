"""`kiosk run` (the default): the full-screen kiosk at the entrance."""

from __future__ import annotations

import argparse
import contextlib
import importlib
import threading
from collections.abc import Iterator

from kiosk.clock import SystemClock
from kiosk.commands.common import add_command, open_from
from kiosk.config import Config
from kiosk.services import store


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    add_command(sub, "run", "show the kiosk (the default command)", run)


def run(args: argparse.Namespace) -> int:
    with loading("kiosk.app"):
        config = open_from(args)
    return launch(config)


@contextlib.contextmanager
def loading(module: str) -> Iterator[None]:
    """Import module on another thread while the block opens the database.

    Opening derives the key (SQLCipher's PBKDF2, a tenth of a second or more, in C
    with Python's lock released) and the screens' imports are Python: on two cores
    the one hides most of the other, and the parent screen is up that much sooner.
    The block's end waits for the import, so nothing is left loading at exit.
    """
    thread = threading.Thread(target=_import_quietly, args=(module,), daemon=True)
    thread.start()
    try:
        yield
    finally:
        thread.join()


def _import_quietly(module: str) -> None:
    # A failed import fails again where the module is used, on the main thread, where
    # the error is reported as every other is (kiosk/cli.py); never a thread's traceback.
    with contextlib.suppress(Exception):
        importlib.import_module(module)


def launch(config: Config) -> int:
    """Run the kiosk on the already-open database until a co-ordinator closes it."""
    # Imported here so that commands which never draw a screen start quickly.
    from kiosk.app import KioskApp

    try:
        return KioskApp(clock=SystemClock()).serve()
    finally:
        store.close()
