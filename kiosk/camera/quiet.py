"""Keeping the image libraries' own messages off the kiosk's screen.

libjpeg and libpng, inside OpenCV, write their complaints straight to file descriptor 2
("Corrupt JPEG data: 3 extraneous bytes", which a real webcam's stream causes often),
and Textual draws the kiosk on that same descriptor (sys.__stderr__). While a camera is
in use the terminal is moved to a descriptor of its own, which Python's stderr and
Textual use, and descriptor 2 itself goes to /dev/null: a native library's message is
lost, everything of the kiosk's own (its screen, a crash's one line) still shows. The
messages name no person and hold no picture; they are dropped rather than logged.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def native_messages_hidden() -> Iterator[None]:
    """Within: Python's stderr is the terminal, descriptor 2 is /dev/null."""
    kept = sys.stderr, sys.__stderr__
    sys.stderr.flush()
    terminal = os.fdopen(
        os.dup(2), "w", buffering=1, encoding=sys.stderr.encoding, errors=sys.stderr.errors
    )
    null = os.open(os.devnull, os.O_WRONLY)
    # Set before Textual's driver starts: it takes sys.__stderr__ as the screen.
    sys.stderr = terminal
    setattr(sys, "__stderr__", terminal)  # noqa: B010 - typeshed calls it Final
    os.dup2(null, 2)
    try:
        yield
    finally:
        terminal.flush()
        os.dup2(terminal.fileno(), 2)
        sys.stderr = kept[0]
        setattr(sys, "__stderr__", kept[1])  # noqa: B010
        terminal.close()
        os.close(null)
