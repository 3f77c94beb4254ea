"""Space in a door dialog toggles the focused checkbox or chooses the highlighted radio
button, as Enter does and as Textual does everywhere else."""

from __future__ import annotations

from textual.widgets import Checkbox, RadioSet

from kiosk.app import KioskApp
from kiosk.clock import FixedClock
from kiosk.services.staff.auth import StaffMember
from screens.door.cancel import CancelDialog
from tests.support import builders
from tests.support.pilots import console_key, settle, signed_in, until


async def test_space_toggles_the_notice_box_and_chooses_a_radio_button(
    volunteer: StaffMember, clock: FixedClock
) -> None:
    builders.door_day(clock.now())
    app = KioskApp(clock)
    async with signed_in(app, volunteer) as pilot:
        await console_key(pilot, "c")
        dialog = app.screen
        assert isinstance(dialog, CancelDialog)
        notice = dialog.query_one("#notice", Checkbox)
        notice.focus()
        await pilot.press("space")
        await until(pilot, lambda: not dialog.keys.holding)
        await settle(pilot)
        assert notice.value is False
        by = dialog.query_one("#by", RadioSet)
        by.focus()
        await pilot.pause()
        await pilot.press("down")
        await pilot.press("space")
        await until(pilot, lambda: not dialog.keys.holding)
        await settle(pilot)
        assert by.pressed_index == 1
        assert app.screen is dialog  # space chose; it did not press a button
