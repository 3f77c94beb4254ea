"""Roll call: everyone on the premises now, and a file for a fire evacuation.

A family the volunteer knows is one counted line here (kiosk/services/door/
roll_call.py says why); the file names everyone, and the dialog says so.
"""

from __future__ import annotations

from pathlib import Path

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.widgets import Checkbox, DataTable, Input, Static

from kiosk.clock import Clock
from kiosk.services.door import roll_call
from kiosk.services.door.access import DoorError
from kiosk.services.staff.auth import StaffMember
from kiosk.services.store.errors import KioskError
from kiosk.services.store.private_files import FileExists
from screens.door.dialog import DoorDialog
from screens.widgets.confirm import confirm_replace
from screens.widgets.marked_toggle import MarkedCheckbox
from screens.widgets.print_job import print_in_background, sending


class RollCallDialog(DoorDialog):
    TITLE_TEXT = "Roll call: everyone on the premises now"
    OK_LABEL = "Write the file"

    def __init__(self, staff: StaffMember, clock: Clock) -> None:
        super().__init__(staff, clock)
        self.call = roll_call.roll_call(staff, clock)

    def compose_body(self) -> ComposeResult:
        yield Static(f"{self.call.count} on the premises", id="count", markup=False)
        table: DataTable[Text] = DataTable(id="people", cursor_type="row", zebra_stripes=True)
        table.add_columns("Name", "Who", "Room", "In since")
        for p in self.call.people:
            since = f"{p.since:%H:%M}" if p.since else ""
            # Names are data, never markup.
            table.add_row(Text(p.name), Text(p.kind), Text(p.room), Text(since))
        yield table
        known = " (the family you know too: a fire outranks masking)"
        yield Static(
            "For a fire evacuation, write the list to a file. It names everyone on the "
            f"premises by first name{known if self.call.counts_a_known_family else ''}:",
            classes="hint",
        )
        yield Input(value=str(roll_call.default_path(self.call.at)), id="path")
        # Where CUPS is set up, the list can go to the printer too (a fire's list goes outside).
        # Marked only when ticked: Textual's own box looks the same either way.
        yield MarkedCheckbox("Print it as well", id="print")

    def on_mount(self) -> None:
        # In a fire: l, then Enter writes the file. Nothing else to find first.
        self.query_one("#path", Input).focus()

    @on(Input.Submitted, "#path")
    def _enter_writes(self) -> None:
        # Enter in the file box writes the file: in a fire nobody should have to find the button.
        self.action_ok()

    def act(self) -> str:
        raw = self.query_one("#path", Input).value.strip()
        if not raw:
            raise DoorError("Please give a file to write.")
        try:
            return self._write(Path(raw), replace=False)
        except FileExists as exc:
            # Named outside the except block: the answer comes after it has ended.
            path = exc.path
            confirm_replace(
                self,
                path,
                replace=lambda: self._replace(path),
                keep=lambda: self.show_message(f"Not written: {path} is kept."),
            )
            raise DoorError(f"{path} is there already.") from None

    def _write(self, path: Path, *, replace: bool) -> str:
        try:
            written = roll_call.write(self.staff, self.call, path, self.clock, replace=replace)
        except OSError as exc:
            raise DoorError(f"Could not write the file: {exc.strerror or exc}") from exc
        done = f"Roll call of everyone on the premises written to {written}."
        if not self.query_one("#print", Checkbox).value:
            return done
        # The dialog closes now, with the list written; lp's answer comes as a notification
        # on the console (a slow printer must not hold the roll call up in a fire).
        app = self.app

        def printed(line: str, sent: bool) -> None:
            # Written all the same: the file is there to print from elsewhere.
            said = line if sent else f"Not printed: {line}"
            app.notify(said, severity="information" if sent else "warning", markup=False)

        print_in_background(app, written, printed, named=False)
        return f"{done} {sending(written)}"

    def _replace(self, path: Path) -> None:
        try:
            done = self._write(path, replace=True)
        except KioskError as exc:
            self.show_message(str(exc))
            return
        self.dismiss(done)
