"""The door's acts, as a volunteer does them at the real door console.

Each is a `StaffAction` (tests/support/staff_actions.py) for the fault matrix:
the volunteer signs in at the door, the day is CASE-A at 10:00 and CASE-B at
13:00 (builders.door_day), and the act is tried by its key, through its dialog
when it has one. A dialog answers in its own message line and stays open for
another try (handover, return and off duty ask first in one); acknowledging an alert
answers in a notification on the console.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Any

from textual.app import App
from textual.pilot import Pilot
from textual.widgets import Input, TextArea

from kiosk.door_app import DoorApp
from models import (
    AccidentEntry,
    Alert,
    Attendance,
    AuditEntry,
    Booking,
    BookingEvent,
    BookingState,
    Incident,
    Role,
)
from screens.door.console import DoorConsole
from screens.door.dialog import DoorDialog
from tests.support.builders import door_day, make_volunteer, scan_in
from tests.support.pilots import click, console_key, fill, sign_in, text_of
from tests.support.staff_actions import Ctx, StaffAction


class DoorAct(StaffAction):
    """An act at the door console; `key` opens it, a dialog's OK records it."""

    key = ""
    # Minutes after 09:00 at which the act is tried (CASE-A is booked at 10:00).
    minutes = 70

    def setup(self, ctx: Ctx) -> None:
        self.case_a, self.case_b = door_day(ctx.clock.now())
        self.volunteer = make_volunteer(ctx.clock.now())
        ctx.clock.advance(minutes=self.minutes)
        self.arrange(ctx, ctx.clock.now())

    def arrange(self, ctx: Ctx, now: datetime) -> None:
        """What is on record before the act: by default, nothing more."""

    def app(self, ctx: Ctx) -> App[Any]:
        return DoorApp(ctx.clock)

    async def ready(self, pilot: Pilot[Any], ctx: Ctx) -> None:
        await sign_in(pilot, self.volunteer)
        assert isinstance(pilot.app.screen, DoorConsole)
        await self.open(pilot)

    async def open(self, pilot: Pilot[Any]) -> None:
        """Open the act's dialog, if it has one, and fill it in."""

    async def attempt(self, pilot: Pilot[Any], ctx: Ctx) -> None:
        if isinstance(pilot.app.screen, DoorDialog):
            await click(pilot, "#ok")
        else:
            await console_key(pilot, self.key)
        await pilot.pause()

    def line(self, app: App[Any]) -> str:
        if isinstance(app.screen, DoorDialog):
            return text_of(app.screen, "#dialog-message")
        said = [str(n.message) for n in app._notifications]
        return said[-1] if said else ""


class DialogAct(DoorAct):
    async def open(self, pilot: Pilot[Any]) -> None:
        await console_key(pilot, self.key)
        assert isinstance(pilot.app.screen, DoorDialog), self.name
        self.fill(pilot.app.screen)

    def fill(self, dialog: DoorDialog) -> None:
        return None


def _both_in(booking: Booking, at: datetime) -> None:
    scan_in(booking, Role.RESIDENT, at)
    scan_in(booking, Role.VISITING, at)
    Booking.update(state=BookingState.BOTH_IN.value).where(Booking.id == booking.id).execute()


def _events(booking: Booking, kind: str) -> int:
    return (
        BookingEvent.select()
        .where(BookingEvent.booking == booking, BookingEvent.kind == kind)
        .count()
    )


class Acknowledge(DoorAct):
    name, key = "door-acknowledge", "a"

    def arrange(self, ctx: Ctx, now: datetime) -> None:
        self.alert = Alert.create(
            case=self.case_a.case,
            booking=self.case_a,
            kind="no_show",
            message="Rosa has not arrived",
            created_at=now,
        )

    def done(self, ctx: Ctx, app: App[Any]) -> bool:
        return Alert.get_by_id(self.alert.id).acknowledged_at is not None


class HandOver(DialogAct):
    name, key = "door-handed-over", "h"

    def arrange(self, ctx: Ctx, now: datetime) -> None:
        _both_in(self.case_a, now)

    def done(self, ctx: Ctx, app: App[Any]) -> bool:
        return _events(self.case_a, "handed_over") == 1


