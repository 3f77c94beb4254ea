"""Closed days: the centre's own closures, its nation's bank holidays, and closing a day.

A day closed over booked sessions lists them and cancels them all with one
confirmation (by the centre, with notice); answering no keeps the closure and
leaves the sessions to be moved.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.widgets import Button, DataTable, Input, Static

from kiosk.services.centre import closures
from kiosk.services.centre.closures import ClosedDay
from kiosk.services.diary import closing
from kiosk.services.store.forms import DATE_HINT, Problem, counted, parse_date
from screens.coordinator.admin_form import AdminFormScreen, keys_foot
from screens.widgets.confirm import ConfirmScreen, leave_unsaved
from screens.widgets.form_errors import show_problems
from screens.widgets.refusals import refusals_shown


class ClosuresScreen(AdminFormScreen):
    CSS_PATH = ["admin_form.tcss", "closures.tcss"]
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "leave", "Back", id="closures.back", tooltip="Back to the menu"),
    ]
    shown: list[ClosedDay] = []
    pending: date | None = None

    def compose(self) -> ComposeResult:
        yield Static("Closed days (the next twelve months)", classes="title")
        yield DataTable(id="closed", cursor_type="row", zebra_stripes=True)
        with Horizontal(id="new-closure"):
            # Named, as the row has no labels: an error says which box it is about.
            yield Input(placeholder=f"Date ({DATE_HINT})", id="day", name="Date")
            yield Input(placeholder="Why (shown in the diary)", id="reason", name="Why")
            yield Button("Close that day", id="add", variant="primary")
        yield Static("", id="errors", markup=False)
        yield Static("", id="status", markup=False)
        yield keys_foot(Button("Open again", id="remove"), Button("Back", id="back"))

    def on_mount(self) -> None:
        self.query_one("#closed", DataTable).add_columns("Date", "Kind", "Why")
        self._fill()
        self.query_one("#day", Input).focus()

    def _fill(self) -> None:
        table = self.query_one("#closed", DataTable)
        table.clear()
        today = self.clock.now().date()
        self.shown = closures.list_closed(today, today + timedelta(days=365))
        for c in self.shown:
            kind = "bank holiday" if c.bank_holiday else "closure"
            table.add_row(Text(f"{c.day:%a %d %b %Y}"), Text(kind), Text(c.reason))

    def _say(self, text: str) -> None:
        self.query_one("#status", Static).update(text)

    @on(Button.Pressed, "#add")
    @on(Input.Submitted)
    @refusals_shown
    def _add(self) -> None:
        problems: list[Problem] = []
        day = parse_date(self.value_of("day"), "day", problems)
        if day is None:
            show_problems(self, problems or [Problem("day", "a date is required")])
            return
        show_problems(self, [])
        done = closing.close_day(day, self.value_of("reason"), self.clock.now(), actor=self.actor)
        self.query_one("#day", Input).value = ""
        self.query_one("#reason", Input).value = ""
        self._fill()
        self._say(f"The centre is closed on {day:%a %d %b %Y}.")
        if done.booked:
            self.pending = day
            listed = "\n".join(f"- {s.times} {s.room}, case {s.case_ref}" for s in done.booked)
            question = (
                f"{counted(len(done.booked), 'session')} booked on {day:%a %d %b %Y}:\n{listed}\n"
                "Cancel them all (by the centre, with notice)?"
            )
            self.app.push_screen(ConfirmScreen(question, "Cancel them", "Keep them"), self._cancel)

    @refusals_shown
    def _cancel(self, yes: bool | None) -> None:
        day, self.pending = self.pending, None
        if day is None:
            return
        if not yes:
            self._say(f"The centre is closed on {day:%a %d %b %Y}; its sessions are still booked.")
            return
        done = closing.close_day(day, "", self.clock.now(), cancel_booked=True, actor=self.actor)
        self._say(
            f"Closed {day:%a %d %b %Y} and cancelled {counted(len(done.cancelled), 'session')}."
        )

    @on(Button.Pressed, "#remove")
    @refusals_shown
    def _remove(self) -> None:
        table = self.query_one("#closed", DataTable)
        if not self.shown:
            return
        chosen = self.shown[table.cursor_row]
        closures.remove_closure(chosen.day, self.clock.now(), self.actor)
        self._fill()
        self._say(f"The centre is open again on {chosen.day:%a %d %b %Y}.")

    def action_leave(self) -> None:
        typed = self.value_of("day").strip() or self.value_of("reason").strip()
        if typed:
            leave_unsaved(self, "the closed day typed")
        else:
            self.dismiss(None)
