"""Two cards in the camera's view at once (a phone photo of an uncut case sheet): no
check-in, nothing on the parent screen about anyone, and the door console told why.
Also the door's camera line whole at 80x24."""

from __future__ import annotations

from typing import Any

from kiosk.app import KioskApp
from kiosk.camera.frames import ImageSource
from kiosk.camera.reader import TWO_CARDS
from kiosk.clock import FixedClock
from kiosk.door_app import DoorApp
from kiosk.services.store import camera_state
from models import Attendance, Person
from screens.door.console import DoorConsole
from screens.parent.idle import CARD_SEEN
from tests.support.builders import DAY, TwoPartyCase
from tests.support.card_photos import empty_photos, two_cards
from tests.support.pilots import (
    PARENT_SIZE,
    parent_sees,
    screen_text,
    settle,
    sign_in,
    text_of,
    until,
)


async def test_a_photo_of_both_parents_cards_checks_nobody_in_and_names_nobody(
    two_party_case: TwoPartyCase, volunteer: Any
) -> None:
    case = two_party_case
    frames = [two_cards(case.visiting, case.resident)] * 3 + [next(empty_photos(1)).frame]
    clock = FixedClock(DAY.replace(hour=9, minute=45))
    app = KioskApp(clock, camera=ImageSource(frames, fps=30), camera_retry=0.02)
    async with app.run_test(size=PARENT_SIZE) as pilot:
        await until(pilot, lambda: camera_state.current() == (camera_state.READY, TWO_CARDS))
        await settle(pilot)
        shown = parent_sees(app)
        # Either parent may hold the phone: neither one's details, nor where they wait.
        for adult in Person.select():
            for detail in (adult.first_name, adult.last_name, adult.phone, adult.address):
                assert not detail or detail not in shown
        assert "Blue Room" not in shown and CARD_SEEN not in shown
        assert Attendance.select().count() == 0
        await sign_in(pilot, volunteer)
        assert isinstance(app.screen, DoorConsole)
        app.screen.refresh_board()
        assert text_of(app.screen, "#door-camera") == "Kiosk camera: two cards in view"


async def test_the_door_camera_line_is_whole_at_80x24(
    two_party_case: TwoPartyCase, volunteer: Any
) -> None:
    device = "/dev/v4l/by-id/usb-046d_HD_Pro_Webcam_C920_8A3B1C2F-video-index0"
    camera_state.record(camera_state.UNAVAILABLE, f"no camera at {device}")
    app = DoorApp(FixedClock(DAY.replace(hour=9, minute=41)))
    async with app.run_test(size=PARENT_SIZE) as pilot:
        await sign_in(pilot, volunteer)
        await settle(pilot)
        line = app.screen.query_one("#door-camera")
        assert line.size.height == 2 and line.size.width <= PARENT_SIZE[0]
        # Wrapped, not cut: the end of the reason is on the screen.
        assert "video-index0" in screen_text(app)
