"""Reading cards with a camera, for a kiosk without a keyboard-wedge scanner.

`frames` (where pictures come from: a device through OpenCV, or images played in a
loop), `decode` (the card codes in a picture, and the rule that a code held in view
counts once) and `reader` (the thread that runs them and reports codes and whether
the camera works). The screens hand each code to the same scan path as the wedge.

No picture is ever shown, stored or logged: each frame is decoded and dropped in
the reader's thread, and `quiet` keeps the image libraries' own messages off the
screen. OpenCV and zxing-cpp are the optional `[camera]` extra, loaded
only when a camera is asked for; `missing_extra()` says what to install.

Imports kiosk.services.cards.tokens (what a card's code looks like) and nothing of
Textual, so the reader can be tested and benchmarked without an app.
"""

from __future__ import annotations

import importlib

# Named with the environment's own pip: a bare `pip` is often another Python's.
INSTALL_HINT = (
    "camera support is not installed: in the kiosk's folder, "
    ".venv/bin/pip install -e '.[camera]' (OpenCV and zxing-cpp)"
)


def missing_extra() -> str | None:
    """The one line to print when the `[camera]` extra is not installed, else None."""
    try:
        for name in ("numpy", "cv2", "zxingcpp"):
            importlib.import_module(name)
    except ImportError:
        return INSTALL_HINT
    return None
