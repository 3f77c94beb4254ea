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
from textual.widgets import Button, Checkbox, Input, Label, Select, Static

from kiosk.clock import Clock
from kiosk.services.staff import volunteers
from kiosk.services.staff.auth import StaffMember
from kiosk.services.staff.volunteers import DbsLevel, DeclarationData, StaffRole, VolunteerData
from kiosk.services.store.forms import FormError, Problem, parse_date
from screens.coordinator.admin_form import AdminFormScreen
from screens.widgets.form_errors import clear_problems, show_problems

ROLES = [("Volunteer", StaffRole.VOLUNTEER.value), ("Co-ordinator", StaffRole.COORDINATOR.value)]
LEVELS = [
    ("Basic", DbsLevel.BASIC.value),
    ("Standard", DbsLevel.STANDARD.value),
    ("Enhanced", DbsLevel.ENHANCED.value),
    ("Enhanced with barred lists", DbsLevel.ENHANCED_BARRED.value),
]


def _row(label: str, widget: Input | Select[str] | Checkbox) -> Horizontal:
    return Horizontal(Label(label), widget, classes="row")


def _d(value: object) -> str:
    return value.isoformat() if value is not None else ""  # type: ignore[attr-defined]


class VolunteerFormScreen(AdminFormScreen):
    CSS_PATH = ["admin_form.tcss", "volunteer_form.tcss"]
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "close", "Close", id="volunteer.close", tooltip="Close the record"),
    ]

    def __init__(self, actor: StaffMember, clock: Clock, volunteer_id: int | None) -> None:
        super().__init__()
        self.actor = actor
        self.clock = clock
        self.record = (
            volunteers.get_volunteer(actor, volunteer_id)
            if volunteer_id is not None
            else VolunteerData("")
        )

    def on_mount(self) -> None:
        self.query_one("#name", Input).focus()

    def compose(self) -> ComposeResult:
        v = self.record
        yield Static(v.name or "New volunteer", classes="title", id="title", markup=False)
        with VerticalScroll(id="form"):
            with Vertical(classes="section") as section:
                section.border_title = "Volunteer"
                yield _row("Name", Input(v.name, id="name"))
                role = Select(ROLES, value=v.role.value, allow_blank=False, id="role")
                yield _row("Role", role)
                yield _row("Left on", Input(_d(v.left_on), placeholder="YYYY-MM-DD", id="left_on"))
                pin_label = "New PIN" if v.id is None else "New PIN (blank keeps)"
                yield _row(pin_label, Input(password=True, id="secret"))
            with Vertical(classes="section") as dbs:
                dbs.border_title = "DBS check"
                yield _row("Certificate no.", Input(v.dbs_number, max_length=12, id="dbs_number"))
                yield _row(
                    "Issued on",
                    Input(_d(v.dbs_issued_on), placeholder="YYYY-MM-DD", id="dbs_issued_on"),
                )
                level = v.dbs_level.value if v.dbs_level else Select.NULL
                yield _row("Level", Select(LEVELS, value=level, id="dbs_level"))
                yield _row(
                    "Update Service",
                    Checkbox("Subscribed", v.dbs_update_service, id="dbs_update_service"),
                )
            if v.id is not None:
                yield from self._declarations()
        yield Static("", id="errors", markup=False)
        yield Static("", id="status", markup=False)
        with Horizontal(classes="buttons"):
            yield Button("Save", id="save", variant="primary")
            yield Button("Close", id="close")

    def _declarations(self) -> ComposeResult:
        with Vertical(classes="section", id="declarations") as section:
            section.border_title = "Families this volunteer knows"
            for d in volunteers.declarations(self.actor, self.record.id or 0):
                yield self._declaration_row(d)
            yield _row("Case reference", Input(id="decl_case"))
            yield _row("Declared on", Input(placeholder="YYYY-MM-DD", id="decl_on"))
            yield _row("Note", Input(id="decl_note"))
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

    def _value(self, widget_id: str) -> str:
        return self.query_one(f"#{widget_id}", Input).value

    def read(self, problems: list[Problem]) -> VolunteerData:
        level = self.query_one("#dbs_level", Select).value
        return VolunteerData(
            name=self._value("name"),
            role=StaffRole(str(self.query_one("#role", Select).value)),
            dbs_number=self._value("dbs_number").strip(),
            dbs_issued_on=parse_date(self._value("dbs_issued_on"), "dbs_issued_on", problems),
            dbs_level=DbsLevel(str(level)) if level is not Select.NULL else None,
            dbs_update_service=self.query_one("#dbs_update_service", Checkbox).value,
            left_on=parse_date(self._value("left_on"), "left_on", problems),
            id=self.record.id,
        )

    @on(Button.Pressed, "#save")
    async def _save(self) -> None:
        problems: list[Problem] = []
        data = self.read(problems)
        secret = self._value("secret")
        if not problems:
            try:
                self.record = volunteers.save_volunteer(
                    data, self.actor, self.clock, secret or None
                )
            except FormError as exc:
                problems = exc.problems
        if problems:
            show_problems(self, problems)
            return
        await self.recompose()
        clear_problems(self)
        note = " The new PIN is set." if secret else ""
        self.query_one("#status", Static).update(f"Saved {self.record.name}.{note}")

    @on(Button.Pressed, "#declare")
    async def _declare(self) -> None:
        problems: list[Problem] = []
        on_date = parse_date(self._value("decl_on"), "decl_on", problems)
        if not problems:
            try:
                volunteers.declare(
                    self.record.id or 0,
                    self._value("decl_case"),
                    on_date,
                    self._value("decl_note"),
                    self.actor,
                    self.clock,
                )
            except FormError as exc:
                problems = exc.problems
        if problems:
            show_problems(self, problems)
            return
        await self.recompose()
        self.query_one("#status", Static).update("Declaration recorded.")

    @on(Button.Pressed, ".withdraw")
    async def _withdraw(self, event: Button.Pressed) -> None:
        declaration_id = int((event.button.id or "").removeprefix("withdraw-"))
        volunteers.withdraw_declaration(declaration_id, self.actor, self.clock)
        await self.recompose()
        self.query_one("#status", Static).update("Declaration withdrawn.")

    @on(Button.Pressed, "#close")
    def action_close(self) -> None:
        self.dismiss(None)
