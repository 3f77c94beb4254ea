"""The image libraries' own messages never reach the kiosk's screen.

libjpeg and libpng write to file descriptor 2 themselves ("Corrupt JPEG data: premature
end of data segment"; a real webcam's stream says "N extraneous bytes" often), and
Textual draws the kiosk on that same terminal. Run in a child process, so that what
reaches its descriptor 2 is what a person at the screen would see.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import cv2

from tests.support.card_photos import card_photos
from tests.support.cli import ROOT

PLAY = """
import sys
from pathlib import Path
from kiosk.camera.frames import ImageSource
from kiosk.camera.quiet import native_messages_hidden

with native_messages_hidden():
    source = ImageSource(folder=Path(sys.argv[1]))
    source.open()
    source.read()
    print("the kiosk's own line", file=sys.stderr)
print("after the camera", file=sys.stderr)
"""


def _broken_pictures(folder: Path) -> None:
    folder.mkdir()
    frame = next(card_photos(1, seed=4)).frame
    jpeg = cv2.imencode(".jpg", frame)[1].tobytes()
    png = cv2.imencode(".png", frame)[1].tobytes()
    (folder / "000.png").write_bytes(png)
    (folder / "001.jpg").write_bytes(jpeg[: len(jpeg) // 2])
    (folder / "002.png").write_bytes(png[: len(png) // 2])


def test_a_truncated_picture_puts_nothing_on_the_screen_but_the_kiosk_still_speaks(
    tmp_path: Path,
) -> None:
    _broken_pictures(tmp_path / "camera")
    done = subprocess.run(
        [sys.executable, "-c", PLAY, str(tmp_path / "camera")],
        cwd=ROOT,
        capture_output=True,
        text=True,
        stdin=subprocess.DEVNULL,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    # Python's own stderr (a crash's line, Textual's drawing) still reaches the terminal.
    assert done.stderr.splitlines() == ["the kiosk's own line", "after the camera"]
