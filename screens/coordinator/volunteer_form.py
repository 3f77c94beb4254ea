"""One volunteer's record: DBS details, a new PIN, and who they know.

The PIN field is only ever written to, never shown: leaving it blank keeps the
current PIN; anything typed there replaces it and lifts a lockout.
"""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Button, Input, Select, Static

from kiosk.clock import Clock
from kiosk.services.staff import volunteers
from kiosk.services.staff.auth import StaffMember
from kiosk.services.staff.volunteers import DeclarationData, StaffRole, VolunteerData
from kiosk.services.store.forms import DATE_HINT, Problem, parse_date
from screens.coordinator.admin_form import AdminFormScreen, date_text, form_foot, form_row
from screens.coordinator.dbs_fields import dbs_rows, read_dbs
from screens.widgets.refusals import refusals_shown

ROLES = [("Volunteer", StaffRole.VOLUNTEER.value), ("Co-ordinator", StaffRole.COORDINATOR.value)]


class VolunteerFormScreen(AdminFormScreen):
    CSS_PATH = ["admin_form.tcss", "volunteer_form.tcss"]
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "leave", "Close", id="volunteer.close", tooltip="Close (asks first)"),
        Binding("ctrl+s", "save", "Save", id="volunteer.save", tooltip="Save the record"),
    ]

    def __init__(self, actor: StaffMember, clock: Clock, volunteer_id: int | None) -> None:
        super().__init__(actor, clock)
        self.record = (
            volunteers.get_volunteer(actor, volunteer_id)
            if volunteer_id is not None
            else VolunteerData("")
        )

    def on_mount(self) -> None:
        self.query_one("#name", Input).focus()
        self.hold_after_refresh()

    def action_leave(self) -> None:
        if self.record.id is not None:
            self.leave_or_ask(f"the changes to {self.record.name}")
        else:
            typed = self.value_of("name").strip()
            self.leave_or_ask(f"the new volunteer {typed}" if typed else "the new volunteer")

    def compose(self) -> ComposeResult:
        v = self.record
        yield Static(v.name or "New volunteer", classes="title", id="title", markup=False)
        with VerticalScroll(id="form"):
            with Vertical(classes="section") as section:
                section.border_title = "Volunteer"
                yield form_row("Name", Input(v.name, id="name"))
                role = Select(ROLES, value=v.role.value, allow_blank=False, id="role")
                yield form_row("Role", role)
                yield form_row(
                    "Left on", Input(date_text(v.left_on), placeholder=DATE_HINT, id="left_on")
                )
                pin_label = "New PIN" if v.id is None else "New PIN (blank keeps)"
                yield form_row(pin_label, Input(password=True, id="secret"))
            with Vertical(classes="section") as dbs:
                dbs.border_title = "DBS check"
                yield from dbs_rows(v.dbs)
            if v.id is not None:
                yield from self._declarations()
        yield from form_foot(
            Button("Save", id="save", variant="primary"), Button("Close", id="close")
        )

    def _declarations(self) -> ComposeResult:
        with Vertical(classes="section", id="declarations") as section:
            section.border_title = "Families this volunteer knows"
            for d in volunteers.declarations(self.actor, self.record.id or 0):
                yield self._declaration_row(d)
            yield form_row("Case reference", Input(id="decl_case"))
            yield form_row("Declared on", Input(placeholder=DATE_HINT, id="decl_on"))
            yield form_row("Note", Input(id="decl_note"))
            yield Button("Add declaration", id="declare")

    def _declaration_row(self, d: DeclarationData) -> Horizontal:
        text = f"Case {d.case_ref}, declared {d.declared_on:%d/%m/%Y}" + (
            f": {d.note}" if d.note else ""
        )
        return Horizontal(
            Static(text, markup=False, classes="declaration"),
            Button("Withdraw", id=f"withdraw-{d.id}", classes="withdraw"),
            classes="row",
        )

    def read(self, problems: list[Problem]) -> VolunteerData:
        dbs = read_dbs(self, problems)
        return VolunteerData(
            name=self.value_of("name"),
            role=StaffRole(str(self.query_one("#role", Select).value)),
            dbs_number=dbs.number,
            dbs_issued_on=dbs.issued_on,
            dbs_level=dbs.level,
            dbs_update_service=dbs.update_service,
            left_on=parse_date(self.value_of("left_on"), "left_on", problems),
            id=self.record.id,
        )

    @on(Button.Pressed, "#save")
    async def action_save(self) -> None:
        problems: list[Problem] = []
        data = self.read(problems)
        secret = self.value_of("secret")

        def save() -> str:
            self.record = volunteers.save_volunteer(data, self.actor, self.clock, secret or None)
            note = " The new PIN is set." if secret else ""
            return f"Saved {self.record.name}.{note}"

        await self.submit(problems, save)

    @on(Button.Pressed, "#declare")
    async def _declare(self) -> None:
        problems: list[Problem] = []
        on_date = parse_date(self.value_of("decl_on"), "decl_on", problems)

        def declare() -> str:
            case_ref, note = self.value_of("decl_case"), self.value_of("decl_note")
            volunteers.declare(self.record.id or 0, case_ref, on_date, note, self.actor, self.clock)
            return "Declaration recorded."

        await self.submit(problems, declare)

    @on(Button.Pressed, ".withdraw")
    @refusals_shown
    async def _withdraw(self, event: Button.Pressed) -> None:
        declaration_id = int((event.button.id or "").removeprefix("withdraw-"))
        volunteers.withdraw_declaration(declaration_id, self.actor, self.clock)
        await self.recompose()
        self.query_one("#status", Static).update("Declaration withdrawn.")
