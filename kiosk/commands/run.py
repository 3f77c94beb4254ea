"""`kiosk run` (the default): the full-screen kiosk at the entrance."""

from __future__ import annotations

import argparse
import contextlib
import importlib
import threading
from collections.abc import Iterator
from typing import TYPE_CHECKING

from kiosk.clock import SystemClock
from kiosk.commands.common import add_command, open_from
from kiosk.config import Config
from kiosk.services import store
from kiosk.services.store import camera_state, settings
from models import KioskError

if TYPE_CHECKING:
    from kiosk.camera.frames import FrameSource

# `--camera` alone: the camera setting if there is one, else the first camera.
FIRST_CAMERA = "0"


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = add_command(sub, "run", "show the kiosk (the default command)", run)
    p.add_argument(
        "--camera",
        nargs="?",
        const="",
        metavar="DEVICE",
        help="read cards with a camera too: its number (0), its device (/dev/video0) or a "
        "folder of pictures to play; alone, the `camera` setting or the first camera",
    )


def run(args: argparse.Namespace) -> int:
    if args.camera is not None:
        _camera_installed()  # before the passphrase prompt: a missing extra costs nothing
    with loading("kiosk.app"):
        config = open_from(args)
    try:
        device = _device(args.camera)
    except BaseException:
        store.close()
        raise
    return launch(config, device)


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


def _camera_installed() -> None:
    from kiosk.camera import missing_extra

    hint = missing_extra()
    if hint is not None:
        raise KioskError(hint)


def _device(asked: str | None) -> str:
    """The camera to read: --camera's, else the setting's; "" for none."""
    if asked:
        return asked
    configured = settings.get("camera")
    return configured or (FIRST_CAMERA if asked is not None else "")


def launch(config: Config, camera: str = "") -> int:
    """Run the kiosk on the already-open database until a co-ordinator closes it."""
    # Imported here so that commands which never draw a screen start quickly.
    from kiosk.app import KioskApp

    source = _source(camera)
    if source is None:
        camera_state.forget()
    try:
        if source is None:
            return KioskApp(clock=SystemClock(), camera=source).serve()
        from kiosk.camera.quiet import native_messages_hidden

        # libjpeg's complaints about a webcam's frames must not print over the parent screen.
        with native_messages_hidden():
            return KioskApp(clock=SystemClock(), camera=source).serve()
    finally:
        store.close()


def _source(device: str) -> FrameSource | None:
    """The frame source for device, or None. A camera set in the settings but not
    installed here is the door's to know about, not a reason to stop the kiosk."""
    if not device:
        return None
    from kiosk.camera import missing_extra
    from kiosk.camera.frames import UnavailableSource, source_for

    hint = missing_extra()
    return UnavailableSource(hint) if hint else source_for(device)
