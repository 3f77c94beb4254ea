"""Following up an incident and exporting the accident book, as staff actions (see
staff_actions.py): each writes rows, and the export a file as well, so under a fault
nothing of either may be left behind."""

from __future__ import annotations

from typing import Any

from textual.app import App
from textual.pilot import Pilot
from textual.widgets import RadioButton, TextArea

from kiosk.services.door import logbooks
from kiosk.services.door.logbooks import AccidentReport
from kiosk.services.safeguarding import follow_up, incidents
from kiosk.services.safeguarding.incidents import Action
from models import Disclosure, Incident, IncidentNote
from screens.coordinator.accident_export import AccidentExportScreen
from screens.coordinator.incident import IncidentScreen
from tests.support.builders import door_day, make_volunteer
from tests.support.pilots import click, fill
from tests.support.staff_actions import Ctx, FormAction


class AddIncidentNote(FormAction):
    name, button = "incident-note", "#add-note"

    def setup(self, ctx: Ctx) -> None:
        now = ctx.clock.now()
        booking, _ = door_day(now)
        number = logbooks.incident(make_volunteer(now), booking.id, "A concern", ctx.clock)
        self.detail = incidents.open_incident(ctx.coordinator, number, now)

    def screen(self, ctx: Ctx) -> Any:
        return IncidentScreen(ctx.coordinator, ctx.clock, self.detail)

    async def ready(self, pilot: Pilot[Any], ctx: Ctx) -> None:
        pilot.app.screen.query_one("#note", TextArea).text = "Spoke to the mother"

    def done(self, ctx: Ctx, app: App[Any]) -> bool:
        return IncidentNote.select().count() == 1


class ReportIncident(AddIncidentNote):
    """What was done: reported to the police, logged as a disclosure with a note."""

    name, button = "incident-report", "#record-action"

    async def ready(self, pilot: Pilot[Any], ctx: Ctx) -> None:
        screen = pilot.app.screen
        screen.query_one("#action-police", RadioButton).value = True
        screen.query_one("#reason-violence_risk", RadioButton).value = True
        screen.query_one("#what", TextArea).text = "The concern as recorded"

    def done(self, ctx: Ctx, app: App[Any]) -> bool:
        return Disclosure.select().count() == 1 and IncidentNote.select().count() == 1


class CloseIncident(AddIncidentNote):
    name = "incident-close"

    def setup(self, ctx: Ctx) -> None:
        super().setup(ctx)
        number = self.detail.summary.id
        follow_up.record_action(ctx.coordinator, number, Action.NOTHING_FURTHER, ctx.clock.now())
        self.detail = incidents.current(ctx.coordinator, number)

    async def ready(self, pilot: Pilot[Any], ctx: Ctx) -> None:
        pilot.app.screen.query_one("#outcome", TextArea).text = "Resolved with the family"

    async def attempt(self, pilot: Pilot[Any], ctx: Ctx) -> None:
        await click(pilot, "#close-incident")
        await click(pilot, "#yes")
        await pilot.pause()

    def done(self, ctx: Ctx, app: App[Any]) -> bool:
        return Incident.get().closed_at is not None


class ExportAccidents(FormAction):
    name, button = "accident-export", "#export"

    def setup(self, ctx: Ctx) -> None:
        volunteer = make_volunteer(ctx.clock.now())
        logbooks.accident(volunteer, AccidentReport("Mia", "Tripped in the hall"), ctx.clock)

    def screen(self, ctx: Ctx) -> Any:
        return AccidentExportScreen(ctx.coordinator, ctx.clock, ctx.folder)

    async def ready(self, pilot: Pilot[Any], ctx: Ctx) -> None:
        fill(pilot.app.screen, {"output": str(ctx.folder / "book.csv")})

    def done(self, ctx: Ctx, app: App[Any]) -> bool:
        return Disclosure.select().count() == 1 and (ctx.folder / "book.csv").exists()

    def nothing_left(self, ctx: Ctx) -> bool:
        return not any(ctx.folder.iterdir())


SAFEGUARDING_ACTIONS = [AddIncidentNote, ReportIncident, CloseIncident, ExportAccidents]
