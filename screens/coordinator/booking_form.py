"""Book one session or a weekly/fortnightly series for a case.

Refusals (room clash, entrance windows, assessment without agreement) are shown
inline and nothing is booked. A case whose parents have not both had a
pre-visit, or a date already past, can be booked only after the co-ordinator
confirms the warning.
"""

from __future__ import annotations

from datetime import datetime
from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.widgets import Button, Input, Select, Static

from kiosk.clock import Clock
from kiosk.services.cases import bookings
from kiosk.services.cases.bookings import BookingOutcome, BookingRequest, NewBooking, Repeat
from kiosk.services.centre import rooms
from kiosk.services.staff.auth import StaffMember
from kiosk.services.store.forms import DATE_HINT, Problem, counted, parse_date, parse_time
from screens.coordinator.admin_form import AdminFormScreen, form_foot, form_row
from screens.widgets.confirm import ConfirmScreen
from screens.widgets.form_errors import clear_problems, show_problems
from screens.widgets.refusals import refusals_shown

REPEATS = [
    ("Once", Repeat.NONE.value),
    ("Weekly", Repeat.WEEKLY.value),
    ("Fortnightly", Repeat.FORTNIGHTLY.value),
]
SERVICES = [(s.capitalize(), s) for s in bookings.SERVICE_TYPES]


def room_select(value: str = "") -> Select[str]:
    """The centre's contact rooms (the register), for a booking or a move."""
    names = rooms.contact_rooms()
    return Select(
        # Names as typed, never as markup: "[/]" in a room's name is text.
        [(Text(n), n) for n in names],
        value=value if value in names else Select.NULL,
        prompt="Choose a room" if names else "No rooms yet: add them under Rooms",
        id="room",
    )


def selected(select: Select[str]) -> str:
    """A select's value as text; blank when nothing is chosen."""
    return "" if select.is_blank() else str(select.value)


class BookingFormScreen(AdminFormScreen):
    CSS_PATH = "admin_form.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "leave", "Close", id="booking.close", tooltip="Close (asks if typed)"),
        Binding("ctrl+s", "book", "Book", id="booking.book", tooltip="Book the session"),
    ]

    def __init__(self, actor: StaffMember, clock: Clock, case_ref: str = "") -> None:
        super().__init__(actor, clock)
        self.case_ref = case_ref
        self.pending: BookingRequest | None = None

    def compose(self) -> ComposeResult:
        yield Static("Book a session", classes="title")
        with VerticalScroll(id="form"):
            yield form_row("Case reference", Input(self.case_ref, id="case_ref"))
            yield form_row("Date", Input(placeholder=DATE_HINT, id="date"))
            yield form_row("Start", Input(placeholder="HH:MM", id="start"))
            yield form_row("End", Input(placeholder="HH:MM", id="end"))
            yield form_row("Room", room_select())
            yield form_row(
                "Service",
                Select(SERVICES, value=bookings.DEFAULT_SERVICE, allow_blank=False, id="service"),
            )
            yield form_row(
                "Repeat", Select(REPEATS, value=Repeat.NONE.value, allow_blank=False, id="repeat")
            )
            yield form_row("Until", Input(placeholder=f"{DATE_HINT} (for a series)", id="until"))
        yield from form_foot(
            Button("Book", id="book", variant="primary"), Button("Close", id="close")
        )

    def on_mount(self) -> None:
        # Typing starts where the co-ordinator needs it: the date when the case is known.
        first = "#date" if self.case_ref else "#case_ref"
        self.query_one(first, Input).focus()
        self.hold_after_refresh()

    def action_leave(self) -> None:
        typed = self.value_of("case_ref").strip()
        self.leave_or_ask(f"the booking for case {typed}" if typed else "the booking")

    def read(self, problems: list[Problem]) -> BookingRequest | None:
        day = parse_date(self.value_of("date"), "date", problems)
        if day is None and not any(p.field == "date" for p in problems):
            problems.append(Problem("date", "a date is required"))
        start = parse_time(self.value_of("start"), "start", problems)
        end = parse_time(self.value_of("end"), "end", problems)
        until = parse_date(self.value_of("until"), "until", problems)
        if day is None or start is None or end is None:
            return None
        new = NewBooking(
            case_ref=self.value_of("case_ref").strip(),
            starts_at=datetime.combine(day, start),
            ends_at=datetime.combine(day, end),
            room=selected(self.query_one("#room", Select)),
            service=str(self.query_one("#service", Select).value),
        )
        return BookingRequest(new, Repeat(str(self.query_one("#repeat", Select).value)), until)

    @on(Button.Pressed, "#book")
    @refusals_shown
    def action_book(self) -> None:
        self.query_one("#status", Static).update("")
        problems: list[Problem] = []
        request = self.read(problems)
        if request is None or problems:
            show_problems(self, problems)
            return
        self._submit(request, confirm=False)

    def _submit(self, request: BookingRequest, *, confirm: bool) -> None:
        outcome = bookings.book(request, self.clock.now(), confirm=confirm, actor=self.actor)
        if outcome.refusals:
            show_problems(self, [Problem("", r) for r in outcome.refusals])
        elif outcome.needs_confirmation:
            clear_problems(self)
            self.pending = request
            self.app.push_screen(
                ConfirmScreen(
                    "Book even so?\n" + "\n".join(f"- {w}" for w in outcome.warnings),
                    yes="Book anyway",
                    no="Go back",
                ),
                self._confirmed,
            )
        else:
            clear_problems(self)
            self._done(outcome)

    @refusals_shown
    def _confirmed(self, yes: bool | None) -> None:
        request, self.pending = self.pending, None
        if yes and request is not None:
            self._submit(request, confirm=True)
        else:
            self.query_one("#status", Static).update("Not booked.")

    def _done(self, outcome: BookingOutcome) -> None:
        count = len(outcome.booking_ids)
        said = f"Booked {counted(count, 'session')}."
        if outcome.skipped:
            said += f" Skipped {counted(len(outcome.skipped), 'closed day')}: " + "; ".join(
                outcome.skipped
            )
        self.query_one("#status", Static).update(said)
        self.hold_form()  # booked: what the form holds is no longer unsaved


__all__ = ["BookingFormScreen"]
