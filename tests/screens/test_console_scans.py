"""A card scanned while the door console is open at the kiosk is a scan, never console keys."""

from __future__ import annotations

from datetime import timedelta

import pytest

from kiosk.app import KioskApp
from kiosk.clock import FixedClock
from kiosk.door_app import DoorApp
from kiosk.services.staff.auth import StaffMember
from models import Attendance, Booking, BookingEvent, BookingState, DbConfig
from screens.door.cancel import CancelDialog
from screens.door.console import DoorConsole
from screens.door.scanner_keys import BURST_GAP, CARD_AT_THE_DOOR, DROPPED, KeyBurst, Verdict
from screens.parent.idle import IdleScreen
from screens.parent.policy import PolicyOverlay
from tests.support import builders
from tests.support.builders import DAY, make_volunteer
from tests.support.pilots import (
    burst,
    choose,
    console_key,
    settle,
    sign_in,
    signed_in,
    until,
)

NINE_45 = DAY.replace(hour=9, minute=45)


def _panel(app: KioskApp) -> tuple[str, str, object]:
    screen = app.screen
    assert isinstance(screen, IdleScreen)
    headline = str(screen.query_one("#headline").render())
    detail = str(screen.query_one("#detail").render())
    return headline, detail, screen.query_one("#headline").styles.background


# The rule on its own, with the keys' times given -------------------------------


def test_a_person_s_key_acts_once_the_gap_has_passed() -> None:
    keys = KeyBurst()
    assert keys.key("c", "c", 10.0) == Verdict(taken=True)
    assert keys.holding
    assert keys.settle() == Verdict(act="c")
    # The next key a person presses, later: the first is let go before it is held.
    keys.key("h", "h", 11.0)
    assert keys.key("enter", "\r", 12.0) == Verdict(act="h")


def test_keys_closer_than_the_gap_ending_in_enter_are_a_scan() -> None:
    keys = KeyBurst()
    at = 5.0
    for ch in "cck2ab":
        assert keys.key(ch, ch, at).taken
        at += BURST_GAP / 2
    assert keys.key("enter", "\r", at) == Verdict(scan="cck2ab", taken=True)
    assert not keys.holding


def test_a_burst_with_no_enter_is_dropped_and_a_person_s_enter_passes() -> None:
    keys = KeyBurst()
    keys.key("h", "h", 1.0)
    keys.key("r", "r", 1.0 + BURST_GAP / 3)
    assert keys.settle() == Verdict(dropped=True)
    assert keys.key("enter", "\r", 3.0) == Verdict()  # nothing held: Enter is the console's
    keys.key("c", "c", 4.0)
    # Escape or an arrow is a person's: what was held is let go first.
    assert keys.key("escape", None, 4.0 + BURST_GAP / 2) == Verdict(act="c")


# The real kiosk, with keys at a scanner's speed and a person's -----------------


async def test_a_card_scanned_in_lower_case_at_the_console_is_answered_as_at_the_kiosk(
    db: DbConfig,
) -> None:
    # Two families with the same story: one scans at the parent screen, the other while a
    # volunteer has the console open on the kiosk. (Failed before: the "c" of the lower-case
    # code opened the Cancel dialog and the rest of the code went into it.)
    idle_case = builders.two_party_case(DAY, "CASE-1")
    console_case = builders.two_party_case(DAY, "CASE-2")
    priya = make_volunteer(DAY)
    app = KioskApp(FixedClock(NINE_45))
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        burst(app, idle_case.visiting + "\n")
        await settle(pilot)
        at_the_kiosk = _panel(app)
        await sign_in(pilot, priya)
        assert isinstance(app.screen, DoorConsole)
        app.screen.notify("Victor checked in at 09:40.", markup=False)
        burst(app, console_case.visiting.lower() + "\n")
        await settle(pilot)
        assert isinstance(app.screen, IdleScreen) and app.staff is None
        assert not list(app._notifications)  # the console's messages went with it
        assert _panel(app) == at_the_kiosk
        assert "Welcome, Victor" in at_the_kiosk[0]
    assert [(a.booking.case.ref, a.kind) for a in Attendance.select()] == [
        ("CASE-1", "in"),
        ("CASE-2", "in"),
    ]
    assert not BookingEvent.select().exists()
    assert Booking.get_by_id(console_case.booking.id).state == BookingState.FIRST_IN.value


