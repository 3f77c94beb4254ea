"""A field an error names stays outlined (our own class, `-field-error`, which Textual
does not clear on blur) in the error colour even while focused, until it is edited."""

from __future__ import annotations

from textual.color import Color
from textual.widgets import Button, Input

from kiosk.app import KioskApp
from kiosk.clock import FixedClock
from kiosk.services.staff.auth import StaffMember
from screens.coordinator.volunteer_form import VolunteerFormScreen
from screens.door.accident import AccidentDialog
from screens.widgets.form_errors import FIELD_ERROR
from tests.support import builders
from tests.support.pilots import HostApp, click, console_key, fill, signed_in


def _outlined_in_error(field: Input) -> bool:
    error = Color.parse(field.app.current_theme.error)
    shown = field.styles.border_top[1]
    # Within rounding of the theme's colour (blended once by Textual).
    return all(abs(a - b) <= 2 for a, b in zip(shown.rgb, error.rgb, strict=True))


async def test_a_bad_field_stays_outlined_focused_and_after_blur_until_edited(
    coordinator: StaffMember, clock: FixedClock
) -> None:
    app = HostApp(lambda: VolunteerFormScreen(coordinator, clock, None))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        fill(app.screen, {"name": "Tom", "secret": "135790", "dbs_number": "12345"})
        await click(pilot, "#save")
        number = app.screen.query_one("#dbs_number", Input)
        number.focus()
        await pilot.pause()
        assert number.has_class(FIELD_ERROR)
        assert _outlined_in_error(number)  # focused, and still the error's colour
        app.screen.query_one("#name", Input).focus()  # blur: Textual would clear -invalid
        await pilot.pause()
        assert number.has_class(FIELD_ERROR)
        number.value = "101234567890"  # edited: no longer marked
        await pilot.pause()
        assert not number.has_class(FIELD_ERROR)


async def test_the_accident_dialogs_when_field_is_outlined(
    volunteer: StaffMember, clock: FixedClock
) -> None:
    builders.door_day(clock.now())
    app = KioskApp(clock)
    async with signed_in(app, volunteer) as pilot:
        await console_key(pilot, "b")
        dialog = app.screen
        assert isinstance(dialog, AccidentDialog)
        fill(dialog, {"person": "Mia", "when": "quarter past", "description": "fell"})
        dialog.query_one("#ok", Button).press()
        await pilot.pause()
        when = dialog.query_one("#when", Input)
        assert when.has_class(FIELD_ERROR)
        person = dialog.query_one("#person", Input)
        person.focus()
        await pilot.pause()
        plain_focus = person.styles.background
        when.focus()
        await pilot.pause()
        assert when.styles.background != plain_focus  # marked, focused as it is
        when.value = "10:15"
        await pilot.pause()
        assert not when.has_class(FIELD_ERROR)
