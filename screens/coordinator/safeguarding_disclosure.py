"""Recording a safeguarding disclosure: the reason, what was shared, with whom and when."""

from __future__ import annotations

from datetime import datetime

from textual import on
from textual.app import ComposeResult
from textual.suggester import SuggestFromList
from textual.widgets import Button, Input, Label, RadioButton, RadioSet, TextArea

from kiosk.services.release import disclosures
from kiosk.services.release.disclosures import Reason
from kiosk.services.store.forms import DATE_HINT, read_moment
from screens.coordinator.release_form import ReleaseFormScreen
from screens.widgets.marked_toggle import MarkedRadioButton
from screens.widgets.refusals import refusals_shown


class SafeguardingDisclosureScreen(ReleaseFormScreen):
    CSS_PATH = "safeguarding_disclosure.tcss"
    TITLE_TEXT = "Record a safeguarding disclosure"
    EXPLANATION = (
        "The only route to share more than attendance dates and times. "
        "Record it as soon as the information has been shared."
    )

    def compose_fields(self) -> ComposeResult:
        yield Label("Case reference")
        yield Input(id="case")
        yield Label("Why it was shared")
        with RadioSet(id="reason"):
            for reason in Reason:
                yield MarkedRadioButton(reason.label.capitalize(), id=f"reason-{reason.value}")
        yield Label("Shared with")
        yield Input(
            id="recipient",
            placeholder="Children's Services, Police, ...",
            suggester=SuggestFromList(disclosures.SAFEGUARDING_RECIPIENTS),
        )
        yield Label("What was shared")
        yield TextArea(id="what")
        yield Label(f"When ({DATE_HINT}, then HH:MM)")
        yield Input(id="when", value=self.clock.now().strftime("%Y-%m-%d %H:%M"))
        yield Button("Record disclosure", id="record", variant="warning")

    def _reason(self) -> str:
        for reason in Reason:
            if self.query_one(f"#reason-{reason.value}", RadioButton).value:
                return reason.value
        return ""

    def _when(self) -> datetime:
        try:
            return read_moment(self.query_one("#when", Input).value)
        except ValueError as exc:
            raise disclosures.DisclosureRefused(f"When: {exc}") from None

    @on(Button.Pressed, "#record")
    @refusals_shown
    def record(self) -> None:
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
        self.report(f"Recorded disclosure {view.id} for case {view.case_ref}.")
        self.query_one("#what", TextArea).text = ""
