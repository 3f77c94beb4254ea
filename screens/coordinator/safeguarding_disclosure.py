"""Recording a safeguarding disclosure: the reason, what was shared, with whom and when."""

from __future__ import annotations

from datetime import datetime
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.suggester import SuggestFromList
from textual.widgets import Button, Input, Label, RadioButton, RadioSet, Static, TextArea

from kiosk.clock import Clock
from kiosk.services.release import disclosures
from kiosk.services.release.disclosures import Reason
from kiosk.services.staff.auth import StaffMember


class SafeguardingDisclosureScreen(Screen[None]):
    AUTO_FOCUS = "#case"
    CSS_PATH = "safeguarding_disclosure.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "close", "Back", id="close", tooltip="Back to the menu")
    ]

    def __init__(self, actor: StaffMember, clock: Clock) -> None:
        super().__init__()
        self.actor = actor
        self.clock = clock

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="form"):
            yield Static("Record a safeguarding disclosure", id="title")
            yield Static(
                "The only route to share more than attendance dates and times. "
                "Record it as soon as the information has been shared.",
                id="explain",
            )
            yield Label("Case reference")
            yield Input(id="case")
            yield Label("Why it was shared")
            with RadioSet(id="reason"):
                for reason in Reason:
                    yield RadioButton(reason.label.capitalize(), id=f"reason-{reason.value}")
            yield Label("Shared with")
            yield Input(
                id="recipient",
                placeholder="Children's Services, Police, ...",
                suggester=SuggestFromList(disclosures.SAFEGUARDING_RECIPIENTS),
            )
            yield Label("What was shared")
            yield TextArea(id="what")
            yield Label("When (YYYY-MM-DD HH:MM)")
            yield Input(id="when", value=self.clock.now().strftime("%Y-%m-%d %H:%M"))
            yield Button("Record disclosure", id="record", variant="warning")
            yield Static("", id="status", markup=False)

    def action_close(self) -> None:
        self.dismiss()

    def _reason(self) -> str:
        for reason in Reason:
            if self.query_one(f"#reason-{reason.value}", RadioButton).value:
                return reason.value
        return ""

    def _when(self) -> datetime:
        text = self.query_one("#when", Input).value.strip()
        try:
            return datetime.fromisoformat(text)
        except ValueError:
            raise disclosures.DisclosureRefused("the time is not YYYY-MM-DD HH:MM") from None

    @on(Button.Pressed, "#record")
    def record(self) -> None:
        status = self.query_one("#status", Static)
        try:
            if not self._reason():
                raise disclosures.DisclosureRefused("choose why the information was shared")
            view = disclosures.record_safeguarding(
                self.query_one("#case", Input).value,
                recipient=self.query_one("#recipient", Input).value,
                reason=self._reason(),
                what=self.query_one("#what", TextArea).text,
                shared_at=self._when(),
                now=self.clock.now(),
                by=self.actor,
            )
        except disclosures.DisclosureRefused as exc:
            status.set_class(True, "error")
            status.update(Content(str(exc)))
            return
        status.set_class(False, "error")
        status.update(Content(f"Recorded disclosure {view.id} for case {view.case_ref}."))
        self.query_one("#what", TextArea).text = ""
