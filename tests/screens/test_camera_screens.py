"""The camera at the kiosk: the parent's scan, the door's word, and nothing else shown.

The camera is a picture source (kiosk/camera/frames.py ImageSource) playing photos
made from the real card renderer's output; the reader runs in its own thread as at
the entrance. There is no camera on a test machine, and none is needed.
"""

from __future__ import annotations

import random
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import cv2
from textual.app import App
from textual.pilot import Pilot

from kiosk.app import KioskApp
from kiosk.camera.frames import ImageSource
from kiosk.camera_link import CameraLink, CameraSeen, CameraState
from kiosk.clock import FixedClock
from kiosk.door_app import DoorApp
from kiosk.services.store import camera_state
from models import Attendance, Role
from screens.door.console import DoorConsole
from screens.parent.idle import CAMERA_READY, CARD_SEEN, IdleScreen
from tests.support.builders import DAY, TwoPartyCase, person
from tests.support.card_photos import card_image, empty_photos, photo
from tests.support.fault_helpers import lock_held
from tests.support.pilots import (
    PARENT_SIZE,
    HostApp,
    burst,
    parent_sees,
    screen_text,
    settle,
    sign_in,
    text_of,
    until,
)

Compare = Callable[..., bool]


def _photos_of(code: str, count: int = 4) -> list[Any]:
    rng, card = random.Random(7), card_image(code)
    return [photo(rng, card, code).frame for _ in range(count)]


def _kiosk(source: ImageSource, hour: int = 9, minute: int = 45) -> KioskApp:
    clock = FixedClock(DAY.replace(hour=hour, minute=minute))
    # Tried again at once rather than every five seconds: the test waits for nothing.
    return KioskApp(clock, camera=source, camera_retry=0.02)


def _mark(app: KioskApp) -> str:
    idle = next(s for s in app.screen_stack if isinstance(s, IdleScreen))
    mark = idle.query_one("#camera-mark")
    return text_of(idle, "#camera-mark") if mark.display else ""


async def test_a_card_held_to_the_camera_checks_in_once_as_a_scan_would(
    two_party_case: TwoPartyCase,
) -> None:
    source = ImageSource(_photos_of(two_party_case.visiting), fps=60)
    app = _kiosk(source)
    async with app.run_test(size=PARENT_SIZE) as pilot:
        await until(pilot, lambda: "Victor" in text_of(app.screen, "#headline"))
        assert _mark(app) == CARD_SEEN
        # The same card, still in view, a good many frames later: still one check-in.
        frames = app.camera.reader.frames if app.camera else 0
        await until(
            pilot, lambda: app.camera is not None and app.camera.reader.frames > frames + 20
        )
        assert Attendance.select().count() == 1
        seen = parent_sees(app)
        other = person(two_party_case.case, Role.RESIDENT)
        for detail in (other.first_name, other.last_name, other.phone, other.address):
            if detail:
                assert detail not in seen
    # Closed: the camera is let go, and the door is told no camera is in use.
    assert not source.opened
    assert camera_state.current() == (camera_state.OFF, "")


