"""Where the camera's pictures come from: a device, or images played in a loop.

A source gives grey-scale frames as numpy arrays, one at a time; the reader decodes
each and drops it. A source that cannot give a picture (no device, unplugged, held
by another program, a folder gone) raises CameraUnavailable, and the reader tries
again later. Nothing here writes a picture anywhere.
"""

from __future__ import annotations

import time
import warnings
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

if TYPE_CHECKING:
    import numpy as np
    from numpy.typing import NDArray

    Frame = NDArray[np.uint8]

# The frame size and rate asked of a device: enough for a card at arm's length,
# little enough to decode every frame on a laptop (bench/camera.py).
WIDTH, HEIGHT, FPS = 640, 480, 15
IMAGE_SUFFIXES = (".png", ".jpg", ".jpeg")
# The largest picture the picture source decodes: well above any webcam's frame.
MAX_SIDE, MAX_PIXELS = 4096, 16_000_000
# How often a played folder is listed again: a card "held up" by copying a photo in is
# seen within a second, and listing a folder of a few files once a second costs nothing.
RELIST_SECONDS = 1.0


def opencv() -> Any:
    """OpenCV, with its own logging silenced: its warnings go to stderr, which is the kiosk's
    screen (a missing camera would print over the parent screen)."""
    import cv2

    cv2.utils.logging.setLogLevel(cv2.utils.logging.LOG_LEVEL_SILENT)
    return cv2


class CameraUnavailable(Exception):
    """No picture from the camera now; the words are for the door console, never a parent."""


class FrameSource(Protocol):
    def open(self) -> None:
        """Start giving frames; raises CameraUnavailable."""

    def read(self) -> Frame:
        """The next frame, grey-scale; raises CameraUnavailable."""

    def close(self) -> None:
        """Let the device go; safe to call twice."""


class DeviceSource:
    """A webcam through OpenCV's headless capture: a number (0) or a path (/dev/video0)."""

    def __init__(self, device: int | str, width: int = WIDTH, height: int = HEIGHT) -> None:
        self.device, self.width, self.height = device, width, height
        self._capture: object | None = None

    def open(self) -> None:
        cv2 = opencv()
        capture = cv2.VideoCapture(self.device)
        if not capture.isOpened():
            capture.release()
            raise CameraUnavailable(f"no camera at {self.device}, or another program has it")
        capture.set(cv2.CAP_PROP_FRAME_WIDTH, self.width)
        capture.set(cv2.CAP_PROP_FRAME_HEIGHT, self.height)
        capture.set(cv2.CAP_PROP_FPS, FPS)
        self._capture = capture

    def read(self) -> Frame:
        cv2 = opencv()
        capture = self._capture
        if capture is None:
            raise CameraUnavailable("the camera is not open")
        ok, frame = capture.read()  # type: ignore[attr-defined]
        if not ok or frame is None:
            raise CameraUnavailable(f"the camera at {self.device} stopped giving pictures")
        grey: Frame = cv2.cvtColor(frame, cv2.COLOR_BGR2GRAY)
        return grey

    def close(self) -> None:
        capture, self._capture = self._capture, None
        if capture is not None:
            capture.release()  # type: ignore[attr-defined]


