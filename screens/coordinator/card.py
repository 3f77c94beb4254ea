"""A person's card, from their record: issue a new one or revoke the current one."""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Static

from kiosk.clock import Clock
from kiosk.services.cards import issue as card_issue
from kiosk.services.cards import sheet
from kiosk.services.cards.issue import (
    CardError,
    CardFileError,
    CardRenderer,
    CardStatus,
    render_png,
)
from kiosk.services.staff.auth import StaffMember
from kiosk.services.store.forms import counted
from screens.coordinator.admin_form import AdminFormScreen, keys_foot
from screens.widgets.confirm import ConfirmScreen
from screens.widgets.print_job import print_in_background, sending
from screens.widgets.refusals import refusals_shown

# A card made on a sheet has no card file of its own, and one printed may have been
# deleted: neither is a fault.
NO_CARD_FILE = "No card file in the card folder (printed on a sheet, or removed after printing)."
ROLE_NAMES = {"resident": "resident parent", "visiting": "visiting parent", "adult": "adult"}


class CardScreen(AdminFormScreen):
    CSS_PATH = ["admin_form.tcss", "card.tcss"]
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "close", "Close", id="card.close", tooltip="Back to the case file"),
    ]

    def __init__(
        self,
        actor: StaffMember,
        clock: Clock,
        person_id: int,
        *,
        folder: Path | None = None,
        render: CardRenderer = render_png,
    ) -> None:
        super().__init__(actor, clock)
        self.person_id = person_id
        self.folder = folder or card_issue.export_folder()
        self.card_render = render
        self.status = card_issue.status(person_id, actor, self.folder)
        # What Print sends: the card file, or the sheet this screen last wrote.
        self.printable: Path | None = self.status.file
        self.printing = False  # one job at a time: lp has not answered yet

    def compose(self) -> ComposeResult:
        s = self.status
        with Vertical(id="card"):
            role = ROLE_NAMES.get(s.role.value, s.role.value)
            # The holder's name is typed by staff: never markup.
            yield Static(
                f"Card for {s.first_name} ({role}, case {s.case_ref})", id="holder", markup=False
            )
            yield Static(self._describe(s), id="card-state", markup=False)
            yield Static("", id="errors", markup=False)
            yield Static("", id="status", markup=False)
            # Cards to cut out of A4, and the printer: a row of their own above the bar.
            with Horizontal(id="sheet-buttons"):
                yield Button("A4 sheet: whole case", id="case-sheet")
                yield Button("A4 sheet: today's cards", id="todays-sheet")
                yield Button("Print", id="print", disabled=self.printable is None)
        yield keys_foot(
            Button("Issue new card", id="issue", variant="primary"),
            Button("Revoke card", id="revoke", variant="error", disabled=s.card_id is None),
            Button("Close", id="close"),
        )

    def _describe(self, s: CardStatus) -> str:
        if s.card_id is None:
            return "No card in use."
        where = f"\nCard file: {s.file}" if s.file else f"\n{NO_CARD_FILE}"
        return f"Card {s.card_id} issued {s.issued_at:%d/%m/%Y %H:%M}.{where}"

    def _refresh(self, message: str, printable: Path | None = None) -> None:
        self.status = card_issue.status(self.person_id, self.actor, self.folder)
        self.printable = printable or self.status.file
        self.query_one("#print", Button).disabled = self.printable is None or self.printing
        self.query_one("#card-state", Static).update(self._describe(self.status))
        self.query_one("#revoke", Button).disabled = self.status.card_id is None
        self._said(message)

    @on(Button.Pressed, "#issue")
    def _ask_issue(self) -> None:
        # Issuing stops the card the person has now: asked first, naming them and the
        # case, with the focus on keeping it (a stray Enter must not revoke a card).
        s = self.status
        question = f"Issue a new card to {s.first_name} (case {s.case_ref})?"
        if s.card_id is not None:
            question += f" {s.first_name}'s card now stops working."
        asked = ConfirmScreen(question, "Issue new card", "Keep the card")
        self.app.push_screen(asked, self._issue)

    @refusals_shown
    def _issue(self, yes: bool | None) -> None:
        if not yes:
            return
        try:
            issued = card_issue.issue(
                self.person_id, self.actor, self.clock, folder=self.folder, render=self.card_render
            )
        except CardFileError as exc:
            self._error(f"{exc} No card was issued.")
            return
        self._refresh(f"Card {issued.card_id} issued; any earlier card no longer works.")

    @on(Button.Pressed, "#revoke")
    @refusals_shown
    def _revoke(self) -> None:
        count = card_issue.revoke(self.person_id, self.actor, self.clock, folder=self.folder)
        self._refresh(
            f"{counted(count, 'card')} revoked: "
            f"{'it no longer checks' if count == 1 else 'they no longer check'} in."
        )

    def _error(self, text: str) -> None:
        # The line of an earlier success would read as if this had worked too.
        self.query_one("#status", Static).update("")
        errors = self.query_one("#errors", Static)
        errors.update(text)
        errors.display = True

    @on(Button.Pressed, "#case-sheet")
    def _ask_case_sheet(self) -> None:
        ref = self.status.case_ref
        question = (
            f"Issue a new card to every adult of case {ref}, on an A4 sheet? "
            "The cards they have now stop working."
        )
        self.app.push_screen(
            ConfirmScreen(question, "Issue new cards", "Keep their cards"), self._case_sheet
        )

    @refusals_shown
    def _case_sheet(self, yes: bool | None) -> None:
        if not yes:
            return
        now = self.clock.now()
        try:
            made = sheet.issue_case_sheet(
                self.status.case_ref, sheet.new_sheet_path(now), now, actor=self.actor
            )
        except CardFileError as exc:
            self._error(f"{exc} No card was issued.")
            return
        self._refresh(
            f"{len(made.cards)} new cards on the sheet {made.path}; their earlier cards no "
            "longer work.",
            made.path,
        )

    @on(Button.Pressed, "#todays-sheet")
    @refusals_shown
    def _todays_sheet(self) -> None:
        now = self.clock.now()
        try:
            path = sheet.new_sheet_path(now)
            count = sheet.todays_sheet(self.actor, now, path, folder=self.folder)
        except CardError as exc:
            self._error(str(exc))
            return
        self._refresh(f"Today's {counted(count, 'card')} on the sheet {path}.", path)

    @on(Button.Pressed, "#print")
    def _print(self) -> None:
        if self.printable is None or self.printing:
            return
        self.printing = True
        self.query_one("#print", Button).disabled = True
        self._said(sending(self.printable))
        actual = self.printable.suffix == ".pdf"
        print_in_background(self, self.printable, self._printed, actual_size=actual)

    def _printed(self, line: str, sent: bool) -> None:
        self.printing = False
        self.query_one("#print", Button).disabled = self.printable is None
        if sent:
            self._said(line)
        else:
            self._error(line)

    def _said(self, line: str) -> None:
        """A success line; an earlier error would read as if this had failed too."""
        self.query_one("#status", Static).update(line)
        errors = self.query_one("#errors", Static)
        errors.update("")
        errors.display = False
