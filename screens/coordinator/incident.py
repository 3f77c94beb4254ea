"""One incident, for the co-ordinator: what was recorded, its follow-up, what was done, its close.

Notes are only ever added. What was done is chosen from three; a referral or a
report also needs the reason for sharing and what was shared, and is logged as
a safeguarding disclosure. Closing asks first, naming the incident. Escape with
something typed and not saved asks before leaving.
"""

from __future__ import annotations

from collections.abc import Callable

from textual import on
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Button, Label, RadioSet, Static, TextArea

from kiosk.clock import Clock
from kiosk.services.release.disclosures import Reason
from kiosk.services.safeguarding import follow_up, incidents
from kiosk.services.safeguarding.incidents import Action, IncidentDetail
from kiosk.services.staff.auth import StaffMember
from kiosk.services.store.forms import FormError, Problem
from screens.coordinator.release_form import ToolScreen
from screens.widgets.confirm import ConfirmScreen
from screens.widgets.form_errors import FIELD_ERROR, mark_field
from screens.widgets.marked_toggle import MarkedRadioButton
from screens.widgets.refusals import refusals_shown

TYPED = ("#note", "#what", "#outcome")
REASONS = {r.value: r.label for r in Reason}


def _heading(detail: IncidentDetail) -> str:
    s = detail.summary
    return f"Incident {s.id} · {s.status.label}"


def _meta(detail: IncidentDetail) -> str:
    s = detail.summary
    lines = [f"Recorded {s.at:%d/%m/%Y %H:%M} by {s.recorded_by}, about {s.about}."]
    if detail.action is not None:
        lines.append(f"What was done: {detail.action.label}.")
    lines += [
        f"Disclosure {d.id}: to {d.recipient}, {d.at:%d/%m/%Y %H:%M}, as "
        f"{REASONS.get(d.reason, d.reason)}."
        for d in detail.disclosures
    ]
    if detail.closed_at is not None:
        lines.append(f"Closed {detail.closed_at:%d/%m/%Y %H:%M} by {detail.closed_by}.")
    return "\n".join(lines)


def _notes(detail: IncidentDetail) -> str:
    if not detail.notes:
        return "No follow-up yet."
    return "\n".join(f"{n.at:%d/%m/%Y %H:%M}  {n.author}: {n.text}" for n in detail.notes)


def _sentence(label: str) -> str:
    # Not str.capitalize, which would lower "Children's Services".
    return label[:1].upper() + label[1:]