async def test_a_card_scanned_at_the_coordinators_console_signs_them_out_first(
    coordinator: StaffMember, clock: FixedClock
) -> None:
    family = builders.two_party_case(DAY, "CASE-1")
    clock.set(NINE_45)
    app = KioskApp(clock)
    async with signed_in(app, coordinator) as pilot:
        await choose(pilot, "door-console")
        assert isinstance(app.screen, DoorConsole)
        burst(app, family.visiting.lower() + "\n")
        await settle(pilot)
        # Not back to the co-ordinator's menu: a parent is at the screen.
        assert isinstance(app.screen, IdleScreen) and app.staff is None
        assert "Welcome, Victor" in _panel(app)[0]
    assert Attendance.select().count() == 1


async def test_keys_read_after_a_card_at_the_console_go_to_the_parent_screen(
    db: DbConfig,
) -> None:
    # Failed before: the console, not yet closed when the keys after the card were read, kept
    # them: a "?" pressed as the answer showed opened nothing, and a second card read straight
    # after the first was lost.
    first = builders.two_party_case(DAY, "CASE-1")
    second = builders.two_party_case(DAY, "CASE-2")
    priya = make_volunteer(DAY)
    app = KioskApp(FixedClock(NINE_45))
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await sign_in(pilot, priya)
        burst(app, first.visiting.lower() + "\n" + second.visiting + "\n")
        await settle(pilot)
        assert isinstance(app.screen, IdleScreen)
        await sign_in(pilot, priya)
        burst(app, first.resident + "\n?")
        await until(pilot, lambda: isinstance(app.screen, PolicyOverlay))
    assert sorted((a.booking.case.ref, a.kind) for a in Attendance.select()) == [
        ("CASE-1", "in"),
        ("CASE-1", "in"),
        ("CASE-2", "in"),
    ]


async def test_a_person_pressing_c_still_gets_the_cancel_dialog(
    volunteer: StaffMember, clock: FixedClock
) -> None:
    builders.door_day(clock.now())
    app = KioskApp(clock)
    async with signed_in(app, volunteer) as pilot:
        await console_key(pilot, "c")
        assert isinstance(app.screen, CancelDialog)


async def test_keys_too_fast_for_a_person_without_enter_do_nothing(
    volunteer: StaffMember, clock: FixedClock
) -> None:
    booking, _ = builders.door_day(clock.now())
    Booking.update(state=BookingState.BOTH_IN.value).where(Booking.id == booking.id).execute()
    app = KioskApp(clock)
    async with signed_in(app, volunteer) as pilot:
        console = app.screen
        assert isinstance(console, DoorConsole)
        burst(app, "hrc")
        await settle(pilot)
        assert console.keys.holding
        await until(pilot, lambda: not console.keys.holding)
        await settle(pilot)
        assert app.screen is console
        assert any(n.message == DROPPED for n in app._notifications)
    assert not BookingEvent.select().exists()


@pytest.mark.parametrize("upper", [False, True])
async def test_a_card_read_at_the_door_s_own_terminal_records_and_opens_nothing(
    volunteer: StaffMember, clock: FixedClock, upper: bool
) -> None:
    family = builders.two_party_case(DAY, "CASE-1")
    clock.set(NINE_45 + timedelta(minutes=30))
    app = DoorApp(clock)
    async with signed_in(app, volunteer) as pilot:
        console = app.screen
        code = family.resident if upper else family.resident.lower()
        burst(app, code + "\n")
        await settle(pilot)
        assert app.screen is console and app.staff == volunteer
        assert any(n.message == CARD_AT_THE_DOOR for n in app._notifications)
    assert not Attendance.select().exists() and not BookingEvent.select().exists()
