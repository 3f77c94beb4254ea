"""Incidents on the co-ordinator's screens: from the door to the home, followed up, closed."""

from __future__ import annotations

from typing import Any

from textual.app import App
from textual.pilot import Pilot
from textual.widgets import DataTable, RadioButton, TextArea

from kiosk.app import KioskApp
from kiosk.clock import FixedClock
from kiosk.services.door import logbooks
from kiosk.services.safeguarding import incidents
from kiosk.services.staff.auth import StaffMember
from models import AuditEntry, Disclosure, Incident
from screens.coordinator.home import CoordinatorHome
from screens.coordinator.incident import IncidentScreen
from screens.coordinator.incidents import IncidentListScreen
from screens.door.console import DoorConsole
from screens.parent.idle import IdleScreen
from screens.widgets.confirm import ConfirmScreen
from tests.support.builders import door_day
from tests.support.pilots import (
    ADMIN_SIZE,
    HostApp,
    choose,
    click,
    console_key,
    screen_text,
    sign_in,
    table_text,
    text_of,
)

CONCERN = "Mia said her dad shouted at her in the car park"


def _status(app: App[Any]) -> str:
    return text_of(app.screen, "#status")


async def test_a_concern_recorded_at_the_door_is_on_the_home_at_the_next_sign_in(
    volunteer: StaffMember, coordinator: StaffMember, clock: FixedClock
) -> None:
    door_day(clock.now())
    app = KioskApp(clock)
    async with app.run_test(size=ADMIN_SIZE) as pilot:
        await sign_in(pilot, volunteer)
        assert isinstance(app.screen, DoorConsole)
        await console_key(pilot, "s")
        app.screen.query_one("#description", TextArea).text = CONCERN
        await click(pilot, "#ok")
        await pilot.press("escape")  # the volunteer locks the console
        await pilot.pause()
        assert isinstance(app.screen, IdleScreen)

        await sign_in(pilot, coordinator)

        assert isinstance(app.screen, CoordinatorHome)
        concerns = text_of(app.screen, "#concerns")
        assert concerns.startswith("A new safeguarding concern, recorded 21/11/2026 09:00")
        assert "by Priya Shah about case CASE-A" in concerns
        assert "Mia" not in screen_text(app)  # the home never shows what it says
        await choose(pilot, "incidents")
        assert isinstance(app.screen, IncidentListScreen)
        assert "new" in table_text(pilot, "#list") and "CASE-A" in table_text(pilot, "#list")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, IncidentScreen)
        assert CONCERN in text_of(app.screen, "#text")
        assert "Recorded 21/11/2026 09:00 by Priya Shah" in text_of(app.screen, "#meta")
        await pilot.press("escape")
        await pilot.pause()
        assert "under review" in table_text(pilot, "#list")
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, CoordinatorHome)
        assert not app.screen.query_one("#concerns").display
    assert AuditEntry.get(AuditEntry.action == "incident_viewed").actor_id == coordinator.id


def _incident_app(coordinator: StaffMember, volunteer: StaffMember, clock: FixedClock) -> HostApp:
    ba, _ = door_day(clock.now())
    number = logbooks.incident(volunteer, ba.id, CONCERN, clock)
    detail = incidents.open_incident(coordinator, number, clock.now())
    return HostApp(lambda: IncidentScreen(coordinator, clock, detail))


async def _press(pilot: Pilot[Any], radio: str) -> None:
    pilot.app.screen.query_one(radio, RadioButton).value = True
    await pilot.pause()


async def test_follow_up_a_referral_and_the_close_on_screen(
    coordinator: StaffMember, volunteer: StaffMember, clock: FixedClock
) -> None:
    app = _incident_app(coordinator, volunteer, clock)
    async with app.run_test(size=ADMIN_SIZE) as pilot:
        screen = app.screen
        screen.query_one("#note", TextArea).text = "Spoke to Mia's mother"
        await click(pilot, "#add-note")
        assert "09:00  Alex Morgan: Spoke to Mia's mother" in text_of(screen, "#notes")
        assert screen.query_one("#note", TextArea).text == ""

        await _press(pilot, "#action-childrens_services")
        await click(pilot, "#record-action")
        assert "Why it was shared" in _status(app) and "What was shared" in _status(app)
        assert {"reason", "what"} <= {w.id for w in screen.query(".-field-error")}
        assert not Disclosure.select().exists()
        await _press(pilot, "#reason-child_at_risk")
        screen.query_one("#what", TextArea).text = "The concern and the session's date"
        await click(pilot, "#record-action")
        shared = Disclosure.get()
        assert f"Logged as disclosure {shared.id}" in _status(app)
        assert (shared.recipient, shared.incident_id) == ("Children's Services", Incident.get().id)
        assert f"Disclosure {shared.id}: to Children's Services" in text_of(screen, "#meta")
        assert not list(screen.query(".-field-error"))

        await click(pilot, "#close-incident")
        assert isinstance(app.screen, ConfirmScreen)
        assert "Close incident 1 with this outcome?" in text_of(app.screen, "#question")
        await click(pilot, "#yes")
        assert "Outcome: write something first" in _status(app)
        assert Incident.get().closed_at is None
        screen.query_one("#outcome", TextArea).text = "Children's Services are visiting"
        await click(pilot, "#close-incident")
        await click(pilot, "#yes")
        await pilot.pause()
        assert "Incident 1 closed." in _status(app)
        assert "Incident 1 · closed" in text_of(app.screen, "#title")
        assert not app.screen.query("#note")  # a closed incident takes no more
    assert Incident.get().outcome == "Children's Services are visiting"


async def test_escape_with_a_note_not_saved_asks_first(
    coordinator: StaffMember, volunteer: StaffMember, clock: FixedClock
) -> None:
    app = _incident_app(coordinator, volunteer, clock)
    async with app.run_test(size=ADMIN_SIZE) as pilot:
        screen = app.screen
        screen.query_one("#note", TextArea).text = "half a thought"
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        assert "Leave incident 1?" in text_of(app.screen, "#question")
        await click(pilot, "#no")
        assert app.screen is screen and screen.query_one("#note", TextArea).text
        await pilot.press("escape")
        await pilot.pause()
        await click(pilot, "#yes")
        assert app.screen is not screen


async def test_a_volunteer_cannot_open_the_incidents_screen(
    volunteer: StaffMember, clock: FixedClock
) -> None:
    ba, _ = door_day(clock.now())
    logbooks.incident(volunteer, ba.id, CONCERN, clock)
    app = HostApp(lambda: IncidentListScreen(volunteer, clock))
    async with app.run_test(size=ADMIN_SIZE) as pilot:
        assert "Only the co-ordinator reads and follows up incidents." in _status(app)
        assert app.screen.query_one("#list", DataTable).row_count == 0
        shown = screen_text(app)
        assert "CASE-A" not in shown and "Mia" not in shown
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, IncidentListScreen)
    assert Incident.get().opened_at is None
    assert not AuditEntry.select().where(AuditEntry.action == "incident_viewed").exists()
