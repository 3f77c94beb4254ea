"""Staff sign-in from the kiosk, the co-ordinator's home, idle lock, and closing."""

from __future__ import annotations

from datetime import timedelta

from textual.widgets import Input, OptionList, Static

from kiosk.app import KioskApp
from kiosk.clock import FixedClock
from kiosk.services.retention import purge as retention
from kiosk.services.staff.auth import StaffMember
from models import Role
from screens.coordinator.home import CoordinatorHome
from screens.parent.idle import IdleScreen
from screens.parent.staff_signin import StaffSignInScreen
from screens.widgets.confirm import ConfirmScreen
from tests.support.builders import door_day, make_case, scan_in
from tests.support.pilots import PARENT_SIZE, choose, idles_out, sign_in, signed_in

HOME_SIZE = (100, 40)


async def test_coordinator_signs_in_and_closes_the_kiosk(
    coordinator: StaffMember, clock: FixedClock
) -> None:
    app = KioskApp(clock)
    async with signed_in(app, coordinator, PARENT_SIZE) as pilot:
        assert isinstance(app.screen, CoordinatorHome)
        await choose(pilot, "close-kiosk")
        await pilot.click("#yes")
        await pilot.pause()
    assert app.return_code == 0
    assert not app.is_running


async def test_closing_the_kiosk_says_how_many_are_still_checked_in(
    coordinator: StaffMember, clock: FixedClock
) -> None:
    # Closed while a parent is in, the kiosk would leave them no card reader to leave by.
    visit, _ = door_day(clock.now())
    scan_in(visit, Role.VISITING, clock.now().replace(hour=9, minute=45))
    app = KioskApp(clock)
    async with signed_in(app, coordinator, PARENT_SIZE) as pilot:
        await choose(pilot, "close-kiosk")
        assert isinstance(app.screen, ConfirmScreen)
        question = str(app.screen.query_one("#question", Static).render())
        # Victor, and Mia as the roll call counts her: with the family while a parent is in.
        assert question == (
            "Close the kiosk for the day? 2 people are still checked in (see the roll call)."
        )
        # A count, never a name.
        assert "Victor" not in question and "CASE-A" not in question
        await pilot.click("#no")
        await pilot.pause()
        assert isinstance(app.screen, CoordinatorHome)


async def test_wrong_password_stays_on_sign_in(coordinator: StaffMember, clock: FixedClock) -> None:
    app = KioskApp(clock)
    async with app.run_test(size=PARENT_SIZE) as pilot:
        await sign_in(pilot, coordinator, "wrong password")
        assert isinstance(app.screen, StaffSignInScreen)
        message = str(app.screen.query_one("#signin-message").render())
        assert "not recognised" in message
        assert app.screen.query_one("#secret", Input).value == ""
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, IdleScreen)


async def test_staff_screens_lock_after_two_idle_minutes(
    coordinator: StaffMember, clock: FixedClock
) -> None:
    app = KioskApp(clock)
    async with signed_in(app, coordinator, PARENT_SIZE) as pilot:
        assert isinstance(app.screen, CoordinatorHome)
        await idles_out(pilot, clock, CoordinatorHome, IdleScreen)
        assert app.staff is None


async def test_escape_on_home_signs_out(coordinator: StaffMember, clock: FixedClock) -> None:
    app = KioskApp(clock)
    async with signed_in(app, coordinator, PARENT_SIZE) as pilot:
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, IdleScreen)
        assert app.is_running


async def test_sign_out_from_the_menu_asks_first(
    coordinator: StaffMember, clock: FixedClock
) -> None:
    # End then Enter on the menu lands on Sign out: a slip must not end the session.
    app = KioskApp(clock)
    async with signed_in(app, coordinator, HOME_SIZE) as pilot:
        home = app.screen
        await choose(pilot, "sign-out")
        assert isinstance(app.screen, ConfirmScreen) and app.staff is not None
        await pilot.click("#no")
        await pilot.pause()
        assert app.screen is home and app.staff is not None
        await choose(pilot, "sign-out")
        await pilot.click("#yes")
        await pilot.pause()
        assert isinstance(app.screen, IdleScreen) and app.staff is None


async def test_every_menu_entry_opens_and_returns(
    coordinator: StaffMember, clock: FixedClock
) -> None:
    app = KioskApp(clock)
    async with signed_in(app, coordinator, HOME_SIZE) as pilot:
        home = app.screen
        menu = home.query_one("#menu", OptionList)
        keys = [menu.get_option_at_index(i).id for i in range(menu.option_count)]
        for key in keys:
            if key in ("close-kiosk", "sign-out"):
                continue
            await choose(pilot, key)
            assert app.screen is not home, key
            app.pop_screen()
            await pilot.pause()
            assert app.screen is home


async def test_home_tells_the_coordinator_when_records_are_due(
    coordinator: StaffMember, clock: FixedClock
) -> None:
    make_case("OLD-1", clock.now() - timedelta(days=3 * 365 + 5))
    app = KioskApp(clock)
    async with signed_in(app, coordinator, HOME_SIZE):
        notes = str(app.screen.query_one("#reminders").render())
        expected = retention.due_summary(clock.now())
        assert expected.cases == 1
        assert expected.message in notes
