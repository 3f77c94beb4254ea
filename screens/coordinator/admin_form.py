"""What the co-ordinator's record screens share: a base type, labelled rows, the form's foot.

Textual applies a screen's sheet to the whole app, so the shared rules in
admin_form.tcss start with AdminFormScreen: they style the screens built on it
and no other (the release forms and the door console use some of the same ids).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

from textual import on
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Button, DataTable, Footer, Input, Label, Static

from kiosk.clock import Clock
from kiosk.services.staff.auth import StaffMember
from kiosk.services.store.errors import KioskError
from kiosk.services.store.forms import FormError, Problem
from screens.widgets.confirm import leave_unsaved
from screens.widgets.form_errors import clear_problems, default_id, show_problems
from screens.widgets.form_state import FormState, form_state
from screens.widgets.refusals import refusals_shown, show_refusal


class AdminFormScreen(Screen[None]):
    """A co-ordinator screen laid out by admin_form.tcss: titles, sections, rows,
    inline errors, status and buttons. Subclasses list "admin_form.tcss" first in
    their CSS_PATH, then their own sheet.
    """

    def __init__(self, actor: StaffMember, clock: Clock) -> None:
        super().__init__()
        self.actor = actor
        self.clock = clock
        self.held: FormState = ()

    def hold_form(self) -> None:
        """Take what the form holds now as saved: leaving asks only when it differs."""
        self.held = form_state(self)

    def hold_after_refresh(self) -> None:
        # After a rebuild the new fields exist only once the screen has refreshed.
        self.call_after_refresh(self.hold_form)

    def leave_or_ask(self, unsaved: str) -> None:
        """Leave at once if nothing changed since hold_form; otherwise ask, naming `unsaved`."""
        if form_state(self) == self.held:
            self.dismiss(None)
        else:
            leave_unsaved(self, unsaved)

    def value_of(self, widget_id: str) -> str:
        return self.query_one(f"#{widget_id}", Input).value

    async def submit(
        self,
        problems: list[Problem],
        act: Callable[[], str],
        widget_id: Callable[[str], str] = default_id,
    ) -> bool:
        """Act through a service unless reading the form already found problems.

        The service's own refusal (FormError) is shown the same way, beside the
        fields; any other refusal (a database fault, say) on the status line. After
        a success the form is rebuilt from what was stored and the status line says
        what `act` returned, and True is returned.
        """
        if not problems:
            try:
                done = act()
            except FormError as exc:
                problems = exc.problems
            except KioskError as exc:
                clear_problems(self)
                show_refusal(self, exc)
                return False
            else:
                await self.recompose()
                clear_problems(self)
                self.query_one("#status", Static).update(done)
                # The rebuilt footer shows the screen's keys only once told they changed.
                self.refresh_bindings()
                self.hold_after_refresh()
                return True
        self.query_one("#status", Static).update("")
        show_problems(self, problems, widget_id)
        return False

    @on(Button.Pressed, "#close, #back")
    def _close_pressed(self) -> None:
        # Through the action, so a form that asks before losing typing asks here too.
        self.action_leave()

    def action_leave(self) -> None:
        """Leave the form; a form that can hold unsaved typing asks first."""
        self.action_close()

    def action_close(self) -> None:
        self.dismiss(None)


class RecordListScreen(AdminFormScreen):
    """A table of records: choosing a row opens that record, the New button a blank one."""

    def record_screen(self, record_id: int | None) -> Screen[None]:
        """The screen for one record; None for a new one."""
        raise NotImplementedError

    @on(Button.Pressed, "#new")
    @refusals_shown
    def _new(self) -> None:
        self.app.push_screen(self.record_screen(None))

    @on(DataTable.RowSelected)
    @refusals_shown
    def _open(self, event: DataTable.RowSelected) -> None:
        # Opening a case file is audited: the database may refuse it (a StoreFault).
        # Each row's key is its record's id.
        if event.row_key.value is not None:
            self.app.push_screen(self.record_screen(int(event.row_key.value)))


def form_row(label: str, widget: Widget) -> Horizontal:
    """A labelled field on one line (the `.row` rules)."""
    return Horizontal(Label(label), widget, classes="row")


def date_text(value: object) -> str:
    """A date for a text field; blank when there is none."""
    return value.isoformat() if value is not None else ""  # type: ignore[attr-defined]


def button_bar(*buttons: Button) -> Horizontal:
    """The buttons docked at the foot of the screen (the `.buttons` rules)."""
    return Horizontal(*buttons, classes="buttons")


def keys_foot(*buttons: Button) -> Vertical:
    """The button bar with the screen's keys below it (such as ctrl+s to save), in one
    block docked at the foot: two widgets docked at the bottom would lie over each other."""
    return Vertical(button_bar(*buttons), Footer(), classes="foot")


def form_foot(*buttons: Button) -> Iterator[Widget]:
    """The inline error box, the status line, the button bar and the keys a record form
    ends with."""
    yield Static("", id="errors", markup=False)
    yield Static("", id="status", markup=False)
    yield keys_foot(*buttons)
