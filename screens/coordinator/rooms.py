"""The room register: add a contact room or a waiting area, retire or remove one."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.widgets import Button, DataTable, Input, Select, Static

from kiosk.services.centre import rooms
from kiosk.services.centre.rooms import RoomView
from screens.coordinator.admin_form import AdminFormScreen, keys_foot
from screens.widgets.confirm import ConfirmScreen, leave_unsaved
from screens.widgets.refusals import refusals_shown

KINDS = [("Contact room", "contact"), ("Waiting area", "waiting")]


class RoomsScreen(AdminFormScreen):
    CSS_PATH = ["admin_form.tcss", "rooms.tcss"]
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "leave", "Back", id="rooms.back", tooltip="Back to the menu"),
    ]

    def compose(self) -> ComposeResult:
        yield Static("Rooms", classes="title")
        yield DataTable(id="rooms", cursor_type="row", zebra_stripes=True)
        with Horizontal(id="new-room"):
            yield Input(placeholder="New room's name", id="name", name="New room's name")
            yield Select(KINDS, value="contact", allow_blank=False, id="kind")
            yield Button("Add", id="add", variant="primary")
        yield Static("", id="status", markup=False)
        yield keys_foot(
            Button("Retire", id="retire"),
            Button("Remove", id="remove", variant="error"),
            Button("Back", id="back"),
        )

    pending: RoomView | None = None

    def on_mount(self) -> None:
        self.query_one("#rooms", DataTable).add_columns("Room", "Kind", "State", "Future sessions")
        self._fill()
        self.query_one("#name", Input).focus()

    def _fill(self) -> None:
        table = self.query_one("#rooms", DataTable)
        table.clear()
        self.shown: list[RoomView] = rooms.list_rooms(self.clock.now())
        for r in self.shown:
            state = f"retired {r.retired_on:%d/%m/%Y}" if r.retired_on else "in use"
            cells = (r.name, r.label, state, str(r.future_sessions))
            table.add_row(*(Text(c) for c in cells), key=r.name)

    def _chosen(self) -> RoomView | None:
        table = self.query_one("#rooms", DataTable)
        return self.shown[table.cursor_row] if self.shown else None

    def _say(self, text: str) -> None:
        status = self.query_one("#status", Static)
        status.set_class(False, "error")
        status.update(text)

    @on(Button.Pressed, "#add")
    @on(Input.Submitted, "#name")
    @refusals_shown
    def _add(self) -> None:
        name = self.query_one("#name", Input)
        kind = str(self.query_one("#kind", Select).value)
        room = rooms.add_room(name.value, kind, self.clock.now(), self.actor)
        name.value = ""
        self._fill()
        self._say(f"{room.name} is a {room.label} of the centre.")

    @on(Button.Pressed, "#retire")
    def _retire(self) -> None:
        self.pending = self._chosen()
        if self.pending is not None:
            question = f"Retire {self.pending.name}? It takes no new bookings."
            self.app.push_screen(ConfirmScreen(question, "Retire", "Keep"), self._retire_answered)

    @refusals_shown
    def _retire_answered(self, yes: bool | None) -> None:
        room, self.pending = self.pending, None
        if yes and room is not None:
            left = rooms.retire_room(room.name, self.clock.now(), self.actor)
            self._fill()
            moved = f" {rooms.still_using(left)}" if left else ""
            self._say(f"Retired {room.name}.{moved}")

    @on(Button.Pressed, "#remove")
    def _remove(self) -> None:
        self.pending = self._chosen()
        if self.pending is not None:
            question = f"Remove {self.pending.name} from the register?"
            self.app.push_screen(ConfirmScreen(question, "Remove", "Keep"), self._remove_answered)

    @refusals_shown
    def _remove_answered(self, yes: bool | None) -> None:
        room, self.pending = self.pending, None
        if yes and room is not None:
            rooms.remove_room(room.name, self.clock.now(), self.actor)
            self._fill()
            self._say(f"Removed {room.name}.")

    def action_leave(self) -> None:
        typed = self.query_one("#name", Input).value.strip()
        if typed:
            leave_unsaved(self, f"the new room {typed}")
        else:
            self.dismiss(None)
