"""The co-ordinator's own DBS check: asked for at each sign-in until it is recorded."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from datetime import date
from typing import Any

from textual.pilot import Pilot
from textual.screen import Screen
from textual.widgets import Input, Select

from kiosk.app import KioskApp
from kiosk.clock import FixedClock
from kiosk.services.staff import volunteers
from kiosk.services.staff.auth import StaffMember
from models import AuditEntry, DbConfig, DbsLevel, Volunteer
from screens.coordinator.home import CoordinatorHome
from screens.coordinator.own_dbs import OwnDbsScreen
from screens.door.console import DoorConsole
from screens.widgets.confirm import ConfirmScreen
from tests.support.builders import make_coordinator
from tests.support.fault_helpers import lock_held
from tests.support.pilots import (
    PARENT_SIZE,
    choose,
    click,
    fill,
    invalid_ids,
    settle,
    sign_in,
    text_of,
)

Compare = Callable[..., bool]
GOOD = {"dbs_number": "001234567890", "dbs_issued_on": "01/06/2025"}


@asynccontextmanager
async def _asked(clock: FixedClock) -> AsyncIterator[tuple[Pilot[Any], StaffMember]]:
    """Alex Morgan, with no DBS check on file, signs in to the kiosk: they are asked for it."""
    alex = make_coordinator(clock.now(), dbs=False)
    app = KioskApp(clock)
    async with app.run_test(size=PARENT_SIZE) as pilot:
        await sign_in(pilot, alex)
        await settle(pilot)
        assert isinstance(app.screen, OwnDbsScreen)
        yield pilot, alex


def _fill_right(screen: Screen[Any], level: DbsLevel) -> None:
    fill(screen, GOOD)
    screen.query_one("#dbs_level", Select).value = level.value


async def _signed_in_again(pilot: Pilot[Any], alex: StaffMember) -> None:
    pilot.app.action_sign_out()  # type: ignore[attr-defined]
    await settle(pilot)
    await sign_in(pilot, alex)
    await settle(pilot)


async def test_asked_at_each_sign_in_until_recorded(db: DbConfig, clock: FixedClock) -> None:
    # Failed before: the co-ordinator's home only showed a reminder.
    async with _asked(clock) as (pilot, alex):
        app = pilot.app
        assert "The door console is closed to you" in text_of(app.screen, "#explain")
        await pilot.press("escape")  # nothing typed: put off at once
        await settle(pilot)
        assert isinstance(app.screen, CoordinatorHome)
        assert "Alex Morgan has no DBS check on file" in text_of(app.screen, "#reminders")
        await _signed_in_again(pilot, alex)
        assert isinstance(app.screen, OwnDbsScreen)  # asked again
        # Wrong values: each problem names its field; nothing is kept.
        fill(app.screen, {"dbs_number": "12345", "dbs_issued_on": "2099-01-01"})
        await click(pilot, "#save")
        assert {"dbs_number", "dbs_issued_on", "dbs_level"} <= invalid_ids(app.screen)
        assert not Volunteer.get_by_id(alex.id).dbs_number
        # Right ones, the date in the UK's form.
        _fill_right(app.screen, DbsLevel.ENHANCED_BARRED)
        await click(pilot, "#save")
        assert text_of(app.screen, "#explain").startswith("Your DBS check is recorded")
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, CoordinatorHome)
        assert "no DBS check on file" not in text_of(app.screen, "#reminders")
        await choose(pilot, "door-console")  # open to them now
        assert isinstance(app.screen, DoorConsole)
        await _signed_in_again(pilot, alex)
        assert isinstance(app.screen, CoordinatorHome)  # not asked any more
    row = Volunteer.get_by_id(alex.id)
    kept = (row.dbs_number, row.dbs_issued_on, row.dbs_level, row.dbs_decision)
    assert kept == ("001234567890", date(2025, 6, 1), "enhanced_barred", "clear")
    entry = AuditEntry.get(AuditEntry.action == "record_own_dbs")
    assert (entry.actor_id, entry.target) == (alex.id, f"volunteer:{alex.id}")
    assert "001234567890" not in f"{entry.target} {entry.detail}"


async def test_later_asks_first_when_something_was_typed(db: DbConfig, clock: FixedClock) -> None:
    async with _asked(clock) as (pilot, alex):
        app = pilot.app
        form = app.screen
        fill(form, {"dbs_number": "0012"})
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmScreen)
        await click(pilot, "#no")  # keep typing
        assert app.screen is form and form.query_one("#dbs_number", Input).value == "0012"
        await click(pilot, "#later")
        await click(pilot, "#yes")  # put it off
        await settle(pilot)
        assert isinstance(app.screen, CoordinatorHome)
    assert not Volunteer.get_by_id(alex.id).dbs_number


async def test_a_held_lock_says_why_and_the_next_try_saves(db: DbConfig, clock: FixedClock) -> None:
    async with _asked(clock) as (pilot, alex):
        app = pilot.app
        _fill_right(app.screen, DbsLevel.ENHANCED)
        with lock_held(db):
            await click(pilot, "#save")
            assert text_of(app.screen, "#status").startswith("The database is busy")
        assert not volunteers.get_volunteer(alex, alex.id).dbs_number
        await click(pilot, "#save")
        assert text_of(app.screen, "#explain").startswith("Your DBS check is recorded")
    assert Volunteer.get_by_id(alex.id).dbs_number == GOOD["dbs_number"]


def test_own_dbs_snapshot(db: DbConfig, clock: FixedClock, snap_compare: Compare) -> None:
    alex = make_coordinator(clock.now(), dbs=False)

    async def signed_in(pilot: Pilot[Any]) -> None:
        await sign_in(pilot, alex)
        await settle(pilot)

    assert snap_compare(KioskApp(clock), terminal_size=PARENT_SIZE, run_before=signed_in)
