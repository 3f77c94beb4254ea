"""Everyone who signs in: volunteers and the co-ordinator, with their DBS state."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.widgets import Button, DataTable, Static

from kiosk.services.staff import volunteers
from kiosk.services.staff.volunteers import VolunteerData
from screens.coordinator.admin_form import RecordListScreen, keys_foot
from screens.coordinator.volunteer_form import ROLES, VolunteerFormScreen

# Short, so the column is whole at 80 columns; the record shows each in full.
LEVELS = {
    "basic": "Basic",
    "standard": "Standard",
    "enhanced": "Enhanced",
    "enhanced_barred": "Enh+barred",
}
ROLE_NAMES = {role: name for name, role in ROLES}


def _dbs(v: VolunteerData) -> str:
    """Level, issue date and "+Update" (the Update Service): "Enh+barred 01/03/2025 +Update"."""
    if not v.dbs_number:
        return "none on file"
    issued = f"{v.dbs_issued_on:%d/%m/%Y}" if v.dbs_issued_on else "?"
    level = LEVELS.get(v.dbs_level.value, "") if v.dbs_level else ""
    update = " +Update" if v.dbs_update_service else ""
    return f"{level} {issued}{update}".strip()


class VolunteerListScreen(RecordListScreen):
    CSS_PATH = ["admin_form.tcss", "volunteer_list.tcss"]
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "close", "Back", id="volunteers.back", tooltip="Back to the menu"),
    ]

    def compose(self) -> ComposeResult:
        yield Static("Volunteers", classes="title")
        yield DataTable(id="volunteers", cursor_type="row", zebra_stripes=True)
        yield keys_foot(
            Button("New volunteer", id="new", variant="primary"), Button("Back", id="back")
        )

    def on_mount(self) -> None:
        self.query_one("#volunteers", DataTable).add_columns("Name", "Role", "DBS", "Status")
        self._fill()

    def on_screen_resume(self) -> None:
        self._fill()

    def _fill(self) -> None:
        table = self.query_one("#volunteers", DataTable)
        table.clear()
        for v in volunteers.list_volunteers(self.actor):
            left = f"left {v.left_on:%d/%m/%Y}" if v.left_on else "active"
            table.add_row(
                Text(v.name),
                Text(ROLE_NAMES.get(v.role.value, v.role.value)),
                Text(_dbs(v)),
                Text(left),
                key=str(v.id),
            )

    def record_screen(self, record_id: int | None) -> VolunteerFormScreen:
        return VolunteerFormScreen(self.actor, self.clock, record_id)