class ImageSource:
    """Pictures played in a loop instead of a device: for tests, benchmarks and a trial run.

    Either frames given in memory, or the image files of a folder. A folder played in a
    loop is listed afresh every `relist_seconds` as it plays, so copying a photo in is
    holding a card up and deleting it is taking the card away; a folder with no picture
    in it is a camera with no card in view (a blank frame), while taking the folder
    itself away is a camera unplugged. A folder's pictures are decoded one at a time as
    they are played, never all held at once, and a picture larger than a camera gives
    is left out from its header alone (see `fits`).
    """

    def __init__(
        self,
        frames: Sequence[Frame] | None = None,
        *,
        folder: Path | None = None,
        loop: bool = True,
        fps: float = FPS,
        relist_seconds: float = RELIST_SECONDS,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._given = list(frames) if frames is not None else None
        self.folder, self.loop = folder, loop
        # A device's read waits for its next frame; pictures are given at the same pace.
        self.pace = Pace(fps)
        self.relist_seconds, self.clock = relist_seconds, clock
        self._listed_at = -1e18
        self._fits = FitsCache()
        self._items: Sequence[Frame | Path] = []
        self._next = 0
        self.opened = False

    def open(self) -> None:
        self._items = self._given if self._given is not None else self._listed()
        if self._given is not None and not self._items:
            raise CameraUnavailable("no pictures to play")
        self._next, self.opened = 0, True

    def _listed(self) -> list[Path]:
        folder = self.folder
        if folder is None or not folder.is_dir():
            raise CameraUnavailable(f"no picture folder at {folder}")
        self._listed_at = self.clock()
        names = sorted(p for p in folder.iterdir() if p.suffix.lower() in IMAGE_SUFFIXES)
        self._fits.keep(names)
        return [name for name in names if self._fits(name)]

    def _relist_when_due(self) -> None:
        """List a played folder again once its time is up: a picture copied in or deleted
        meanwhile is then in or out of view. Playing carries on at the same place."""
        if not self._following() or self.clock() - self._listed_at < self.relist_seconds:
            return
        try:
            self._items = self._listed()
        except OSError as exc:  # the folder went as it was listed
            raise CameraUnavailable(f"the picture folder {self.folder} went away") from exc

    def read(self) -> Frame:
        self.pace.wait()
        if not self.opened:
            raise CameraUnavailable("the picture source is not open")
        if self.folder is not None and not self.folder.is_dir():
            raise CameraUnavailable(f"the picture folder {self.folder} went away")
        self._relist_when_due()
        if not self._items:
            return blank_frame()  # an empty folder: the camera sees no card
        # A picture that will not decode (cut short, changed meanwhile) is passed over.
        for _ in self._items:
            frame = _decoded(self._take())
            if frame is not None:
                return frame
        if self._following():
            # Deleted (or half copied) since the last listing: no card in view until the
            # next one, rather than a camera lost for the retry's five seconds.
            return blank_frame()
        raise CameraUnavailable("none of the pictures can be read")

    def _following(self) -> bool:
        """Whether this plays a folder as it changes (not frames given, nor one pass)."""
        return self._given is None and self.loop

    def _take(self) -> Frame | Path:
        if self._next >= len(self._items):
            if not self.loop:
                raise CameraUnavailable("the pictures ran out")
            self._next = 0
        item = self._items[self._next]
        self._next += 1
        return item

    def close(self) -> None:
        self.opened = False


def fits(path: Path) -> bool:
    """Whether path is a picture no larger than a camera gives, from its header alone.

    A 16000x16000 PNG is a few hundred kilobytes on disk and half a gigabyte, and
    seconds of work, once decoded: it is left out before it is. Pillow reads only the
    header here; what it takes for a decompression bomb is left out too.
    """
    from PIL import Image

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(path) as image:
                width, height = image.size
    except (OSError, ValueError, Image.DecompressionBombWarning, Image.DecompressionBombError):
        return False  # not a picture, or not one to decode
    return max(width, height) <= MAX_SIDE and width * height <= MAX_PIXELS


class FitsCache:
    """`fits` remembered by each file's size and time of change, so listing a folder
    every second reads the header of a picture only when it is new or changed."""

    def __init__(self) -> None:
        self._known: dict[Path, tuple[tuple[int, int], bool]] = {}

    def __call__(self, path: Path) -> bool:
        try:
            stat = path.stat()
        except OSError:
            return False  # gone as it was listed
        key = (stat.st_size, stat.st_mtime_ns)
        known = self._known.get(path)
        if known is None or known[0] != key:
            known = (key, fits(path))
            self._known[path] = known
        return known[1]

    def keep(self, paths: list[Path]) -> None:
        """Forget the files no longer in the folder."""
        present = set(paths)
        self._known = {p: v for p, v in self._known.items() if p in present}


def blank_frame() -> Frame:
    """What a camera with no card in front of it gives, as far as the decoder cares."""
    import numpy as np

    return np.zeros((HEIGHT, WIDTH), dtype=np.uint8)


def _decoded(item: Frame | Path) -> Frame | None:
    """A frame given in memory as it is; a picture file decoded in grey, None if it cannot be."""
    if not isinstance(item, Path):
        return item
    if not fits(item):
        return None  # changed since it was listed
    frame = opencv().imread(str(item), opencv().IMREAD_GRAYSCALE)
    if frame is None:
        return None
    grey: Frame = frame.astype("uint8", copy=False)
    return grey


class UnavailableSource:
    """A camera that cannot be had here (its libraries are not installed): always unavailable,
    so the door says why while the kiosk carries on with the scanner."""

    def __init__(self, why: str) -> None:
        self.why = why

    def open(self) -> None:
        raise CameraUnavailable(self.why)

    def read(self) -> Frame:
        raise CameraUnavailable(self.why)

    def close(self) -> None:
        pass


def source_for(device: str) -> FrameSource:
    """`--camera DEVICE`: a number or a device (/dev/...) is a webcam; anything else is a
    folder of pictures to play (not there yet: the camera not plugged in yet)."""
    if device.isdigit():
        return DeviceSource(int(device))
    path = Path(device)
    if path.is_char_device() or path.parts[:2] == ("/", "dev"):
        return DeviceSource(device)
    return ImageSource(folder=path)


class Pace:
    """Waits out the rest of each frame's share of a second, so pictures come at a
    camera's rate (a device's own read already waits for its next frame)."""

    def __init__(
        self,
        fps: float,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], object] = time.sleep,
    ) -> None:
        self.interval, self.clock, self.sleep = 1 / fps, clock, sleep
        self._due = clock()

    def wait(self) -> None:
        now = self.clock()
        self._due = max(self._due + self.interval, now)
        if self._due > now:
            self.sleep(self._due - now)
