"""A card scanned while a door dialog is open at the kiosk is a scan; a person's keys are typed."""

from __future__ import annotations

from textual.widgets import Input, TextArea

from kiosk.app import KioskApp
from kiosk.clock import FixedClock
from kiosk.services.staff.auth import StaffMember
from models import Attendance, Booking, BookingEvent, BookingState, Incident
from screens.door.console import DoorConsole
from screens.door.end_early import EndEarlyDialog
from screens.door.incident import IncidentDialog
from screens.parent.idle import IdleScreen
from screens.widgets.confirm import ConfirmScreen
from tests.support import builders
from tests.support.builders import DAY
from tests.support.pilots import burst, console_key, dialog_typing, settle, signed_in, until

NINE_45 = DAY.replace(hour=9, minute=45)


def _all_in(bookings: tuple[Booking, Booking]) -> None:
    ids = [b.id for b in bookings]
    Booking.update(state=BookingState.BOTH_IN.value).where(Booking.id.in_(ids)).execute()


async def test_a_card_scanned_into_end_early_is_a_scan_and_ends_nothing(
    volunteer: StaffMember, clock: FixedClock
) -> None:
    # Failed before: the code went into the Reason box and its Enter curtailed the session.
    _all_in(builders.door_day(clock.now()))
    family = builders.two_party_case(DAY, "CASE-1")
    clock.set(NINE_45)
    app = KioskApp(clock)
    async with signed_in(app, volunteer) as pilot:
        await console_key(pilot, "t")
        dialog = app.screen
        assert isinstance(dialog, EndEarlyDialog)
        burst(app, family.visiting.lower() + "\n")
        await settle(pilot)
        assert isinstance(app.screen, IdleScreen) and app.staff is None
        assert "Welcome, Victor" in str(app.screen.query_one("#headline").render())
    assert Booking.get_by_id(dialog.row.booking_id).state == BookingState.BOTH_IN.value
    assert not BookingEvent.select().exists()
    assert [(a.booking.case.ref, a.kind) for a in Attendance.select()] == [("CASE-1", "in")]


async def test_a_person_types_the_reason_and_a_quick_burst_is_kept(
    volunteer: StaffMember, clock: FixedClock
) -> None:
    _all_in(builders.door_day(clock.now()))
    app = KioskApp(clock)
    async with signed_in(app, volunteer) as pilot:
        await console_key(pilot, "t")
        dialog = app.screen
        assert isinstance(dialog, EndEarlyDialog)
        reason = dialog.query_one("#reason", Input)
        await dialog_typing(pilot, "child unwell")
        assert reason.value == "child unwell"
        # Faster than anyone types, with no Enter: a quick typist's keys, kept as typed.
        burst(app, ", sick")
        await settle(pilot)
        assert dialog.keys.holding
        await until(pilot, lambda: not dialog.keys.holding)
        await settle(pilot)
        assert reason.value == "child unwell, sick"
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, DoorConsole)
    assert Booking.get_by_id(dialog.row.booking_id).outcome_reason == "child unwell, sick"


async def test_escape_after_typing_an_incident_asks_first(
    volunteer: StaffMember, clock: FixedClock
) -> None:
    # Failed before: Esc closed the dialog and the account typed in it was lost.
    builders.door_day(clock.now())
    app = KioskApp(clock)
    async with signed_in(app, volunteer) as pilot:
        await console_key(pilot, "s")
        dialog = app.screen
        assert isinstance(dialog, IncidentDialog)
        await dialog_typing(pilot, "Mia said")
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("enter")  # the safe answer, keep editing, has the focus
        await pilot.pause()
        assert app.screen is dialog
        assert dialog.query_one("#description", TextArea).text == "Mia said"
        await pilot.press("escape")
        await pilot.pause()
        await pilot.click("#yes")
        await pilot.pause()
        assert isinstance(app.screen, DoorConsole)
    assert not Incident.select().exists()


async def test_escape_in_an_untouched_dialog_closes_it_at_once(
    volunteer: StaffMember, clock: FixedClock
) -> None:
    builders.door_day(clock.now())
    app = KioskApp(clock)
    async with signed_in(app, volunteer) as pilot:
        await console_key(pilot, "s")
        assert isinstance(app.screen, IncidentDialog)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, DoorConsole)
