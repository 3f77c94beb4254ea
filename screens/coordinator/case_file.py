"""One case file, to read and edit: people, children, referral, consents, settings, dates.

Opening it is audited (by the service). Save checks the whole file and writes
all of it or none of it; problems appear beside the fields they are about.
"""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.widgets import Button, Checkbox, Input, Label, Select, Static, TextArea

from kiosk.clock import Clock
from kiosk.services.cards.issue import CardRenderer, render_png
from kiosk.services.cases import case_file as cases
from kiosk.services.cases.records import (
    REFERRER_KINDS,
    CaseFile,
    PersonData,
    ReferralData,
    Role,
    SeparationSettings,
)
from kiosk.services.staff.auth import StaffMember
from kiosk.services.store.forms import DATE_HINT, Problem, parse_date, parse_minutes
from screens.coordinator.admin_form import AdminFormScreen, date_text, form_foot, form_row
from screens.coordinator.booking_form import BookingFormScreen
from screens.coordinator.card import CardScreen
from screens.coordinator.session_list import SessionList
from screens.widgets.form_errors import default_id
from screens.widgets.marked_toggle import MarkedCheckbox
from screens.widgets.person_fields import PersonFields

MINUTE_FIELDS = [
    ("arrival_gap_min", "Arrival gap (min)"),
    ("departure_hold_min", "Departure hold (min)"),
    ("no_show_grace_min", "No-show grace (min)"),
]
AGREEMENTS = [
    ("family_agreed_assessment_on", "Family agreed"),
    ("coordinator_agreed_assessment_on", "Co-ordinator agreed"),
]


