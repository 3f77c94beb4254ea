"""The co-ordinator's home: reminders, then a menu of everything they keep."""

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
from kiosk.services.staff.auth import StaffMember
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
            notes = reminders.coordinator_reminders(self.clock.now())
            yield Static("\n".join(f"! {n}" for n in notes), id="reminders", markup=False)
            yield OptionList(*[Option(e.label, id=e.key) for e in self.entries], id="menu")
        yield Footer()

    def on_mount(self) -> None:
        if not reminders.coordinator_reminders(self.clock.now()):
            self.query_one("#reminders").display = False
        self.query_one("#menu", OptionList).focus()

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
