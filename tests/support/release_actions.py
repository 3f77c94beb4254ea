"""The co-ordinator's releases and the purge, as staff actions (see staff_actions.py).

Each writes a file or destroys records as well as its row: under a fault,
nothing of either may be left behind.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from textual.app import App
from textual.pilot import Pilot
from textual.widgets import RadioButton, TextArea

from models import Case, Disclosure
from screens.coordinator.export_attendance import ExportAttendanceScreen
from screens.coordinator.purge import PurgeScreen
from screens.coordinator.safeguarding_disclosure import SafeguardingDisclosureScreen
from screens.coordinator.subject_access import SubjectAccessScreen
from tests.support.builders import make_case
from tests.support.pilots import click, fill
from tests.support.release_data import REFERRER, family_case
from tests.support.staff_actions import Ctx, FormAction


class Export(FormAction):
    name, button = "referrer-export", "#export"

    def setup(self, ctx: Ctx) -> None:
        family_case("C-1", ctx.clock.now())

    def screen(self, ctx: Ctx) -> Any:
        return ExportAttendanceScreen(ctx.coordinator, ctx.clock, ctx.folder)

    async def ready(self, pilot: Pilot[Any], ctx: Ctx) -> None:
        out = str(ctx.folder / "export.csv")
        fill(pilot.app.screen, {"case": "C-1", "recipient": REFERRER, "output": out})

    def done(self, ctx: Ctx, app: App[Any]) -> bool:
        return Disclosure.select().count() == 1 and (ctx.folder / "export.csv").exists()

    def nothing_left(self, ctx: Ctx) -> bool:
        return not ctx.folder.exists() or not any(ctx.folder.iterdir())


class SubjectAccess(Export):
    name, button = "subject-access", "#make"

    def screen(self, ctx: Ctx) -> Any:
        return SubjectAccessScreen(ctx.coordinator, ctx.clock, ctx.folder)

    async def ready(self, pilot: Pilot[Any], ctx: Ctx) -> None:
        fill(pilot.app.screen, {"case": "C-1", "folder": str(ctx.folder)})
        pilot.app.screen.query_one("#role-resident", RadioButton).value = True
        # The files are made only after the redactions have been seen.
        await click(pilot, "#preview")

    def done(self, ctx: Ctx, app: App[Any]) -> bool:
        return Disclosure.select().count() == 1 and len(list(ctx.folder.glob("*"))) == 2


class Disclose(Export):
    name, button = "safeguarding-disclosure", "#record"

    def screen(self, ctx: Ctx) -> Any:
        return SafeguardingDisclosureScreen(ctx.coordinator, ctx.clock)

    async def ready(self, pilot: Pilot[Any], ctx: Ctx) -> None:
        fill(pilot.app.screen, {"case": "C-1", "recipient": "Police"})
        pilot.app.screen.query_one("#reason-violence_risk", RadioButton).value = True
        pilot.app.screen.query_one("#what", TextArea).text = "Dates of the last session"

    def done(self, ctx: Ctx, app: App[Any]) -> bool:
        return Disclosure.select().count() == 1


class Purge(FormAction):
    name = "purge"
    status = "#result"

    def setup(self, ctx: Ctx) -> None:
        make_case("OLD-1", ctx.clock.now() - timedelta(days=4 * 365))

    screen_type = PurgeScreen

    async def attempt(self, pilot: Pilot[Any], ctx: Ctx) -> None:
        await click(pilot, "#destroy")
        await click(pilot, "#confirm-yes")
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()

    def done(self, ctx: Ctx, app: App[Any]) -> bool:
        return not Case.select().where(Case.ref == "OLD-1").exists()
