"""The fields for one person in a case file: contact details, dates and consents.

A widget used by the case file screen. Each input's id carries the block's key
(`p3-phone`), so blocks can be added and removed without ids colliding.
"""

from __future__ import annotations

from dataclasses import dataclass

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.widgets import Button, Input, Label, Static

from kiosk.services.cases.records import ConsentData, PersonData, Role
from kiosk.services.store.forms import DATE_HINT, Problem, parse_date

TITLES = {Role.RESIDENT: "Resident parent", Role.VISITING: "Visiting parent", Role.ADULT: "Adult"}
TEXT_FIELDS = [
    ("first_name", "First name"),
    ("last_name", "Last name"),
    ("phone", "Phone"),
    ("emergency_phone", "Emergency phone"),
    ("email", "E-mail"),
    ("address", "Address"),
    ("postcode", "Postcode"),
]
DATE_FIELDS = [("pre_visit_on", "Pre-visit on"), ("rules_agreed_on", "Rules agreed on")]


def _date_text(value: object) -> str:
    return value.isoformat() if value is not None else ""  # type: ignore[attr-defined]


class PersonFields(Vertical):
    DEFAULT_CSS = """
    PersonFields .note {
        color: $text-muted;
    }

    /* As tall as the consents it holds: a Vertical's 1fr grew with the window. */
    PersonFields .consents {
        height: auto;
    }
    """

    @dataclass
    class CardRequested(Message):
        person_id: int

    @dataclass
    class RemoveRequested(Message):
        block: PersonFields

    def __init__(self, key: int, role: Role, person: PersonData | None) -> None:
        super().__init__(classes="section person", id=f"p{key}")
        self.key = key
        self.role = role
        self.person = person
        self.person_id = person.id if person else None
        self._consent_keys = 0
        self.submitted_consents: list[int] = []

    def compose(self) -> ComposeResult:
        self.border_title = TITLES[self.role]
        p = self.person
        for name, label in TEXT_FIELDS:
            if name == "emergency_phone" and self.role is not Role.RESIDENT:
                continue
            with Horizontal(classes="row"):
                yield Label(label)
                yield Input(getattr(p, name) if p else "", id=f"p{self.key}-{name}")
        for name, label in DATE_FIELDS:
            with Horizontal(classes="row"):
                yield Label(label)
                value = _date_text(getattr(p, name)) if p else ""
                yield Input(value, placeholder=DATE_HINT, id=f"p{self.key}-{name}")
        yield Static("Consents to pass on details (recipient, date given)", classes="note")
        with Vertical(id=f"p{self.key}-consents", classes="consents"):
            for consent in p.consents if p else ():
                yield self._consent_row(consent)
        with Horizontal(classes="row"):
            yield Button("Add consent", id=f"p{self.key}-add-consent")
            if self.person_id is not None:
                yield Button("Card...", id=f"p{self.key}-card")
            if self.role is Role.ADULT:
                yield Button("Remove", id=f"p{self.key}-remove", variant="error")

    def _consent_row(self, consent: ConsentData | None) -> ConsentRow:
        ckey = self._consent_keys
        self._consent_keys += 1
        return ConsentRow(self, ckey, consent)

    def cid(self, ckey: int, name: str) -> str:
        return f"p{self.key}-c{ckey}-{name}"

    def widget_id(self, rest: str) -> str:
        """Map the service's `consents.1.recipient` or `phone` to this block's input id."""
        parts = rest.split(".")
        if (
            parts[0] == "consents"
            and len(parts) == 3
            and int(parts[1]) < len(self.submitted_consents)
        ):
            return self.cid(self.submitted_consents[int(parts[1])], parts[2])
        return f"p{self.key}-{rest}"

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        suffix = (event.button.id or "").removeprefix(f"p{self.key}-")
        if suffix == "add-consent":
            event.stop()
            self.query_one(f"#p{self.key}-consents", Vertical).mount(self._consent_row(None))
        elif suffix == "card" and self.person_id is not None:
            event.stop()
            self.post_message(self.CardRequested(self.person_id))
        elif suffix == "remove":
            event.stop()
            self.post_message(self.RemoveRequested(self))

    def _value(self, name: str) -> str:
        found = self.query(f"#p{self.key}-{name}")
        return found.first(Input).value if found else ""

    def is_blank(self) -> bool:
        return self.person_id is None and not self._value("first_name").strip()

    def read(self, index: int, problems: list[Problem]) -> PersonData:
        """The block as a record; bad dates are added to `problems` under the service's names."""
        prefix = f"people.{index}"
        dates = {n: parse_date(self._value(n), f"{prefix}.{n}", problems) for n, _ in DATE_FIELDS}
        return PersonData(
            role=self.role,
            first_name=self._value("first_name"),
            last_name=self._value("last_name"),
            phone=self._value("phone"),
            emergency_phone=self._value("emergency_phone"),
            email=self._value("email"),
            address=self._value("address"),
            postcode=self._value("postcode"),
            pre_visit_on=dates["pre_visit_on"],
            rules_agreed_on=dates["rules_agreed_on"],
            consents=self._read_consents(prefix, problems),
            id=self.person_id,
        )

    def _read_consents(self, prefix: str, problems: list[Problem]) -> tuple[ConsentData, ...]:
        self.submitted_consents = []
        consents: list[ConsentData] = []
        for row in self.query(ConsentRow):
            recipient = self.query_one(f"#{self.cid(row.key, 'recipient')}", Input).value
            given = self.query_one(f"#{self.cid(row.key, 'given_on')}", Input).value
            if not recipient.strip() and not given.strip():
                continue  # a cleared row removes the consent
            j = len(consents)
            self.submitted_consents.append(row.key)
            on = parse_date(given, f"{prefix}.consents.{j}.given_on", problems)
            consents.append(ConsentData(recipient, on, row.scope, row.consent_id))
        return tuple(consents)


class ConsentRow(Horizontal):
    """One consent: who may be given this person's details, and when they agreed."""

    def __init__(self, block: PersonFields, key: int, consent: ConsentData | None) -> None:
        super().__init__(classes="row consent")
        self.block = block
        self.key = key
        self.consent_id = consent.id if consent else None
        # The scope is kept as it was: the form edits only recipient and date.
        self.scope = consent.scope if consent else ""
        self.consent = consent

    def compose(self) -> ComposeResult:
        c = self.consent
        # The names say which field an error is about: the row has no label.
        yield Input(
            c.recipient if c else "",
            placeholder="recipient",
            id=self.block.cid(self.key, "recipient"),
            name=f"Consent {self.key + 1}, recipient",
        )
        yield Input(
            _date_text(c.given_on) if c else "",
            placeholder=DATE_HINT,
            id=self.block.cid(self.key, "given_on"),
            name=f"Consent {self.key + 1}, date given",
        )
