"""The alert history: the co-ordinator sees why each alert left the door board."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import Footer, Input

from kiosk.app import KioskApp
from kiosk.clock import FixedClock
from kiosk.services.attendance import checkin
from kiosk.services.door import actions as door_actions
from kiosk.services.door import board as door_board
from kiosk.services.door.alert_history import alert_history
from kiosk.services.staff.auth import StaffMember
from kiosk.services.staff.permissions import NotAllowed
from models import Alert, DbConfig
from screens.coordinator.alert_history import AlertHistoryScreen
from tests.support import builders
from tests.support.builders import DAY, make_coordinator, make_volunteer
from tests.support.pilots import PARENT_SIZE, choose, screen_text, settle, sign_in, text_of

Compare = Callable[..., bool]


def _day_of_alerts() -> tuple[StaffMember, StaffMember, FixedClock]:
    """Rosa and Victor's morning: an early arrival, a late resident, a card the kiosk refused.

    Each alert is raised by the real rules (a scan, the door board's tick); a volunteer
    acknowledges the refused card. Returns the co-ordinator, the volunteer and the clock
    at 10:40.
    """
    family = builders.two_party_case(DAY)
    clock = FixedClock(DAY.replace(hour=9, minute=30))
    checkin.scan(family.visiting, clock)  # early: due at 09:45
    clock.set(DAY.replace(hour=10, minute=20))
    door_board.tick(clock)  # the early arrival's hold is over; Rosa is a no-show
    clock.set(DAY.replace(hour=10, minute=25))
    checkin.scan(family.resident, clock)  # Rosa arrives after all
    clock.set(DAY.replace(hour=10, minute=30))
    checkin.scan("CCKNOTACARD", clock)
    priya = make_volunteer(clock.now())
    clock.set(DAY.replace(hour=10, minute=31))
    door_actions.acknowledge_alert(priya, Alert.select().order_by(Alert.id.desc()).get().id, clock)
    clock.set(DAY.replace(hour=10, minute=35))
    checkin.scan("CCKNOTACARDEITHER", clock)
    clock.set(DAY.replace(hour=10, minute=40))
    return make_coordinator(clock.now()), priya, clock


def test_each_alert_says_how_it_left_the_board(db: DbConfig) -> None:
    alex, priya, _ = _day_of_alerts()
    lines = alert_history(alex, DAY.date(), DAY.date())
    assert [(line.kind, line.ended, line.why) for line in lines] == [
        ("early arrival", "closed 21/11 10:20", "Closed 21/11 10:20: the hold ended at 09:45."),
        (
            "no show",
            "closed 21/11 10:25",
            "Closed 21/11 10:25: the resident parent arrived at 10:25.",
        ),
        ("scan refused", "acknowledged 21/11 10:31", "Acknowledged 21/11 10:31 by Priya Shah."),
        ("scan refused", "open", "Still open: on the door board."),
    ]
    # Another period holds none of them; only the co-ordinator may read it.
    assert alert_history(alex, DAY.date().replace(day=22), DAY.date().replace(day=22)) == []
    with pytest.raises(NotAllowed):
        alert_history(priya, DAY.date(), DAY.date())


async def test_the_coordinator_opens_it_from_the_menu_at_80_by_24(db: DbConfig) -> None:
    alex, _, clock = _day_of_alerts()
    app = KioskApp(clock)
    async with app.run_test(size=PARENT_SIZE) as pilot:
        await sign_in(pilot, alex)
        await choose(pilot, "alerts")
        screen = app.screen
        assert isinstance(screen, AlertHistoryScreen)
        assert "4 alerts raised 21/11/2026." in text_of(screen, "#status")
        await pilot.press("down")
        await settle(pilot)
        chosen = text_of(screen, "#chosen")
        assert "resident adult of case CASE-1 has not arrived" in chosen
        assert "Closed 21/11 10:25: the resident parent arrived at 10:25." in chosen
        shown = screen_text(app)
        assert "the resident parent arrived at 10:25" in shown  # not cut off at 80 columns
        # Only what the door board may show: no surname, phone, address or e-mail.
        for detail in ("Rosason", "Victorson", "07700", "Street", "ZZ1", "@example"):
            assert detail not in shown
        # Both date forms; a wrong one names its field and keeps the table as it was.
        screen.query_one("#since", Input).value = "20/11/2026"
        screen.query_one("#until", Input).value = "2026-11-20"
        await pilot.click("#apply")
        assert "0 alerts raised 20/11/2026." in text_of(screen, "#status")
        since = screen.query_one("#since", Input)
        since.value = "yesterday"
        since.focus()
        await pilot.press("enter")
        await settle(pilot)
        assert text_of(screen, "#status").startswith("From: 'yesterday' is not a date")
        await pilot.press("escape")
        await settle(pilot)
        assert not isinstance(app.screen, AlertHistoryScreen)


async def test_alert_history_has_back_and_a_footer(db: DbConfig) -> None:
    # Every screen says its keys and has a way back that is not only Esc.
    alex, _, clock = _day_of_alerts()
    app = KioskApp(clock)
    async with app.run_test(size=PARENT_SIZE) as pilot:
        await sign_in(pilot, alex)
        await choose(pilot, "alerts")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, AlertHistoryScreen)
        assert len(screen.query(Footer)) == 1
        await pilot.click("#back")
        await settle(pilot)
        assert not isinstance(app.screen, AlertHistoryScreen)


def test_alert_history_snapshot(db: DbConfig, snap_compare: Compare) -> None:
    alex, _, clock = _day_of_alerts()

    async def open_history(pilot: Pilot[Any]) -> None:
        await sign_in(pilot, alex)
        await choose(pilot, "alerts")
        await pilot.press("down")
        await settle(pilot)

    assert snap_compare(KioskApp(clock), terminal_size=PARENT_SIZE, run_before=open_history)
