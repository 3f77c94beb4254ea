"""Reading cards with a camera: decoding generated photos, and a card held in view.

The photos are the real card renderer's output made into webcam frames
(tests/support/card_photos.py), with a fixed seed: a failure replays exactly.
"""

from __future__ import annotations

import random
import threading
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import cv2
import pytest

from kiosk.camera.decode import GONE_AFTER_SECONDS, HeldCodes, codes_in
from kiosk.camera.frames import (
    CameraUnavailable,
    DeviceSource,
    ImageSource,
    source_for,
)
from kiosk.camera.reader import TWO_CARDS, CameraReader
from kiosk.clock import FixedClock
from kiosk.services.attendance import checkin
from kiosk.services.scan.rules import Outcome
from models import Attendance
from tests.support.builders import DAY, TwoPartyCase
from tests.support.card_photos import (
    Photo,
    card_image,
    card_photos,
    empty_photos,
    photo,
    two_cards,
)

FPS = 15


def test_at_least_99_in_100_card_photos_decode_to_their_own_code() -> None:
    photos = list(card_photos(500))
    kinds = {p.how.split(",")[0] for p in photos}
    assert kinds == {"printed", "phone", "phone inverted"}
    missed = [p.how for p in photos if codes_in(p.frame) != [p.code]]
    assert len(missed) <= 5, missed


def test_no_code_is_read_from_500_frames_without_a_card() -> None:
    found = [(p.how, codes_in(p.frame)) for p in empty_photos(500)]
    assert [f for f in found if f[1]] == []


def test_a_qr_code_that_is_not_one_of_our_cards_is_not_read() -> None:
    # A poster or a phone's own QR code in view must not send parents to a volunteer.
    frame = photo(random.Random(5), card_image("HTTPS://EXAMPLE.TEST/"), "").frame
    assert codes_in(frame) == []


def test_a_code_counts_when_it_comes_into_view_and_again_after_it_has_left() -> None:
    held = HeldCodes()
    assert held.seen(["A"], 0.0) == ["A"]
    # Missed by the decoder for a frame or two while held up: still the same showing.
    assert held.seen([], 0.5) == []
    assert held.seen(["A"], 1.0) == []
    assert held.seen(["A", "A"], 2.9) == []
    # Out of view for longer than GONE_AFTER_SECONDS, then shown again.
    assert held.seen(["A"], 2.9 + GONE_AFTER_SECONDS + 0.1) == ["A"]


def _held(rng: random.Random, code: str, seconds: float) -> Iterator[Photo]:
    card = card_image(code)
    for _ in range(int(seconds * FPS)):
        yield photo(rng, card, code)


def test_a_card_held_in_view_for_ten_seconds_records_one_scan(
    two_party_case: TwoPartyCase,
) -> None:
    clock = FixedClock(DAY.replace(hour=9, minute=45))
    outcomes: list[Outcome] = []
    reader = CameraReader(
        ImageSource([]),
        lambda code: outcomes.append(checkin.scan(code, clock).outcome),
        lambda ready, why: None,
    )
    rng = random.Random(10)
    code = two_party_case.visiting
    start = clock.now()
    frames = [*_held(rng, code, 10), *empty_photos(3 * FPS), *_held(rng, code, 1)]
    for n, shot in enumerate(frames):
        clock.set(start + timedelta(seconds=n / FPS))
        reader.take(shot.frame, n / FPS)
    # Ten seconds in view: one check-in. Taken away for three seconds and shown again
    # within the minute: a second scan, which the duplicate window answers.
    assert outcomes == [Outcome.CHECKED_IN, Outcome.DUPLICATE]
    assert Attendance.select().count() == 1


def _save(folder: Path, photos: list[Photo]) -> None:
    # Made beside it, then moved into place: the reader never sees it half made (an
    # empty folder would be played as a camera with no card in view).
    making = folder.with_name(folder.name + ".making")
    making.mkdir()
    for n, shot in enumerate(photos):
        cv2.imwrite(str(making / f"{n:03}.png"), shot.frame)
    making.rename(folder)


def test_a_missing_camera_is_tried_again_until_it_is_there_and_released_at_stop(
    tmp_path: Path,
) -> None:
    folder = tmp_path / "camera"
    states: list[tuple[bool, str]] = []
    codes: list[str] = []
    changed = threading.Event()

    def state(ready: bool, why: str) -> None:
        states.append((ready, why))
        changed.set()

    source = ImageSource(folder=folder, fps=200)
    reader = CameraReader(source, codes.append, state, retry_seconds=0.02)
    reader.start()
    try:
        assert changed.wait(10)
        assert states == [(False, f"no picture folder at {folder}")]
        changed.clear()
        shot = next(card_photos(1, seed=3))
        _save(folder, [shot])  # plugged in
        assert changed.wait(10)
        assert states[-1] == (True, "")
    finally:
        reader.stop()
    assert codes == [shot.code]
    assert not source.opened
    assert reader.stopped


def test_a_picture_source_that_goes_away_mid_read_says_so() -> None:
    source = ImageSource([next(card_photos(1)).frame], loop=False)
    source.open()
    source.read()
    with pytest.raises(CameraUnavailable, match="ran out"):
        source.read()


def test_camera_names_choose_a_device_or_a_picture_folder(tmp_path: Path) -> None:
    assert isinstance(source_for("0"), DeviceSource)
    assert isinstance(source_for("/dev/video2"), DeviceSource)
    # A folder that is not there yet is a camera not yet plugged in, not a device.
    assert isinstance(source_for(str(tmp_path / "later")), ImageSource)


def test_a_device_that_is_not_there_is_unavailable_and_says_which_on_no_screen(
    capfd: pytest.CaptureFixture[str],
) -> None:
    for device in ("/dev/video-not-here", 7):
        camera = DeviceSource(device)
        with pytest.raises(CameraUnavailable, match=f"no camera at {device}"):
            camera.open()
        camera.close()
    # OpenCV's own warnings would be printed over the kiosk's screen.
    assert capfd.readouterr() == ("", "")


def test_a_frame_with_two_cards_checks_nobody_in_and_tells_the_door(
    two_party_case: TwoPartyCase,
) -> None:
    # Both parents' cards in one picture: whichever answer came second would show one
    # parent the other's name. It is not a scan; the door is told why nothing happened.
    clock = FixedClock(DAY.replace(hour=9, minute=45))
    case = two_party_case
    frame = two_cards(case.visiting, case.resident)
    assert sorted(codes_in(frame)) == sorted([case.visiting, case.resident])
    codes: list[str] = []
    states: list[tuple[bool, str]] = []
    reader = CameraReader(ImageSource([]), codes.append, lambda *s: states.append(s))
    for n in range(FPS):
        assert reader.take(frame, n / FPS) == []
    # The sheet moved so that one card leaves the view: still the same showing, not a scan.
    lone = photo(random.Random(3), card_image(case.visiting), case.visiting).frame
    assert reader.take(lone, 1.1) == []
    assert codes == []
    assert states == [(True, TWO_CARDS)]
    assert Attendance.select().count() == 0
    # Once the sheet has gone, the door's word goes, and one card alone is a scan again.
    assert reader.take(next(empty_photos(1)).frame, 1.2 + GONE_AFTER_SECONDS) == []
    assert states[-1] == (True, "")
    assert reader.take(lone, 1.3 + 2 * GONE_AFTER_SECONDS) == [case.visiting]
    assert checkin.scan(codes[-1], clock).outcome is Outcome.CHECKED_IN
