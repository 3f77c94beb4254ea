"""Staff sign-in from the kiosk, the co-ordinator's home, idle lock, and closing."""

from __future__ import annotations

from datetime import date

from textual.widgets import Input, OptionList

from kiosk.app import KioskApp
from kiosk.clock import FixedClock
from kiosk.services.retention import purge as retention
from kiosk.services.staff import auth
from models import DbConfig, DbsLevel, StaffRole
from screens.coordinator.home import CoordinatorHome
from screens.parent.idle import IdleScreen
from screens.parent.staff_signin import StaffSignInScreen

PASSWORD = "a long password"


def _coordinator(clock: FixedClock) -> None:
    # With a DBS record on file: without one the door console entry is refused.
    auth.create_staff(
        "Cora Ordinator",
        StaffRole.COORDINATOR,
        PASSWORD,
        clock.now(),
        dbs_number="109876543210",
        dbs_issued_on=date(2025, 6, 1),
        dbs_level=DbsLevel.ENHANCED,
    )


async def _sign_in(pilot, name: str, secret: str) -> None:  # type: ignore[no-untyped-def]
    await pilot.press("ctrl+s")
    await pilot.pause()
    screen = pilot.app.screen
    assert isinstance(screen, StaffSignInScreen)
    screen.query_one("#name", Input).value = name
    screen.query_one("#secret", Input).value = secret
    screen.query_one("#secret", Input).focus()
    await pilot.press("enter")
    await pilot.pause()


async def test_coordinator_signs_in_and_closes_the_kiosk(db: DbConfig, clock: FixedClock) -> None:
    _coordinator(clock)
    app = KioskApp(clock)
    async with app.run_test() as pilot:
        await _sign_in(pilot, "Cora Ordinator", PASSWORD)
        assert isinstance(app.screen, CoordinatorHome)
        menu = app.screen.query_one("#menu", OptionList)
        menu.highlighted = menu.get_option_index("close-kiosk")
        await pilot.press("enter")
        await pilot.pause()
        await pilot.click("#yes")
        await pilot.pause()
    assert app.return_code == 0
    assert not app.is_running


async def test_wrong_password_stays_on_sign_in(db: DbConfig, clock: FixedClock) -> None:
    _coordinator(clock)
    app = KioskApp(clock)
    async with app.run_test() as pilot:
        await _sign_in(pilot, "Cora Ordinator", "wrong password")
        assert isinstance(app.screen, StaffSignInScreen)
        message = str(app.screen.query_one("#signin-message").render())
        assert "not recognised" in message
        assert app.screen.query_one("#secret", Input).value == ""
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, IdleScreen)


async def test_staff_screens_lock_after_two_idle_minutes(db: DbConfig, clock: FixedClock) -> None:
    _coordinator(clock)
    app = KioskApp(clock)
    async with app.run_test() as pilot:
        await _sign_in(pilot, "Cora Ordinator", PASSWORD)
        assert isinstance(app.screen, CoordinatorHome)
        clock.advance(minutes=1, seconds=59)
        app.check_idle_lock()
        assert isinstance(app.screen, CoordinatorHome)
        clock.advance(seconds=1)
        app.check_idle_lock()
        await pilot.pause()
        assert isinstance(app.screen, IdleScreen)
        assert app.staff is None


async def test_escape_on_home_signs_out(db: DbConfig, clock: FixedClock) -> None:
    _coordinator(clock)
    app = KioskApp(clock)
    async with app.run_test() as pilot:
        await _sign_in(pilot, "Cora Ordinator", PASSWORD)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, IdleScreen)
        assert app.is_running


async def test_every_menu_entry_opens_and_returns(db: DbConfig, clock: FixedClock) -> None:
    _coordinator(clock)
    app = KioskApp(clock)
    async with app.run_test(size=(100, 40)) as pilot:
        await _sign_in(pilot, "Cora Ordinator", PASSWORD)
        home = app.screen
        menu = home.query_one("#menu", OptionList)
        keys = [menu.get_option_at_index(i).id for i in range(menu.option_count)]
        for key in keys:
            if key in ("close-kiosk", "sign-out"):
                continue
            menu.highlighted = menu.get_option_index(key)
            await pilot.press("enter")
            await pilot.pause()
            assert app.screen is not home, key
            app.pop_screen()
            await pilot.pause()
            assert app.screen is home


async def test_home_tells_the_coordinator_when_records_are_due(
    db: DbConfig, clock: FixedClock
) -> None:
    from datetime import timedelta

    from tests.support.factories import make_case

    _coordinator(clock)
    make_case("OLD-1", clock.now() - timedelta(days=3 * 365 + 5))
    app = KioskApp(clock)
    async with app.run_test(size=(100, 40)) as pilot:
        await _sign_in(pilot, "Cora Ordinator", PASSWORD)
        notes = str(app.screen.query_one("#reminders").render())
        expected = retention.due_summary(clock.now())
        assert expected.cases == 1
        assert expected.message in notes