class Return(HandOver):
    name, key = "door-returned", "r"

    def arrange(self, ctx: Ctx, now: datetime) -> None:
        super().arrange(ctx, now)
        Booking.update(state=BookingState.IN_CONTACT.value).where(
            Booking.id == self.case_a.id
        ).execute()
        BookingEvent.create(booking=self.case_a, kind="handed_over", at=now)

    def done(self, ctx: Ctx, app: App[Any]) -> bool:
        return _events(self.case_a, "returned") == 1


class NoShow(DialogAct):
    name, key = "door-no-show", "n"
    # Half past ten: both parents are past their grace.
    minutes = 90

    def done(self, ctx: Ctx, app: App[Any]) -> bool:
        return Booking.get_by_id(self.case_a.id).state == BookingState.NO_SHOW.value


class Cancel(DialogAct):
    name, key = "door-cancel", "c"

    def done(self, ctx: Ctx, app: App[Any]) -> bool:
        return Booking.get_by_id(self.case_a.id).state == BookingState.CANCELLED.value


class EndEarly(DialogAct):
    name, key = "door-end-early", "t"

    def arrange(self, ctx: Ctx, now: datetime) -> None:
        _both_in(self.case_a, now)

    def fill(self, dialog: DoorDialog) -> None:
        dialog.query_one("#reason", Input).value = "child unwell"

    def done(self, ctx: Ctx, app: App[Any]) -> bool:
        return Booking.get_by_id(self.case_a.id).state == BookingState.CURTAILED.value


class RecordIncident(DialogAct):
    name, key = "door-incident", "s"

    def fill(self, dialog: DoorDialog) -> None:
        dialog.query_one("#description", TextArea).text = "Raised voices in the car park"

    def done(self, ctx: Ctx, app: App[Any]) -> bool:
        return Incident.select().count() == 1


class RecordAccident(DialogAct):
    name, key = "door-accident", "b"

    def fill(self, dialog: DoorDialog) -> None:
        fill(dialog, {"person": "Mia", "description": "Grazed knee in the garden"})
        fill(dialog, {"place": "the garden", "injury": "graze", "action": "Plaster"})

    def done(self, ctx: Ctx, app: App[Any]) -> bool:
        return AccidentEntry.select().count() == 1


class CheckInByName(DialogAct):
    name, key = "door-in-by-name", "i"

    def fill(self, dialog: DoorDialog) -> None:
        dialog.query_one("#query", Input).value = "Rosa"

    async def open(self, pilot: Pilot[Any]) -> None:
        await super().open(pilot)
        await pilot.pause()

    def done(self, ctx: Ctx, app: App[Any]) -> bool:
        return Attendance.select().where(Attendance.method == "manual").count() == 1


class WriteRollCall(DialogAct):
    name, key = "door-roll-call", "l"

    def fill(self, dialog: DoorDialog) -> None:
        dialog.query_one("#path", Input).value = str(self.target)

    def setup(self, ctx: Ctx) -> None:
        super().setup(ctx)
        self.target: Path = ctx.folder / "roll-call.txt"

    def done(self, ctx: Ctx, app: App[Any]) -> bool:
        written = AuditEntry.select().where(AuditEntry.action == "roll_call_written").count()
        return written == 1 and self.target.exists()

    def nothing_left(self, ctx: Ctx) -> bool:
        return not self.target.exists()


class OffDuty(DialogAct):
    name, key = "door-off-duty", "o"

    def done(self, ctx: Ctx, app: App[Any]) -> bool:
        return AuditEntry.select().where(AuditEntry.action == "off_duty").count() == 1


DOOR_ACTIONS: list[type[StaffAction]] = [
    Acknowledge,
    HandOver,
    Return,
    NoShow,
    Cancel,
    EndEarly,
    RecordIncident,
    RecordAccident,
    CheckInByName,
    WriteRollCall,
    OffDuty,
]
