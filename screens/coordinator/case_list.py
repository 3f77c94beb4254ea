"""The co-ordinator's case list: search by reference, name or postcode, a page at a time."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.widgets import Button, DataTable, Input, Static

from kiosk.clock import Clock
from kiosk.services.cases import search as case_search
from kiosk.services.cases.records import CasePage
from kiosk.services.staff.auth import StaffMember
from kiosk.services.store.forms import counted
from screens.coordinator.admin_form import RecordListScreen, keys_foot
from screens.coordinator.case_file import CaseFileScreen
from screens.widgets.refusals import refusals_shown


class CaseListScreen(RecordListScreen):
    # Textual reads these class attributes; the list is never mutated.
    CSS_PATH = ["admin_form.tcss", "case_list.tcss"]
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "close", "Back", id="cases.back", tooltip="Back to the menu"),
        Binding("pagedown", "page(1)", "Next page", id="cases.next", tooltip="Next page"),
        Binding("pageup", "page(-1)", "Previous page", id="cases.prev", tooltip="Previous page"),
    ]

    def __init__(self, actor: StaffMember, clock: Clock) -> None:
        super().__init__(actor, clock)
        self.page = case_search.search_cases(actor)

    def compose(self) -> ComposeResult:
        yield Static("Cases", classes="title")
        yield Input(
            placeholder="Search: any part of a reference, or a name or postcode (Enter opens one)",
            id="search",
        )
        yield DataTable(id="cases", cursor_type="row", zebra_stripes=True)
        yield Static("", id="page-info", markup=False)
        yield keys_foot(
            Button("New case", id="new", variant="primary"),
            Button("Previous", id="prev"),
            Button("Next", id="next"),
            Button("Back", id="back"),
        )

    def on_mount(self) -> None:
        table = self.query_one("#cases", DataTable)
        table.add_columns("Reference", "Resident parent", "Visiting parent", "Last used")
        self._show(self.page)

    def on_screen_resume(self) -> None:
        # Back from a case file: a saved edit may have changed names or order.
        self._search(self.page.page)

    def _search(self, page: int) -> None:
        text = self.query_one("#search", Input).value
        self._show(case_search.search_cases(self.actor, text, page))

    def _show(self, page: CasePage) -> None:
        self.page = page
        table = self.query_one("#cases", DataTable)
        table.clear()
        for item in page.items:
            # Names are typed by staff: rich Text cells are never parsed as markup.
            table.add_row(
                Text(item.ref),
                Text(item.resident),
                Text(item.visiting),
                Text(f"{item.last_used_at:%d/%m/%Y}"),
                key=str(item.id),
            )
        self.query_one("#page-info", Static).update(
            f"{counted(page.total, 'case')} - page {page.page + 1} of {page.pages}"
        )

    @on(Input.Changed, "#search")
    def _search_changed(self) -> None:
        self._search(0)

    @on(Input.Submitted, "#search")
    @refusals_shown
    def _search_submitted(self) -> None:
        # One match: Enter opens it (opening is audited, so a refusal is shown).
        if self.page.total == 1:
            self.app.push_screen(self.record_screen(self.page.items[0].id))
            return
        self.query_one("#cases", DataTable).focus()

    def action_page(self, step: int) -> None:
        self._search(self.page.page + step)

    @on(Button.Pressed, "#prev")
    def _prev(self) -> None:
        self.action_page(-1)

    @on(Button.Pressed, "#next")
    def _next(self) -> None:
        self.action_page(1)

    def record_screen(self, record_id: int | None) -> CaseFileScreen:
        return CaseFileScreen(self.actor, self.clock, record_id)
