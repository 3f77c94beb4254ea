"""The co-ordinator's home: reminders, then a menu of everything they keep.

A co-ordinator with no DBS check on file is asked for it over the home at each sign-in
(screens/coordinator/own_dbs.py) until it is recorded.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import Footer, OptionList, Static
from textual.widgets.option_list import Option

from kiosk.clock import Clock
from kiosk.services.home import reminders
from kiosk.services.staff import volunteers
from kiosk.services.staff.auth import StaffMember
from kiosk.services.store.errors import KioskError
from screens.coordinator.own_dbs import OwnDbsScreen
from screens.widgets.refusals import refusals_shown


@dataclass(frozen=True)
class MenuEntry:
    key: str
    label: str
    # Called when chosen; pushes a screen or performs the act.
    run: Callable[[], None]


class CoordinatorHome(Screen[None]):
    CSS_PATH = "home.tcss"
    BINDINGS = [
        Binding("escape", "sign_out", "Sign out", id="sign-out", tooltip="Back to the kiosk"),
    ]

    def __init__(self, staff: StaffMember, clock: Clock, entries: list[MenuEntry]) -> None:
        super().__init__()
        self.staff, self.clock, self.entries = staff, clock, entries

    def compose(self) -> ComposeResult:
        with Vertical(id="home"):
            yield Static(f"Signed in: {self.staff.name} (co-ordinator)", id="who", markup=False)
            # First, and until each is opened: the concerns the door recorded.
            yield Static("", id="concerns", markup=False)
            yield Static("", id="reminders", markup=False)
            yield OptionList(*[Option(e.label, id=e.key) for e in self.entries], id="menu")
        yield Footer()

    def on_mount(self) -> None:
        self._show_reminders()
        self.query_one("#menu", OptionList).focus()
        self._ask_for_own_dbs()

    def _show_reminders(self) -> None:
        notes = reminders.coordinator_reminders(self.clock.now())
        shown = self.query_one("#reminders", Static)
        shown.update("\n".join(f"! {n}" for n in notes))
        shown.display = bool(notes)

    def _ask_for_own_dbs(self) -> None:
        """At each sign-in until it is recorded: the DBS rule covers the co-ordinator too."""
        try:
            missing = volunteers.own_dbs_missing(self.staff)
        except KioskError:
            return  # the database is busy: asked at the next sign-in
        if missing:
            self.app.push_screen(OwnDbsScreen(self.staff, self.clock), self._dbs_answered)

    def _dbs_answered(self, _: None) -> None:
        self._show_reminders()

    @refusals_shown
    def on_screen_resume(self) -> None:
        # At sign-in, and back from the incidents: one opened there is no longer new.
        text = reminders.new_concerns()
        concerns = self.query_one("#concerns", Static)
        concerns.update(text)
        concerns.display = bool(text)

    @on(OptionList.OptionSelected, "#menu")
    @refusals_shown
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        entry = next(e for e in self.entries if e.key == event.option.id)
        entry.run()

    def action_sign_out(self) -> None:
        self.app.action_sign_out()  # type: ignore[attr-defined]
