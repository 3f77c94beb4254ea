"""A person's card, from their record: issue a new one or revoke the current one."""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.widgets import Button, Static

from kiosk.clock import Clock
from kiosk.services.cards import issue as card_issue
from kiosk.services.cards.issue import CardFileError, CardRenderer, CardStatus, render_png
from kiosk.services.staff.auth import StaffMember
from kiosk.services.store.forms import counted
from screens.coordinator.admin_form import AdminFormScreen, keys_foot
from screens.widgets.refusals import refusals_shown

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
        yield keys_foot(
            Button("Issue new card", id="issue", variant="primary"),
            Button("Revoke card", id="revoke", variant="error", disabled=s.card_id is None),
            Button("Close", id="close"),
        )

    def _describe(self, s: CardStatus) -> str:
        if s.card_id is None:
            return "No card in use."
        where = f"\nCard file: {s.file}" if s.file else "\nThe card file has been removed."
        return f"Card {s.card_id} issued {s.issued_at:%d/%m/%Y %H:%M}.{where}"

    def _refresh(self, message: str) -> None:
        self.status = card_issue.status(self.person_id, self.actor, self.folder)
        self.query_one("#card-state", Static).update(self._describe(self.status))
        self.query_one("#revoke", Button).disabled = self.status.card_id is None
        self.query_one("#status", Static).update(message)
        errors = self.query_one("#errors", Static)
        errors.update("")
        errors.display = False

    @on(Button.Pressed, "#issue")
    @refusals_shown
    def _issue(self) -> None:
        try:
            issued = card_issue.issue(
                self.person_id, self.actor, self.clock, folder=self.folder, render=self.card_render
            )
        except CardFileError as exc:
            errors = self.query_one("#errors", Static)
            errors.update(f"{exc} No card was issued.")
            errors.display = True
            return
        self._refresh(f"Card {issued.card_id} issued; any earlier card no longer works.")

    @on(Button.Pressed, "#revoke")
    @refusals_shown
    def _revoke(self) -> None:
        count = card_issue.revoke(self.person_id, self.actor, self.clock, folder=self.folder)
        self._refresh(
            f"{counted(count, 'card')} revoked: "
            f"{'it' if count == 1 else 'they'} no longer check in."
        )
