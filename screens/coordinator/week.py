"""The week at a glance: rooms across, each day's hours down, the entrance beside them.

Left and right go to the previous and next week, t to this week, up and down
choose a session (the line at the foot describes it), Enter opens it to move or
cancel it. The grid is drawn to the terminal's width, so a wide terminal shows
more of each session; it is drawn again when the terminal is resized.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.events import Resize
from textual.screen import Screen
from textual.widgets import Footer, Static

from kiosk.clock import Clock
from kiosk.services.diary import week as weeks
from kiosk.services.diary.week import Week, WeekSession
from kiosk.services.staff.auth import StaffMember
from kiosk.services.store.forms import counted
from screens.coordinator.session import SessionScreen
from screens.coordinator.week_grid import draw
from screens.widgets.refusals import refusals_shown

LEGEND = "↓ arrival  ↑ departure  ! meets another family's window in the entrance"


class WeekScreen(Screen[None]):
    CSS_PATH = "week.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("left", "week(-1)", "Previous week", id="week.previous", priority=True),
        Binding("right", "week(1)", "Next week", id="week.next", priority=True),
        Binding("t", "today", "This week", id="week.today", tooltip="Back to this week"),
        Binding("up", "choose(-1)", "Earlier", id="week.up", show=False, priority=True),
        Binding("down", "choose(1)", "Later", id="week.down", show=False, priority=True),
        Binding("enter", "open", "Open session", id="week.open", priority=True),
        Binding("escape", "close", "Back", id="week.back", tooltip="Back to the menu"),
    ]

    def __init__(self, actor: StaffMember, clock: Clock, day: date | None = None) -> None:
        super().__init__()
        self.actor, self.clock = actor, clock
        self.week: Week = weeks.build_week(day or clock.now().date())
        self.selected: WeekSession | None = self._first_ahead()

    def compose(self) -> ComposeResult:
        yield Static("", id="week-title", markup=False)
        yield Static(LEGEND, id="legend", markup=False)
        yield Static("", id="rooms-head")
        with VerticalScroll(id="week-scroll", can_focus=False):
            yield Static("", id="grid")
        yield Static("", id="status", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        self._show()

    def on_resize(self, event: Resize) -> None:
        self._show()

    def _first_ahead(self) -> WeekSession | None:
        today = self.clock.now().date()
        found = self.week.sessions
        return next((s for s in found if s.starts_at.date() >= today), found[0] if found else None)

    def _show(self) -> None:
        width = max(40, self.size.width - 2)
        chosen = self.selected.id if self.selected else None
        drawn = draw(self.week, width, self.clock.now().date(), chosen)
        self.query_one("#rooms-head", Static).update(drawn.header)
        self.query_one("#grid", Static).update(Text("\n").join(drawn.lines))
        sunday = self.week.monday + timedelta(days=6)
        title = f"The week of {self.week.monday:%a %d %b} to {sunday:%a %d %b %Y}"
        count = sum(1 for s in self.week.sessions if not s.cancelled)
        self.query_one("#week-title", Static).update(f"{title}: {counted(count, 'session')}")
        self.query_one("#status", Static).update(self._describe())
        if chosen is not None and chosen in drawn.line_of:
            scroll = self.query_one("#week-scroll", VerticalScroll)
            line = drawn.line_of[chosen]
            if not scroll.scroll_offset.y + 1 < line < scroll.scroll_offset.y + scroll.size.height:
                scroll.scroll_to(y=max(0, line - 3), animate=False)

    def _describe(self) -> str:
        s = self.selected
        if s is None:
            return "No sessions this week."
        a, d = s.arrival, s.departure
        said = (
            f"{s.starts_at:%a %d %b} {s.starts_at:%H:%M}-{s.ends_at:%H:%M} {s.room}: case "
            f"{s.case_ref}, {s.service}, {s.outcome}; arrivals {a.starts:%H:%M}-{a.ends:%H:%M},"
            f" departures {d.starts:%H:%M}-{d.ends:%H:%M}"
        )
        if s.clashes_with:
            said += f"; meets {', '.join(s.clashes_with)} in the entrance"
        return said

    @refusals_shown
    def action_week(self, step: int) -> None:
        self.week = weeks.build_week(self.week.monday + timedelta(weeks=step))
        found = self.week.sessions
        self.selected = found[0] if found else None
        self.query_one("#week-scroll", VerticalScroll).scroll_home(animate=False)
        self._show()

    @refusals_shown
    def action_today(self) -> None:
        self.week = weeks.build_week(self.clock.now().date())
        self.selected = self._first_ahead()
        self._show()

    def action_choose(self, step: int) -> None:
        found = self.week.sessions
        if not found:
            return
        at = found.index(self.selected) if self.selected in found else 0
        self.selected = found[max(0, min(len(found) - 1, at + step))]
        self._show()

    @refusals_shown
    def action_open(self) -> None:
        if self.selected is not None:
            screen = SessionScreen(self.actor, self.clock, self.selected.id)
            self.app.push_screen(screen, self._reopened)

    @refusals_shown
    def _reopened(self, _: None) -> None:
        """A session moved or cancelled: the week is read again, the same one chosen."""
        chosen = self.selected.id if self.selected else None
        self.week = weeks.build_week(self.week.monday)
        self.selected = next((s for s in self.week.sessions if s.id == chosen), self._first_ahead())
        self._show()

    def action_close(self) -> None:
        self.dismiss(None)
