"""The co-ordinator's own DBS check, asked for at their sign-in until it is recorded.

The policy's DBS rule covers everyone who takes up post: without a record on
file the door console is closed to the co-ordinator as to any volunteer. The
same four fields and the same checks as a volunteer's record; Later (or
Escape) puts it off until the next sign-in, asking first if anything was typed.
"""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.widgets import Button, Checkbox, Input, Select, Static

from kiosk.clock import Clock
from kiosk.services.staff import volunteers
from kiosk.services.staff.auth import StaffMember
from kiosk.services.staff.volunteers import DbsData
from kiosk.services.store.forms import Problem
from screens.coordinator.admin_form import AdminFormScreen, form_foot
from screens.coordinator.dbs_fields import dbs_rows, read_dbs
from screens.widgets.confirm import ConfirmScreen

ASKING = (
    "No DBS check is on file for you. The door console is closed to you until it is "
    "recorded. Only the certificate's number, issue date, level and Update Service are "
    "kept. Later: you are asked again at your next sign-in."
)
RECORDED = "Your DBS check is recorded: the door console is open to you."


class OwnDbsScreen(AdminFormScreen):
    CSS_PATH = "admin_form.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "later", "Later", id="own-dbs.later", tooltip="Ask at my next sign-in"),
        Binding("ctrl+s", "save", "Save", id="own-dbs.save", tooltip="Save my DBS check"),
    ]

    def __init__(self, actor: StaffMember, clock: Clock) -> None:
        super().__init__(actor, clock)
        self.recorded = False
        self.dbs = DbsData()

    def compose(self) -> ComposeResult:
        yield Static(f"Your DBS check, {self.actor.name}", classes="title", markup=False)
        with VerticalScroll(id="form"):
            yield Static(RECORDED if self.recorded else ASKING, id="explain", markup=False)
            with Vertical(classes="section") as dbs:
                dbs.border_title = "DBS check"
                yield from dbs_rows(self.dbs)
        button = Button("Close", id="close") if self.recorded else Button("Later", id="later")
        yield from form_foot(Button("Save", id="save", variant="primary"), button)

    def on_mount(self) -> None:
        self.query_one("#dbs_number", Input).focus()

    @on(Button.Pressed, "#save")
    async def action_save(self) -> None:
        problems: list[Problem] = []
        dbs = read_dbs(self, problems)

        def record() -> str:
            volunteers.record_own_dbs(self.actor, dbs, self.clock)
            self.recorded, self.dbs = True, dbs
            return "Saved."

        await self.submit(problems, record)

    def _typed(self) -> bool:
        """Anything entered that Later would throw away."""
        texts = (self.value_of("dbs_number"), self.value_of("dbs_issued_on"))
        level = self.query_one("#dbs_level", Select).value
        ticked = self.query_one("#dbs_update_service", Checkbox).value
        return any(t.strip() for t in texts) or level is not Select.NULL or ticked

    @on(Button.Pressed, "#later")
    def action_later(self) -> None:
        if self.recorded or not self._typed():
            self.dismiss(None)
            return

        def answered(put_off: bool | None) -> None:
            if put_off:
                self.dismiss(None)

        question = "Put off your DBS check? What you typed is not kept; you are asked again."
        self.app.push_screen(ConfirmScreen(question, "Put it off", "Keep typing"), answered)
