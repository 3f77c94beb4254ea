"""A folder of pictures played as a camera (`kiosk run --camera FOLDER`) follows the
folder as it plays: copying a photo in is holding a card up, deleting it is taking the
card away, and an empty folder is a camera with no card in view. A camera that comes
back with the same card still in front of it does not count the card again."""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path

import cv2

from kiosk.camera.decode import GONE_AFTER_SECONDS
from kiosk.camera.frames import ImageSource
from kiosk.camera.reader import CameraReader
from tests.support.card_photos import card_photos, empty_photos


def _playing(folder: Path) -> ImageSource:
    # Listed again at every frame: the test says when the folder changes, not a clock.
    source = ImageSource(folder=folder, relist_seconds=0)
    source.open()
    return source


def test_a_photo_copied_in_is_seen_and_a_deleted_one_is_no_longer_played(
    tmp_path: Path,
) -> None:
    shot = next(card_photos(1, seed=11))
    source = _playing(tmp_path)
    assert not source.read().any()  # empty: no card in view, and no fault
    cv2.imwrite(str(tmp_path / "card.png"), shot.frame)
    assert (source.read() == shot.frame).all()
    (tmp_path / "card.png").unlink()
    assert not source.read().any()


def test_a_photo_deleted_before_the_next_listing_is_no_card_not_a_lost_camera(
    tmp_path: Path,
) -> None:
    shot = next(card_photos(1, seed=16))
    cv2.imwrite(str(tmp_path / "card.png"), shot.frame)
    source = ImageSource(folder=tmp_path, relist_seconds=1.0, clock=lambda: 0.0)
    source.open()
    (tmp_path / "card.png").unlink()  # listed, then deleted before the next listing
    assert not source.read().any()


def test_an_empty_folder_is_a_working_camera_with_no_card_in_view(tmp_path: Path) -> None:
    states: list[tuple[bool, str]] = []
    reader = CameraReader(_playing(tmp_path), print, lambda *s: states.append(s))
    reader.take(reader.source.read(), 0.0)
    assert states == [(True, "")]


def test_a_folder_is_listed_again_only_when_its_time_is_up(tmp_path: Path) -> None:
    now = [0.0]
    source = ImageSource(folder=tmp_path, relist_seconds=1.0, clock=lambda: now[0])
    source.open()
    shot = next(card_photos(1, seed=12))
    cv2.imwrite(str(tmp_path / "card.png"), shot.frame)
    assert not source.read().any()  # not listed again yet
    now[0] = 1.0
    assert (source.read() == shot.frame).all()


def test_a_card_still_in_view_when_the_camera_comes_back_is_not_a_new_showing() -> None:
    shot = next(card_photos(1, seed=13))
    reader = CameraReader(ImageSource([shot.frame]), print, lambda *s: None)
    assert reader.take(shot.frame, 0.0) == [shot.code]
    reader.lost()  # unplugged, or the folder taken away, for half a minute
    assert reader.take(shot.frame, 30.0) == []
    # Taken away for the usual time while the camera works, it counts again.
    blank = next(empty_photos(1)).frame
    reader.take(blank, 30.5)
    assert reader.take(shot.frame, 31.0 + GONE_AFTER_SECONDS) == [shot.code]


def test_a_card_out_of_view_long_enough_before_the_camera_went_counts_again() -> None:
    shot = next(card_photos(1, seed=14))
    blank = next(empty_photos(1)).frame
    reader = CameraReader(ImageSource([shot.frame]), print, lambda *s: None)
    reader.take(shot.frame, 0.0)
    reader.take(blank, GONE_AFTER_SECONDS + 0.5)  # left the view, then the camera went
    reader.lost()
    assert reader.take(shot.frame, 60.0) == [shot.code]


def test_the_folder_taken_away_and_back_with_the_same_card_scans_it_once(
    tmp_path: Path,
) -> None:
    folder = tmp_path / "camera"
    folder.mkdir()
    shot = next(card_photos(1, seed=15))
    cv2.imwrite(str(folder / "card.png"), shot.frame)
    codes: list[str] = []
    states: list[tuple[bool, str]] = []
    source = ImageSource(folder=folder, fps=200, relist_seconds=0)
    reader = CameraReader(source, codes.append, lambda *s: states.append(s), retry_seconds=0.02)
    reader.start()
    try:
        _until(lambda: states[-1:] == [(True, "")])
        folder.rename(tmp_path / "away")  # the camera is lost
        _until(lambda: states[-1][0] is False)
        (tmp_path / "away").rename(folder)  # and back, the card never moved
        _until(lambda: states[-1] == (True, ""))
        frames = reader.frames
        _until(lambda: reader.frames > frames + 3)  # a few frames of the card on its return
    finally:
        reader.stop()
    assert codes == [shot.code]


def _until(done: Callable[[], bool]) -> None:
    """Wait for the reader's thread to get there (a step, never a measure of time)."""
    pause = threading.Event()
    for _ in range(2000):
        if done():
            return
        pause.wait(0.01)
    raise AssertionError("the camera reader never got there")
