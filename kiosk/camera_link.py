"""The kiosk's end of the camera: the reader's thread, its messages, and the door's word.

The reader (kiosk/camera/reader.py) runs in its own thread and posts two Textual
messages to the app, which is safe from another thread: CameraSeen with a card's
code and CameraState when the camera starts or stops giving pictures. The app
hands each code to the screen on top (`take_camera_code`: the parent screen's scan,
or the door console's), and the state goes to the database for the door console,
which may be another process. A write the database refuses is kept and tried again
on the app's next beat: the camera's state must not be lost to a moment's lock.
"""

from __future__ import annotations

from textual.app import App
from textual.message import Message

from kiosk.camera.frames import FrameSource
from kiosk.camera.reader import RETRY_SECONDS, CameraReader
from kiosk.services.store import camera_state
from kiosk.services.store.faults import StoreFault


class CameraSeen(Message):
    """A card's code has just come into the camera's view."""

    def __init__(self, code: str) -> None:
        super().__init__()
        self.code = code


class CameraState(Message):
    """The camera started (ready) or stopped giving pictures (why: for the door only)."""

    def __init__(self, ready: bool, why: str) -> None:
        super().__init__()
        self.ready, self.why = ready, why


class CameraLink:
    def __init__(
        self,
        app: App[None],
        source: FrameSource,
        *,
        retry_seconds: float = RETRY_SECONDS,
    ) -> None:
        self.reader = CameraReader(
            source,
            lambda code: app.post_message(CameraSeen(code)),
            lambda ready, why: app.post_message(CameraState(ready, why)),
            retry_seconds=retry_seconds,
        )
        self.ready = False
        self._unrecorded: tuple[str, str] | None = None

    def start(self) -> None:
        self.reader.start()

    def changed(self, message: CameraState) -> None:
        if self.reader.stopped:
            return  # posted just before the kiosk closed: the door is told "off" already
        self.ready = message.ready
        state = camera_state.READY if message.ready else camera_state.UNAVAILABLE
        self._unrecorded = (state, message.why)
        self.record()

    def record(self) -> None:
        """Write the state not yet written, if any; on a fault, the next beat tries again."""
        if self._unrecorded is None:
            return
        try:
            camera_state.record(*self._unrecorded)
        except StoreFault:
            return
        self._unrecorded = None

    def stop(self) -> None:
        """Release the camera, and tell the door no camera is in use any more."""
        self.reader.stop()
        self.ready = False
        self._unrecorded = (camera_state.OFF, "")
        self.record()