async def test_without_a_camera_the_parents_see_nothing_and_the_door_sees_unavailable(
    two_party_case: TwoPartyCase, volunteer: Any, tmp_path: Path
) -> None:
    folder = tmp_path / "camera"
    app = _kiosk(ImageSource(folder=folder, fps=60))
    async with app.run_test(size=(100, 30)) as pilot:
        await until(pilot, lambda: camera_state.current()[0] == camera_state.UNAVAILABLE)
        assert _mark(app) == ""
        # What the terminal shows (the mark's hidden widget keeps its words, unshown).
        assert "camera" not in screen_text(app).lower()
        # The wedge carries on as ever.
        burst(app, two_party_case.visiting + "\n")
        await settle(pilot)
        assert "Victor" in text_of(app.screen, "#headline")
        await sign_in(pilot, volunteer)
        assert isinstance(app.screen, DoorConsole)
        app.screen.refresh_board()
        assert "camera unavailable" in text_of(app.screen, "#door-camera")
        assert app.screen.query_one("#door-camera").display
        # Plugged in: the next try finds it, and the door's line goes.
        folder.mkdir()
        cv2.imwrite(str(folder / "0.png"), next(empty_photos(1)).frame)
        await until(pilot, lambda: camera_state.current()[0] == camera_state.READY)
        app.screen.refresh_board()
        assert not app.screen.query_one("#door-camera").display
        # Unplugged mid-day: unavailable again, and back to the door.
        shutil.rmtree(folder)
        await until(pilot, lambda: camera_state.current()[0] == camera_state.UNAVAILABLE)
        app.screen.refresh_board()
        assert "camera unavailable" in text_of(app.screen, "#door-camera")


async def test_a_card_at_the_camera_while_the_coordinator_works_is_not_a_check_in(
    two_party_case: TwoPartyCase, coordinator: Any
) -> None:
    app = _kiosk(ImageSource([next(empty_photos(1)).frame], fps=60))
    async with app.run_test(size=(100, 30)) as pilot:
        await until(pilot, lambda: app.camera is not None and app.camera.ready)
        await sign_in(pilot, coordinator)
        before = app.screen
        app.post_message(CameraSeen(two_party_case.visiting))
        await settle(pilot)
        assert app.screen is before
        assert Attendance.select().count() == 0


def test_parent_screen_with_the_camera_ready(
    two_party_case: TwoPartyCase, snap_compare: Compare
) -> None:
    app = _kiosk(ImageSource([next(empty_photos(1)).frame], fps=60), 9, 41)

    async def ready(pilot: Pilot[Any]) -> None:
        await until(pilot, lambda: _mark(app) == CAMERA_READY)
        await settle(pilot)

    assert snap_compare(app, terminal_size=PARENT_SIZE, run_before=ready)


def test_door_console_when_the_kiosks_camera_is_unavailable_at_80x24(
    two_party_case: TwoPartyCase, volunteer: Any, snap_compare: Compare
) -> None:
    # Written by the kiosk, read by `kiosk door` through the database.
    camera_state.record(camera_state.UNAVAILABLE, "no camera at 0, or another program has it")
    app = DoorApp(FixedClock(DAY.replace(hour=9, minute=41)))

    async def signed_in(pilot: Pilot[Any]) -> None:
        await sign_in(pilot, volunteer)
        await settle(pilot)

    assert snap_compare(app, terminal_size=PARENT_SIZE, run_before=signed_in)


def test_a_camera_state_the_database_refuses_is_written_at_a_later_beat(db: Any) -> None:
    link = CameraLink(App(), ImageSource([]))
    with lock_held(db):
        # Another program holds the write lock: the kiosk keeps going, the word is kept.
        link.changed(CameraState(False, "no camera at 0, or another program has it"))
        assert camera_state.current() == (camera_state.OFF, "")
    link.record()  # the app's next beat
    assert camera_state.current() == (
        camera_state.UNAVAILABLE,
        "no camera at 0, or another program has it",
    )
    link.record()  # nothing more to write
    link.stop()  # closing: the door is told no camera is in use
    assert camera_state.current() == (camera_state.OFF, "")


async def test_the_camera_s_word_before_the_parent_screen_is_drawn_is_kept_for_it() -> None:
    # The camera's thread may say it is ready (or not) before the parent screen has been
    # composed: the word waits for the screen, and the kiosk does not stop.
    screen = IdleScreen("Centre", FixedClock(DAY))
    screen.camera_ready(True)
    app = HostApp(lambda: screen)
    async with app.run_test(size=PARENT_SIZE) as pilot:
        await pilot.pause()
        assert app.screen is screen
        assert screen.query_one("#camera-mark").display
        assert CAMERA_READY in screen_text(app)