class CaseFileScreen(AdminFormScreen):
    CSS_PATH = ["admin_form.tcss", "case_file.tcss"]
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "leave", "Close", id="case.close", tooltip="Close (asks if not saved)"),
        Binding("ctrl+s", "save", "Save", id="case.save", tooltip="Save the case file"),
        Binding("ctrl+b", "book", "Book", id="case.book", tooltip="Book sessions for this case"),
    ]

    def __init__(
        self,
        actor: StaffMember,
        clock: Clock,
        case_id: int | None,
        *,
        card_folder: Path | None = None,
        render: CardRenderer = render_png,
    ) -> None:
        super().__init__(actor, clock)
        self.card_folder = card_folder
        self.card_render = render
        # Opening an existing file writes the audit entry.
        self.file = cases.open_case(case_id, actor, clock) if case_id else _blank()
        self._keys = 0
        self.submitted: list[PersonFields] = []

    def _block(self, role: Role, person: PersonData | None) -> PersonFields:
        self._keys += 1
        return PersonFields(self._keys, role, person)

    def compose(self) -> ComposeResult:
        # Blocks are numbered afresh each time, so a rebuilt form's ids match.
        self._keys = 0
        f = self.file
        title = f"Case {f.ref}" if f.id else "New case"
        yield Static(title, classes="title", markup=False)
        with VerticalScroll(id="form"):
            with Vertical(classes="section", id="case-section") as case_section:
                case_section.border_title = "Case"
                yield form_row("Reference", Input(f.ref, id="ref"))
                yield form_row("Children", Input(", ".join(f.children), id="children"))
            for role in (Role.RESIDENT, Role.VISITING):
                yield self._block(role, f.person(role))
            with Vertical(id="adults"):
                for adult in (p for p in f.people if p.role is Role.ADULT):
                    yield self._block(Role.ADULT, adult)
            yield Button("Add adult", id="add-adult")
            yield from self._referral(f.referral)
            yield from self._settings(f)
            if f.id is not None:
                yield SessionList(self.actor, self.clock, f.ref)
        yield from form_foot(
            Button("Save", id="save", variant="primary"),
            Button("Book...", id="book", disabled=f.id is None),
            Button("Close", id="close"),
        )

    def on_mount(self) -> None:
        # A new case starts at its reference; an existing one at the children, as the
        # reference is rarely changed.
        self.query_one("#children" if self.file.id else "#ref", Input).focus()
        # Taken once the person blocks have composed their fields.
        self.hold_after_refresh()

    def action_leave(self) -> None:
        if self.file.id is not None:
            self.leave_or_ask(f"the changes to case {self.file.ref}")
        else:
            typed = self.value_of("ref").strip()
            self.leave_or_ask(f"the new case {typed}" if typed else "the new case")

    def _referral(self, r: ReferralData) -> ComposeResult:
        with Vertical(classes="section", id="referral-section") as section:
            section.border_title = "Referral"
            yield form_row("Organisation", Input(r.organisation, id="referral-organisation"))
            yield form_row("Contact", Input(r.contact_name, id="referral-contact_name"))
            yield form_row("Contact e-mail", Input(r.contact_email, id="referral-contact_email"))
            yield form_row(
                "Referred on", Input(date_text(r.referred_on), id="referral-referred_on")
            )
            kinds = [(label, kind) for kind, label in REFERRER_KINDS.items()]
            yield form_row(
                "Referred by",
                Select(
                    kinds, value=r.kind or Select.NULL, prompt="Not recorded", id="referral-kind"
                ),
            )
            yield form_row(
                "Court order",
                MarkedCheckbox("Court order in place", r.court_order, id="referral-court_order"),
            )
            yield Label("Risk notes")
            yield TextArea(r.risk_notes, id="referral-risk_notes")

    def _settings(self, f: CaseFile) -> ComposeResult:
        s = f.settings
        with Vertical(classes="section", id="settings-section") as section:
            section.border_title = "Separation settings and assessment agreement"
            first = Select(
                [
                    ("Visiting parent", Role.VISITING.value),
                    ("Resident parent", Role.RESIDENT.value),
                ],
                value=s.first_party.value,
                allow_blank=False,
                id="settings-first_party",
            )
            yield form_row("Arrives first", first)
            for name, label in MINUTE_FIELDS:
                yield form_row(label, Input(str(getattr(s, name)), id=f"settings-{name}"))
            for name, label in AGREEMENTS:
                yield form_row(
                    label, Input(date_text(getattr(f, name)), placeholder=DATE_HINT, id=name)
                )

    def read(self, problems: list[Problem]) -> CaseFile:
        """The form as a case file; unparseable dates and numbers go into `problems`."""
        blocks = [b for b in self.query(PersonFields) if not b.is_blank()]
        self.submitted = blocks
        people = tuple(b.read(i, problems) for i, b in enumerate(blocks))
        minutes = {
            n: parse_minutes(self.value_of(f"settings-{n}"), f"settings.{n}", problems)
            for n, _ in MINUTE_FIELDS
        }
        first = self.query_one("#settings-first_party", Select).value
        agreed = {n: parse_date(self.value_of(n), n, problems) for n, _ in AGREEMENTS}
        return CaseFile(
            ref=self.value_of("ref"),
            people=people,
            children=tuple(n.strip() for n in self.value_of("children").split(",") if n.strip()),
            referral=ReferralData(
                organisation=self.value_of("referral-organisation"),
                contact_name=self.value_of("referral-contact_name"),
                contact_email=self.value_of("referral-contact_email"),
                court_order=self.query_one("#referral-court_order", Checkbox).value,
                risk_notes=self.query_one("#referral-risk_notes", TextArea).text,
                referred_on=parse_date(
                    self.value_of("referral-referred_on"), "referral.referred_on", problems
                ),
                kind=_chosen(self.query_one("#referral-kind", Select).value),
            ),
            settings=SeparationSettings(
                Role(str(first)),
                minutes["arrival_gap_min"] or 0,
                minutes["departure_hold_min"] or 0,
                minutes["no_show_grace_min"] or 0,
            ),
            family_agreed_assessment_on=agreed["family_agreed_assessment_on"],
            coordinator_agreed_assessment_on=agreed["coordinator_agreed_assessment_on"],
            id=self.file.id,
        )

    def _widget_id(self, field: str) -> str:
        parts = field.split(".", 2)
        if parts[0] == "people" and len(parts) == 3 and int(parts[1]) < len(self.submitted):
            return self.submitted[int(parts[1])].widget_id(parts[2])
        return default_id(field)

    @on(Button.Pressed, "#save")
    async def action_save(self) -> None:
        problems: list[Problem] = []
        edited = self.read(problems)

        def save() -> str:
            self.file = cases.save_case(edited, self.actor, self.clock)
            return f"Saved case {self.file.ref}."

        # Rebuilt from what was stored, so new people get their ids (and card buttons).
        await self.submit(problems, save, self._widget_id)

    @on(Button.Pressed, "#add-adult")
    def _add_adult(self) -> None:
        block = self._block(Role.ADULT, None)
        self.query_one("#adults", Vertical).mount(block)
        block.scroll_visible()

    @on(PersonFields.RemoveRequested)
    def _remove_adult(self, event: PersonFields.RemoveRequested) -> None:
        # Removal is only kept when the case is saved.
        event.block.remove()

    @on(PersonFields.CardRequested)
    def _card(self, event: PersonFields.CardRequested) -> None:
        self.app.push_screen(
            CardScreen(
                self.actor,
                self.clock,
                event.person_id,
                folder=self.card_folder,
                render=self.card_render,
            )
        )

    @on(Button.Pressed, "#book")
    def action_book(self) -> None:
        if self.file.id is not None:
            # The list shows what was booked once the form closes.
            self.app.push_screen(
                BookingFormScreen(self.actor, self.clock, self.file.ref),
                lambda _: self.query_one(SessionList).fill(),
            )


def _chosen(value: object) -> str:
    return value if isinstance(value, str) else ""


def _blank() -> CaseFile:
    return CaseFile(ref="", settings=cases.new_case_settings())