class IncidentScreen(ToolScreen):
    CSS_PATH = "incident.tcss"
    # Focused on mount instead, without scrolling the incident's text out of sight.
    AUTO_FOCUS = None

    def __init__(self, actor: StaffMember, clock: Clock, detail: IncidentDetail) -> None:
        super().__init__(actor, clock)
        self.detail = detail

    @property
    def number(self) -> int:
        return self.detail.summary.id

    def compose(self) -> ComposeResult:
        closed = self.detail.closed_at is not None
        with VerticalScroll(id="incident"):
            yield Static(_heading(self.detail), id="title", markup=False)
            yield Static(_meta(self.detail), id="meta", markup=False)
            text = Static(self.detail.description, id="text", markup=False)
            # Set here, not on mount: closing recomposes the screen.
            text.border_title = "What was recorded"
            yield text
            yield Label("Follow-up", classes="heading")
            yield Static(_notes(self.detail), id="notes", markup=False)
            if closed:
                yield Label("Outcome", classes="heading")
                yield Static(self.detail.outcome, id="outcome-text", markup=False)
            else:
                yield from self._follow_up_fields()
        # Outside the scroll: what was done, or why not, is seen wherever the form is.
        yield Static("", id="status", markup=False)

    def _follow_up_fields(self) -> ComposeResult:
        yield Label("Add a note", classes="heading")
        yield TextArea(id="note")
        yield Button("Add note", id="add-note")
        yield Label("What was done", classes="heading")
        with RadioSet(id="action"):
            for action in Action:
                yield MarkedRadioButton(_sentence(action.label), id=f"action-{action.value}")
        yield Static(
            "A referral or a report is written in the disclosure log: say why it was "
            "shared and what was shared.",
            classes="hint",
        )
        with RadioSet(id="reason"):
            for reason in Reason:
                yield MarkedRadioButton(_sentence(reason.label), id=f"reason-{reason.value}")
        what = TextArea(id="what")
        what.border_title = "What was shared"
        yield what
        yield Button("Record what was done", id="record-action")
        yield Label("Outcome", classes="heading")
        yield TextArea(id="outcome")
        yield Button("Close the incident...", id="close-incident", variant="warning")

    def on_mount(self) -> None:
        # The note is the first thing to write; a closed incident has none.
        for note in self.query("#note"):
            note.focus(scroll_visible=False)

    def _typed(self, selector: str) -> str:
        return self.query_one(selector, TextArea).text

    def _pressed(self, radio_set: str) -> str:
        button = self.query_one(radio_set, RadioSet).pressed_button
        return (button.id or "").split("-", 1)[1] if button is not None else ""

    def _changed(self, done: str, clear: tuple[str, ...] = ()) -> None:
        """Show the incident as now stored, clear what was saved, and say what was done."""
        self.detail = incidents.current(self.actor, self.number)
        self.query_one("#title", Static).update(_heading(self.detail))
        self.query_one("#meta", Static).update(_meta(self.detail))
        self.query_one("#notes", Static).update(_notes(self.detail))
        for selector in clear:
            self.query_one(selector, TextArea).text = ""
        for widget in self.query(f".{FIELD_ERROR}"):
            widget.remove_class(FIELD_ERROR)
        self.report(done)

    def _problems_shown(self, exc: FormError) -> None:
        """Each problem outlines its field; the status line lists them."""
        for widget in self.query(f".{FIELD_ERROR}"):
            widget.remove_class(FIELD_ERROR)
        for problem in exc.problems:
            mark_field(self, self.query_one(f"#{problem.field}"))
        self.report(str(exc), error=True)

    def _attempt(self, act: Callable[[], str], clear: tuple[str, ...]) -> None:
        """Act through a service, then show what it stored; problems outline their fields."""
        try:
            done = act()
        except FormError as exc:
            self._problems_shown(exc)
            return
        self._changed(done, clear)

    @on(Button.Pressed, "#add-note")
    @refusals_shown
    def add_note(self) -> None:
        def act() -> str:
            note = follow_up.add_note(
                self.actor, self.number, self._typed("#note"), self.clock.now()
            )
            return f"Note {note} added to incident {self.number}."

        self._attempt(act, ("#note",))

    @on(Button.Pressed, "#record-action")
    @refusals_shown
    def record_action(self) -> None:
        def act() -> str:
            chosen = self._pressed("#action")
            if not chosen:
                raise FormError([Problem("action", "What was done: choose one")])
            taken = follow_up.record_action(
                self.actor,
                self.number,
                Action(chosen),
                self.clock.now(),
                reason=self._pressed("#reason"),
                what=self._typed("#what"),
            )
            shared = (
                f" Logged as disclosure {taken.disclosure_id}."
                if taken.disclosure_id is not None
                else ""
            )
            return f"Recorded: {taken.action.label}.{shared}"

        self._attempt(act, ("#what",))

    @on(Button.Pressed, "#close-incident")
    def ask_to_close(self) -> None:
        def answered(yes: bool | None) -> None:
            if yes:
                self.call_later(self.close_incident)

        self.app.push_screen(
            ConfirmScreen(
                f"Close incident {self.number} with this outcome? It then takes no more follow-up.",
                f"Close incident {self.number}",
                "Not yet",
            ),
            answered,
        )

    @refusals_shown
    async def close_incident(self) -> None:
        try:
            follow_up.close(self.actor, self.number, self._typed("#outcome"), self.clock.now())
        except FormError as exc:
            self._problems_shown(exc)
            return
        self.detail = incidents.current(self.actor, self.number)
        await self.recompose()
        self.report(f"Incident {self.number} closed.")

    def action_close(self) -> None:
        if self.detail.closed_at is not None or not any(
            self._typed(selector).strip() for selector in TYPED
        ):
            self.dismiss()
            return

        def answered(leave: bool | None) -> None:
            if leave:
                self.dismiss()

        self.app.push_screen(
            ConfirmScreen(
                f"Leave incident {self.number}? What you typed has not been saved.",
                "Leave without saving",
                "Stay",
            ),
            answered,
        )
