"""The diary's staff actions for the fault matrix (tests/stress/test_staff_faults.py):
adding a room, closing a day, saving the settings, moving and cancelling a session,
each as the co-ordinator does it through the real screen (see staff_actions.py).
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from textual.app import App
from textual.pilot import Pilot

from models import Booking, BookingEvent, Closure, Room, Setting
from screens.coordinator.closures import ClosuresScreen
from screens.coordinator.rooms import RoomsScreen
from screens.coordinator.session import SessionScreen
from screens.coordinator.settings import SettingsScreen
from screens.widgets.confirm import ConfirmScreen
from tests.support.builders import make_booking, make_case
from tests.support.pilots import click, fill
from tests.support.staff_actions import Ctx, FormAction

AHEAD = datetime(2026, 11, 28, 10, 0)


class AddRoom(FormAction):
    name, button = "add-room", "#add"
    screen_type = RoomsScreen
    values = {"name": "Quiet Room"}

    def done(self, ctx: Ctx, app: App[Any]) -> bool:
        return Room.select().where(Room.name == "Quiet Room").exists()


class CloseDay(FormAction):
    name, button = "close-day", "#add"
    screen_type = ClosuresScreen
    values = {"day": "2026-12-02", "reason": "Training"}

    def done(self, ctx: Ctx, app: App[Any]) -> bool:
        return Closure.select().exists()


class SaveSettings(FormAction):
    name, button = "settings", "#save"
    screen_type = SettingsScreen
    values = {"centre_name": "Harbour Centre"}

    def done(self, ctx: Ctx, app: App[Any]) -> bool:
        return Setting.select().where(Setting.value == "Harbour Centre").exists()


class _SessionAct(FormAction):
    """An act on a session booked for next Saturday, confirmed in the dialog it asks."""

    screen_type = SessionScreen
    kind = ""

    def setup(self, ctx: Ctx) -> None:
        self.booking = make_booking(make_case("AHEAD-1", ctx.clock.now()), AHEAD)
        self.screen_args = (self.booking.id,)

    async def attempt(self, pilot: Pilot[Any], ctx: Ctx) -> None:
        if self.values:
            fill(pilot.app.screen, self.values)
        await click(pilot, self.button)
        assert isinstance(pilot.app.screen, ConfirmScreen)
        await click(pilot, "#yes")
        await pilot.pause()

    async def ready(self, pilot: Pilot[Any], ctx: Ctx) -> None:
        return None

    def done(self, ctx: Ctx, app: App[Any]) -> bool:
        return BookingEvent.select().where(BookingEvent.kind == self.kind).exists()


class MoveSession(_SessionAct):
    name, button, kind = "move-session", "#move", "moved"
    values = {"start": "11:00"}

    def done(self, ctx: Ctx, app: App[Any]) -> bool:
        moved = Booking.get_by_id(self.booking.id).starts_at == AHEAD.replace(hour=11)
        return moved and super().done(ctx, app)


class CancelSession(_SessionAct):
    name, button, kind = "cancel-session", "#cancel", "cancelled"


DIARY_ACTIONS = [AddRoom, CloseDay, SaveSettings, MoveSession, CancelSession]
