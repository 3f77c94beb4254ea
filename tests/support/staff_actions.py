"""Staff actions, as a person does them through the real App: sign-in, the door board's
timers, the co-ordinator's record forms and cards (releases and purge: release_actions.py).

Each `StaffAction` knows what to put on record first (`setup`), which App to run
(`app`), how to get ready and then try the act as the person would (`ready`,
`attempt`), the one line its screen answers on (`line`), and whether the act
is on record (`done`). tests/stress/test_staff_faults.py runs each under every
database fault.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from textual.app import App
from textual.pilot import Pilot

from kiosk.app import KioskApp
from kiosk.clock import FixedClock
from kiosk.door_app import DoorApp
from kiosk.services.cards import issue as card_issue
from kiosk.services.cases import case_file as cases
from kiosk.services.staff.auth import StaffMember
from kiosk.services.staff.volunteers import VolunteerData, save_volunteer
from models import (
    Alert,
    Booking,
    Card,
    Case,
    DbsLevel,
    Declaration,
    Role,
    Volunteer,
)
from screens.coordinator.booking_form import BookingFormScreen
from screens.coordinator.card import CardScreen
from screens.coordinator.case_file import CaseFileScreen
from screens.coordinator.home import CoordinatorHome
from screens.coordinator.volunteer_form import VolunteerFormScreen
from screens.door.console import DoorConsole
from tests.support.builders import door_day, make_case, make_volunteer, sample_file
from tests.support.pilots import HostApp, click, fill, sign_in, text_of


@dataclass
class Ctx:
    coordinator: StaffMember
    clock: FixedClock
    folder: Path


class StaffAction:
    name = ""
    # Where the screen answers, on the screen the act is tried from.
    status = "#status"

    def setup(self, ctx: Ctx) -> None:
        return None

    def app(self, ctx: Ctx) -> App[Any]:
        raise NotImplementedError

    async def ready(self, pilot: Pilot[Any], ctx: Ctx) -> None:
        return None

    async def attempt(self, pilot: Pilot[Any], ctx: Ctx) -> None:
        raise NotImplementedError

    def line(self, app: App[Any]) -> str:
        return text_of(app.screen, self.status)

    def done(self, ctx: Ctx, app: App[Any]) -> bool:
        raise NotImplementedError

    def nothing_left(self, ctx: Ctx) -> bool:
        """No file of the act's is left behind by a try that was rolled back."""
        return True


class SignIn(StaffAction):
    name = "sign-in"
    status = "#signin-message"

    def app(self, ctx: Ctx) -> App[Any]:
        return KioskApp(ctx.clock)

    async def attempt(self, pilot: Pilot[Any], ctx: Ctx) -> None:
        await sign_in(pilot, ctx.coordinator)

    def done(self, ctx: Ctx, app: App[Any]) -> bool:
        return isinstance(app.screen, CoordinatorHome)


class BoardTimers(StaffAction):
    """The door console's tick and refresh, as their timers call them."""

    name = "board-timers"
    status = "#door-fault"

    def setup(self, ctx: Ctx) -> None:
        door_day(ctx.clock.now())
        self.volunteer = make_volunteer(ctx.clock.now())

    def app(self, ctx: Ctx) -> App[Any]:
        return DoorApp(ctx.clock)

    async def ready(self, pilot: Pilot[Any], ctx: Ctx) -> None:
        await sign_in(pilot, self.volunteer)
        assert isinstance(pilot.app.screen, DoorConsole)
        # Half past ten: both of CASE-A's parents are late, so the tick has alerts to raise.
        ctx.clock.advance(minutes=90)
        pilot.app.last_activity = ctx.clock.now()  # type: ignore[attr-defined]

    async def attempt(self, pilot: Pilot[Any], ctx: Ctx) -> None:
        console = pilot.app.screen
        assert isinstance(console, DoorConsole)
        console.tick()
        await pilot.pause()

    def done(self, ctx: Ctx, app: App[Any]) -> bool:
        return Alert.select().where(Alert.kind == "no_show").count() == 2


class FormAction(StaffAction):
    """A co-ordinator's screen in a host App, as the menu would push it."""

    button = ""
    # What the person types before pressing the button, by field id.
    values: dict[str, str] = {}
    # The screen, made as the menu makes it: (staff, clock, *screen_args).
    screen_type: Any = None
    screen_args: tuple[Any, ...] = ()

    def screen(self, ctx: Ctx) -> Any:
        return self.screen_type(ctx.coordinator, ctx.clock, *self.screen_args)

    async def ready(self, pilot: Pilot[Any], ctx: Ctx) -> None:
        fill(pilot.app.screen, self.values)

    def app(self, ctx: Ctx) -> App[Any]:
        return HostApp(lambda: self.screen(ctx))

    async def attempt(self, pilot: Pilot[Any], ctx: Ctx) -> None:
        await click(pilot, self.button)
        await pilot.pause()


