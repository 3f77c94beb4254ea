"""Check a person in or out by name, when they forgot their card (reason recorded)."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.content import Content
from textual.widgets import Button, Input, OptionList
from textual.widgets.option_list import Option

from kiosk.clock import Clock
from kiosk.services.door import manual as door_manual
from kiosk.services.door.access import DoorError
from kiosk.services.door.manual import PersonHit
from kiosk.services.staff.auth import StaffMember
from kiosk.services.store.errors import KioskError
from screens.door.dialog import DoorDialog

DEFAULT_REASON = "forgot card"


def _label(hit: PersonHit) -> Content:
    act = "check OUT" if hit.status == "in" else "check IN"
    return Content(
        f"{hit.first_name} ({hit.role}) · {hit.case_ref} · {hit.room} {hit.starts_at:%H:%M} · {act}"
    )


class PersonSearchDialog(DoorDialog):
    TITLE_TEXT = "Check in or out by name"
    # Until someone is chosen; then it names them (Check Rosa out).
    OK_LABEL = "Check in / out"

    def __init__(self, staff: StaffMember, clock: Clock) -> None:
        super().__init__(staff, clock)
        self.hits: list[PersonHit] = []

    def compose_body(self) -> ComposeResult:
        yield Input(placeholder="First name or surname (2 letters or more)", id="query")
        yield OptionList(id="hits")
        yield Input(value=DEFAULT_REASON, placeholder="Reason (required)", id="reason")

    def on_mount(self) -> None:
        self.query_one("#query", Input).focus()

    @on(Input.Changed, "#query")
    def _search(self, event: Input.Changed) -> None:
        self._show_hits(event.value)
        self.show_message("" if self.hits or len(event.value) < 2 else "Nobody found today.")

    def _show_hits(self, query: str) -> None:
        """Search again and list what is true now, keeping the highlighted person."""
        hits = self.query_one("#hits", OptionList)
        was = hits.highlighted
        try:
            self.hits = door_manual.search(self.staff, query, self.clock)
        except KioskError as exc:
            self.show_message(str(exc))
            return
        hits.clear_options()
        hits.add_options([Option(_label(h), id=str(h.person_id)) for h in self.hits])
        if self.hits:
            hits.highlighted = min(was or 0, len(self.hits) - 1)

    @on(Input.Submitted, "#query")
    def _to_hits(self) -> None:
        if len(self.hits) == 1:
            self.action_ok()  # the one obvious choice: no need to go down to it
            return
        self.query_one("#hits", OptionList).focus()

    @on(OptionList.OptionHighlighted, "#hits")
    def _name_the_act(self, event: OptionList.OptionHighlighted) -> None:
        # The button says whom it checks in or out, and which way.
        hit = self.hits[event.option_index]
        way = "out" if hit.status == "in" else "in"
        button = self.query_one("#ok", Button)
        # A Content, as a name is never markup; a longer label needs a wider button.
        button.label = Content(f"Check {hit.first_name} {way}")
        button.refresh(layout=True)

    @on(OptionList.OptionSelected, "#hits")
    @on(Input.Submitted, "#reason")
    def _submit(self) -> None:
        self.action_ok()

    def act(self) -> str:
        index = self.query_one("#hits", OptionList).highlighted
        if index is None or not self.hits:
            raise DoorError("Search for the person, then choose them from the list.")
        hit = self.hits[index]
        reason = self.query_one("#reason", Input).value
        # What the volunteer was offered: refused if the person has moved since.
        intended = "out" if hit.status == "in" else "in"
        try:
            done = door_manual.manual_check(
                self.staff, hit.person_id, reason, self.clock, intended=intended
            )
        except DoorError:
            self._show_hits(self.query_one("#query", Input).value)
            raise
        return f"{done.first_name} checked {done.kind} at {done.at:%H:%M}."
