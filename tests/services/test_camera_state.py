"""The camera's state for the door console, the camera setting, and `--camera` without
the camera extra installed."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from kiosk.camera.reader import TWO_CARDS
from kiosk.clock import FixedClock
from kiosk.services.centre import centre_settings
from kiosk.services.door import board as door_board
from kiosk.services.staff.auth import StaffMember
from kiosk.services.store import camera_state
from kiosk.services.store.forms import FormError
from models import DbConfig
from tests.support.builders import DAY
from tests.support.cli import ROOT


def test_the_door_board_says_camera_unavailable_until_the_camera_is_back(
    volunteer: StaffMember, clock: FixedClock
) -> None:
    # Read through the database: the door console may be another process than the kiosk.
    assert door_board.today(volunteer, clock).camera == ""
    camera_state.record(camera_state.UNAVAILABLE, "no camera at 0, or another program has it")
    board = door_board.today(volunteer, clock)
    assert board.camera == "camera unavailable (no camera at 0, or another program has it)"
    camera_state.record(camera_state.READY)
    assert door_board.today(volunteer, clock).camera == ""
    camera_state.record(camera_state.OFF)
    assert camera_state.current() == ("", "")


def test_the_door_board_says_two_cards_are_in_view_while_the_camera_works(
    volunteer: StaffMember, clock: FixedClock
) -> None:
    # A photo of an uncut sheet checks nobody in: the volunteer at the door is told why.
    camera_state.record(camera_state.READY, TWO_CARDS)
    assert door_board.today(volunteer, clock).camera == "camera: two cards in view"
    camera_state.record(camera_state.READY)
    assert door_board.today(volunteer, clock).camera == ""


def test_the_camera_setting_takes_a_number_a_device_or_blank(db: DbConfig) -> None:
    now = DAY
    assert centre_settings.change({"camera": "0"}, now) == ["camera"]
    assert centre_settings.change({"camera": "/dev/video2"}, now) == ["camera"]
    assert centre_settings.change({"camera": ""}, now) == ["camera"]
    with pytest.raises(FormError, match="camera"):
        centre_settings.change({"camera": "video"}, now)


def test_camera_without_the_extra_says_in_one_line_how_to_add_it(tmp_path: Path) -> None:
    # OpenCV made unimportable, as in an install without the [camera] extra.
    (tmp_path / "cv2.py").write_text("raise ImportError('not installed')\n")
    env = {**os.environ, "PYTHONPATH": f"{tmp_path}{os.pathsep}{ROOT}"}
    done = subprocess.run(
        [sys.executable, "-m", "kiosk", "run", "--camera", "--db", str(tmp_path / "none.db")],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        stdin=subprocess.DEVNULL,
        timeout=120,
    )
    assert done.returncode == 2
    assert done.stderr.splitlines() == [
        # Into the kiosk's own environment: a bare `pip` is often another Python's.
        "kiosk: camera support is not installed: in the kiosk's folder, "
        ".venv/bin/pip install -e '.[camera]' (OpenCV and zxing-cpp)"
    ]
    assert done.stdout == ""


def test_a_kiosk_starting_without_a_camera_clears_a_word_left_by_one_that_stopped(
    db: DbConfig,
) -> None:
    # A power cut left "unavailable" behind; this start has no camera to speak for.
    camera_state.record(camera_state.UNAVAILABLE, "the camera at 0 stopped giving pictures")
    camera_state.forget()
    assert camera_state.current() == (camera_state.OFF, "")