class SaveCase(FormAction):
    name, button = "case-file-save", "#save"

    screen_type, screen_args = CaseFileScreen, (None,)
    values = {"ref": "NEW-1", "p1-first_name": "Rosa", "p2-first_name": "Vic"}

    def done(self, ctx: Ctx, app: App[Any]) -> bool:
        return Case.select().where(Case.ref == "NEW-1").exists()


class Book(FormAction):
    name, button = "booking-form", "#book"

    def setup(self, ctx: Ctx) -> None:
        cases.save_case(sample_file("A"), ctx.coordinator, ctx.clock)

    screen_type, screen_args = BookingFormScreen, ("A",)
    values = {"date": "2026-11-28", "start": "10:00", "end": "12:00", "room": "Blue Room"}

    def done(self, ctx: Ctx, app: App[Any]) -> bool:
        return Booking.select().join(Case).where(Case.ref == "A").count() == 1


class SaveVolunteer(FormAction):
    name, button = "volunteer-form", "#save"

    screen_type, screen_args = VolunteerFormScreen, (None,)
    values = {"name": "Tom Hughes", "secret": "135790"}

    def done(self, ctx: Ctx, app: App[Any]) -> bool:
        return Volunteer.select().where(Volunteer.name == "Tom Hughes").exists()


class Declare(FormAction):
    name, button = "declaration", "#declare"

    def setup(self, ctx: Ctx) -> None:
        make_case("K-1", ctx.clock.now())
        data = VolunteerData(
            "Tom Hughes",
            dbs_number="109876543210",
            dbs_issued_on=date(2025, 1, 1),
            dbs_level=DbsLevel.ENHANCED,
        )
        self.tom = save_volunteer(data, ctx.coordinator, ctx.clock, "135790").id

    def screen(self, ctx: Ctx) -> Any:
        return VolunteerFormScreen(ctx.coordinator, ctx.clock, self.tom)

    values = {"decl_case": "K-1", "decl_on": "2026-11-01"}

    def done(self, ctx: Ctx, app: App[Any]) -> bool:
        return Declaration.select().count() == 1


class IssueCard(FormAction):
    name, button = "card-issue", "#issue"

    def setup(self, ctx: Ctx) -> None:
        saved = cases.save_case(sample_file(), ctx.coordinator, ctx.clock)
        resident = saved.person(Role.RESIDENT)
        assert resident is not None and resident.id is not None
        self.person_id = resident.id

    def screen(self, ctx: Ctx) -> Any:
        return CardScreen(ctx.coordinator, ctx.clock, self.person_id, folder=ctx.folder)

    async def attempt(self, pilot: Pilot[Any], ctx: Ctx) -> None:
        await click(pilot, self.button)
        await click(pilot, "#yes")  # a new card is asked about first
        await pilot.pause()

    def done(self, ctx: Ctx, app: App[Any]) -> bool:
        cards = Card.select().where(Card.person == self.person_id).count()
        # No card file is left behind by an issue that was rolled back.
        return cards == 1 and len(list(ctx.folder.glob("card-*"))) == 1

    def nothing_left(self, ctx: Ctx) -> bool:
        return not list(ctx.folder.glob("*card-*"))


class RevokeCard(IssueCard):
    name, button = "card-revoke", "#revoke"
    attempt = FormAction.attempt  # Revoke is not asked about

    def setup(self, ctx: Ctx) -> None:
        super().setup(ctx)
        card_issue.issue(self.person_id, ctx.coordinator, ctx.clock, folder=ctx.folder)

    def done(self, ctx: Ctx, app: App[Any]) -> bool:
        return Card.get(Card.person == self.person_id).revoked_at is not None

    def nothing_left(self, ctx: Ctx) -> bool:
        # A revoke that was rolled back leaves the card working, and its file where it was.
        return len(list(ctx.folder.glob("card-*"))) == 1


# Every staff path but the door's acts, in the order the fault matrix lists them.
RECORD_ACTIONS: list[type[StaffAction]] = [
    SignIn,
    BoardTimers,
    SaveCase,
    Book,
    SaveVolunteer,
    Declare,
    IssueCard,
    RevokeCard,
]
