"""One session, ahead of its day: move it, cancel it, or cancel the rest of its series.

Opened from a case file's session list or the week. Each act asks first, naming
the session; a move passes every booking check, and a date already past asks
again. What the form would lose on Escape is asked about too.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import ClassVar, TypeVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.widgets import Button, Checkbox, Input, Select, Static

from kiosk.clock import Clock
from kiosk.services.diary import acts, sessions
from kiosk.services.diary.acts import Move
from kiosk.services.diary.sessions import SessionLine
from kiosk.services.staff.auth import StaffMember
from kiosk.services.store.forms import Problem, counted, parse_date, parse_time
from screens.coordinator.admin_form import AdminFormScreen, form_foot, form_row
from screens.coordinator.booking_form import room_select, selected
from screens.widgets.confirm import ConfirmScreen, leave_unsaved
from screens.widgets.form_errors import clear_problems, show_problems
from screens.widgets.marked_toggle import MarkedCheckbox
from screens.widgets.refusals import refusals_shown

BY = [
    ("The centre", "centre"),
    ("The resident parent", "resident"),
    ("The visiting parent", "visiting"),
]
MOVE_FIELDS = ("date", "start", "end", "reason")

# What a cancel returns: one session's line, or the lines of the rest of its series.
R = TypeVar("R")


class SessionScreen(AdminFormScreen):
    CSS_PATH = ["admin_form.tcss", "session.tcss"]
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "leave", "Back", id="session.back", tooltip="Back without changing it"),
    ]

    def __init__(self, actor: StaffMember, clock: Clock, booking_id: int) -> None:
        super().__init__(actor, clock)
        self.session: SessionLine = sessions.session(booking_id)

    def compose(self) -> ComposeResult:
        s = self.session
        yield Static(self._title(), classes="title", id="title", markup=False)
        yield Static(self._summary(), id="summary", markup=False)
        with VerticalScroll(id="form"):
            with Vertical(classes="section", id="move-section") as move:
                move.border_title = "Move to (blank keeps it as it is)"
                yield form_row("Date", Input(placeholder=f"now {s.starts_at:%Y-%m-%d}", id="date"))
                yield form_row("Start", Input(placeholder=f"now {s.starts_at:%H:%M}", id="start"))
                yield form_row("End", Input(placeholder=f"now {s.ends_at:%H:%M}", id="end"))
                yield form_row("Room", room_select(s.room))
                yield form_row("Why", Input(id="reason"))
                yield Button("Move", id="move", variant="primary")
            with Vertical(classes="section", id="cancel-section") as cancel:
                cancel.border_title = "Cancel"
                yield form_row(
                    "Cancelled by", Select(BY, value="centre", allow_blank=False, id="by")
                )
                yield form_row("Notice", MarkedCheckbox("with notice", value=True, id="notice"))
                yield form_row("Why", Input(id="cancel-reason"))
                yield Button("Cancel this session", id="cancel", variant="error")
                if s.series is not None:
                    yield Button("Cancel the rest of the series", id="cancel-rest", variant="error")
        yield from form_foot(Button("Back", id="back"))

    def on_mount(self) -> None:
        self.query_one("#date", Input).focus()

    def _change(self, problems: list[Problem]) -> Move:
        room = selected(self.query_one("#room", Select))
        return Move(
            parse_date(self.value_of("date"), "date", problems),
            parse_time(self.value_of("start"), "start", problems)
            if self.value_of("start")
            else None,
            parse_time(self.value_of("end"), "end", problems) if self.value_of("end") else None,
            room if room and room != self.session.room else None,
            self.value_of("reason"),
        )

    def _ask(self, question: str, yes: str, then: Callable[[], None]) -> None:
        def answered(ok: bool | None) -> None:
            if ok:
                self._run(then)

        self.app.push_screen(ConfirmScreen(question, yes, "Go back"), answered)

    @refusals_shown
    def _run(self, then: Callable[[], None]) -> None:
        then()

    def _named(self) -> str:
        s = self.session
        return f"session {s.id} (case {s.case_ref}, {s.starts_at:%a %d %b %Y} {s.times}, {s.room})"

    @on(Button.Pressed, "#move")
    def _move(self) -> None:
        problems: list[Problem] = []
        change = self._change(problems)
        if problems:
            show_problems(self, problems)
            return
        self._ask(f"Move {self._named()}?", "Move it", lambda: self._do_move(change, False))

    def _do_move(self, change: Move, confirm: bool) -> None:
        outcome = acts.move(
            self.session.id, change, self.clock.now(), confirm=confirm, actor=self.actor
        )
        if outcome.refusals:
            show_problems(self, [Problem("", r) for r in outcome.refusals])
        elif outcome.moved is None:
            question = "Move it even so?\n" + "\n".join(f"- {w}" for w in outcome.warnings)
            self._ask(question, "Move it", lambda: self._do_move(change, True))
        else:
            self._done(outcome.moved, "Moved to")

    @on(Button.Pressed, "#cancel")
    def _cancel(self) -> None:
        self._ask(f"Cancel {self._named()}?", "Cancel it", self._do_cancel)

    @on(Button.Pressed, "#cancel-rest")
    def _cancel_rest(self) -> None:
        question = f"Cancel {self._named()} and every later session of its series?"
        self._ask(question, "Cancel them", self._do_cancel_rest)

    def _cancelled(self, cancel: Callable[..., R]) -> R:
        """The session cancelled by `cancel` (one session, or the rest of its series)."""
        return cancel(
            self.session.id,
            str(self.query_one("#by", Select).value),
            self.query_one("#notice", Checkbox).value,
            self.clock.now(),
            reason=self.value_of("cancel-reason"),
            actor=self.actor,
        )

    def _do_cancel(self) -> None:
        self._done(self._cancelled(acts.cancel), "Cancelled:")

    def _do_cancel_rest(self) -> None:
        done = self._cancelled(acts.cancel_rest_of_series)
        self._done(done[0], f"Cancelled {counted(len(done), 'session')}, from")

    def _title(self) -> str:
        s = self.session
        return f"Session {s.id}: case {s.case_ref}, {s.starts_at:%a %d %b %Y} {s.times}"

    def _summary(self) -> str:
        s = self.session
        return f"{s.room} · {s.service} · {s.outcome}"

    def _done(self, now_is: SessionLine, said: str) -> None:
        """The screen shows the session as it now is, its fields blank again."""
        self.session = now_is
        clear_problems(self)
        self.query_one("#title", Static).update(self._title())
        self.query_one("#summary", Static).update(self._summary())
        for field in (*MOVE_FIELDS, "cancel-reason"):
            self.query_one(f"#{field}", Input).value = ""
        self.query_one("#room", Select).value = now_is.room
        for field, shown in (("date", "%Y-%m-%d"), ("start", "%H:%M")):
            self.query_one(f"#{field}", Input).placeholder = now_is.starts_at.strftime(
                f"now {shown}"
            )
        self.query_one("#end", Input).placeholder = f"now {now_is.ends_at:%H:%M}"
        when = f"{now_is.starts_at:%a %d %b %Y} {now_is.times} {now_is.room}"
        self.query_one("#status", Static).update(f"{said} {when}: {now_is.outcome}.")

    def _unsaved(self) -> bool:
        typed = any(self.value_of(f).strip() for f in (*MOVE_FIELDS, "cancel-reason"))
        room = selected(self.query_one("#room", Select))
        return typed or bool(room and room != self.session.room)

    def action_leave(self) -> None:
        if self._unsaved():
            leave_unsaved(self, f"the changes to {self._named()}")
        else:
            self.dismiss(None)
