"""The thread that reads the camera: frames in, card codes and the camera's state out.

Capture and decoding (tens of milliseconds a frame) run here, never on the UI
thread; the kiosk is told of each new code and of each change of state through
the two callbacks, which must be safe to call from this thread (the app's are
Textual messages). A camera that is missing, unplugged or busy is tried again
every RETRY_SECONDS until it works; the kiosk meanwhile carries on with the
keyboard wedge. The device is released when the reader stops.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from typing import TYPE_CHECKING

from kiosk.camera.decode import HeldCodes, codes_in
from kiosk.camera.frames import CameraUnavailable, FrameSource

if TYPE_CHECKING:
    from kiosk.camera.frames import Frame

RETRY_SECONDS = 5.0
# A frame with more than one card's code (a photo of an uncut sheet holds both parents'
# cards) is no scan: each answer would show the other parent's name. The door is told.
TWO_CARDS = "two cards in view"


class CameraReader:
    def __init__(
        self,
        source: FrameSource,
        on_code: Callable[[str], object],
        on_state: Callable[[bool, str], object],
        *,
        retry_seconds: float = RETRY_SECONDS,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        """on_state(ready, why): True when frames come; False with one line saying why not."""
        self.source, self.on_code, self.on_state = source, on_code, on_state
        self.retry_seconds, self.clock = retry_seconds, clock
        self.held = HeldCodes()
        self.frames = 0
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._said: tuple[bool, str] | None = None
        self._crowded_at = -1e18
        self._last_frame_at: float | None = None
        self._was_lost = False

    def start(self) -> None:
        self._thread = threading.Thread(target=self._run, name="camera", daemon=True)
        self._thread.start()

    def stop(self, timeout: float = 5.0) -> None:
        """Stop reading and let the device go (it is released in the reader's thread)."""
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout)
        self.source.close()

    @property
    def stopped(self) -> bool:
        return self._stop.is_set()

    def _run(self) -> None:
        while not self._stop.is_set():
            try:
                self.source.open()
                self._frames_until_stopped()
            except CameraUnavailable as exc:
                self.lost()
                self._state(False, str(exc))
            except Exception as exc:
                # OpenCV's own errors (a device that vanished mid-read): never a crash of
                # the kiosk, never the frame; the type alone says enough for the door.
                self.lost()
                self._state(False, f"the camera failed ({type(exc).__name__})")
            finally:
                self.source.close()
            self._stop.wait(self.retry_seconds)

    def _frames_until_stopped(self) -> None:
        while not self._stop.is_set():
            self.take(self.source.read(), self.clock())

    def lost(self) -> None:
        """The camera stopped giving pictures (unplugged, a folder gone): the time until its
        next frame is not counted as time a card was out of view (see `take`)."""
        self._was_lost = True

    def take(self, frame: Frame, at: float) -> list[str]:
        """Decode one frame taken at `at`; hand on (and return) the codes just come into view.

        The frame is not kept: once decoded, nothing here refers to it. The first frame
        after the camera was lost follows on from the last one before: a card in view
        then and now was never seen to leave (a USB hiccup is not a second showing).
        """
        if self._was_lost and self._last_frame_at is not None:
            self.held.resumed(at - self._last_frame_at)
        self._was_lost, self._last_frame_at = False, at
        self.frames += 1
        codes = list(dict.fromkeys(codes_in(frame)))
        # Codes seen together are held all the same, so a sheet moved until one card
        # leaves the view does not then check that one in.
        fresh = self.held.seen(codes, at)
        if len(codes) > 1:
            self._crowded_at, fresh = at, []
        crowded = at - self._crowded_at <= self.held.gone_after
        self._state(True, TWO_CARDS if crowded else "")
        for code in fresh:
            self.on_code(code)
        return fresh

    def _state(self, ready: bool, why: str) -> None:
        """Tell of a change: working or not, or the same but for another reason."""
        if (ready, why) != self._said:
            self._said = (ready, why)
            self.on_state(ready, why)
