"""The door console: today's board, its alerts, and a key for every act at the door.

The board is re-read from the database on this (the main) thread: the kiosk
at the entrance may be another process writing the same file, and a thread
worker would open a new connection and pay the KDF again. Its timers read
only after a write or when the clock changes the board (screens/door/freshness.py).
"""

from __future__ import annotations

from collections.abc import Callable

from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import DataTable, Static
from textual.widgets.data_table import ColumnKey

from kiosk.clock import Clock
from kiosk.services.door import actions as door_actions
from kiosk.services.door import board as door_board
from kiosk.services.door.board import Board, BoardRow
from kiosk.services.staff.auth import StaffMember
from kiosk.services.store import changes
from kiosk.services.store.errors import KioskError
from kiosk.services.store.forms import counted
from screens.coordinator.home import CoordinatorHome
from screens.door import board_text
from screens.door.accident import AccidentDialog
from screens.door.ask_first import handover_dialog, off_duty_dialog, return_dialog
from screens.door.board_text import detail_text, key_legend, row_cells, session_label
from screens.door.cancel import CancelDialog
from screens.door.dialog import DoorDialog
from screens.door.end_early import EndEarlyDialog
from screens.door.freshness import Freshness
from screens.door.incident import IncidentDialog
from screens.door.no_show import NoShowDialog
from screens.door.person_search import PersonSearchDialog
from screens.door.roll_call import RollCallDialog
from screens.door.scanner_keys import ScannerKeys
from screens.widgets.fault_line import FaultLine

# Each sees the other's writes within 2 seconds: re-read every second.
REFRESH_SECONDS = 1.0
# Sessions starting and no-show alerts: minutes matter, not seconds.
TICK_SECONDS = 10.0
# An alert's message wraps at the console's width, but never to fewer columns than this.
MESSAGE_MIN = 30


def _b(key: str, action: str, label: str, tooltip: str) -> Binding:
    return Binding(key, action, label, id=f"door-{action.replace('_', '-')}", tooltip=tooltip)


class DoorConsole(Screen[None]):
    CSS_PATH = "console.tcss"
    BINDINGS = [
        _b("i", "manual", "In/out by name", "Check a person in or out by name (forgot card)"),
        _b("a", "acknowledge", "Acknowledge", "Acknowledge the highlighted alert"),
        _b("h", "handed_over", "Handed over", "The children were handed over"),
        _b("r", "returned", "Returned", "The children were returned"),
        _b("n", "no_show", "No-show", "Record a no-show for this session"),
        _b("c", "cancel", "Cancel", "Cancel this session (by whom, with notice or not)"),
        _b("t", "end_early", "End early", "Curtail or terminate this session, with a reason"),
        _b("s", "incident", "Incident", "Record a safeguarding concern"),
        _b("b", "accident", "Accident", "Add to the accident book"),
        _b("l", "roll_call", "Roll call", "Everyone on the premises now; write it for a fire"),
        _b("o", "off_duty", "Off duty", "Sign out and leave the building (off the roll call)"),
        _b("escape", "lock", "Lock", "Sign out: the console locks"),
    ]

    def __init__(
        self, staff: StaffMember, clock: Clock, *, refresh_seconds: float = REFRESH_SECONDS
    ) -> None:
        super().__init__()
        self.staff, self.clock, self.refresh_seconds = staff, clock, refresh_seconds
        self.board: Board | None = None
        self.fresh = Freshness()
        # A card scanned while the console is open is a scan, never console keys.
        self.keys = ScannerKeys(self)

    def compose(self) -> ComposeResult:
        yield Static("", id="door-header", markup=False)
        yield FaultLine(id="door-fault")
        yield Static("", id="door-camera", markup=False)
        with Vertical(id="door-body"):
            bookings: DataTable[Text] = DataTable(id="bookings", cursor_type="row")
            bookings.add_columns("Session", "Case", "Resident", "Visiting")
            # Its longest state's width from the start: grown by an act, it kept stale lines.
            bookings.add_column("State", width=board_text.STATE_WIDTH)
            yield bookings
            yield Static("", id="detail", markup=False)
            yield Static("Open alerts", id="alerts-title", markup=False)
            alerts: DataTable[Text] = DataTable(id="alerts", cursor_type="row")
            alerts.add_column("Time")
            alerts.add_column("Alert", key="kind")
            # Its width follows the console's, so that a long message wraps instead of being cut.
            alerts.add_column("Message", key="message")
            yield alerts
        yield Static("", id="keys", markup=False)

    def on_mount(self) -> None:
        self.tick()
        self.set_interval(self.refresh_seconds, self.refresh_board)
        self.set_interval(TICK_SECONDS, self.tick)
        self.query_one("#bookings", DataTable).focus()

    def take_camera_code(self, code: str) -> None:
        """A card the kiosk's camera read: the same as a card read by the scanner here."""
        self.keys.scanned(code)

    def on_key(self, event: events.Key) -> None:
        self.keys.on_key(event)

    def on_resize(self, event: events.Resize) -> None:
        # The legend and the alerts' messages wrap to the width the console has now.
        bindings = [b for b in self.BINDINGS if isinstance(b, Binding)]
        self.query_one("#keys", Static).update(key_legend(bindings, event.size.width - 2))
        if self.board is not None:
            self._fill_alerts(self.board)

    # -- reading ---------------------------------------------------------------

    def tick(self) -> None:
        faults = self.query_one(FaultLine)
        if self.fresh.tick_due(faults.run("read", changes.mark), self.clock.now()):
            # A tick the database refused is caught up by the next (no-shows are alerted once).
            faults.run("tick", lambda: door_board.tick(self.clock))
            if "tick" not in faults.faults:
                self.fresh.ticked(faults.run("read", changes.mark), self.clock.now())
        self.refresh_board()

    def refresh_board(self) -> None:
        faults = self.query_one(FaultLine)
        mark = faults.run("read", changes.mark)
        if self.fresh.board_current(mark, self.board, self.clock.now()):
            return
        board = faults.run("read", lambda: door_board.today(self.staff, self.clock))
        if board is None:
            self.fresh.board_read(None)  # read again at the next beat
            return  # the board shows what it last read
        self.fresh.board_read(mark)
        self._header(board)
        same = self.board is not None and (board.rows, board.alerts) == (
            self.board.rows,
            self.board.alerts,
        )
        # Kept even when it reads the same: its time and freshness are what the next beat
        # asks, and the old board's would send it back to the database every second.
        self.board = board
        if same:
            return
        self._fill_bookings(board)
        self._fill_alerts(board)
        self._show_detail()

    def _header(self, board: Board) -> None:
        who = f"{self.staff.name} ({board_text.role_name(self.staff.role.value)})"
        sessions = counted(len(board.rows), "session")
        text = f"Door console · {board.at:%a %d %b %H:%M} · {who} · {sessions}"
        camera = self.query_one("#door-camera", Static)
        # Only here, never on the parent screen: the parents carry on with the scanner.
        camera.update(f"Kiosk {board.camera}")
        camera.display = bool(board.camera)
        self.query_one("#door-header", Static).update(text)

    def _fill_bookings(self, board: Board) -> None:
        table = self.query_one("#bookings", DataTable)
        keep = self.selected_row()
        table.clear()
        for row in board.rows:
            table.add_row(*row_cells(row), key=str(row.booking_id), height=2)
        if keep is not None and str(keep.booking_id) in table.rows:
            table.move_cursor(row=table.get_row_index(str(keep.booking_id)))

    def _fill_alerts(self, board: Board) -> None:
        table = self.query_one("#alerts", DataTable)
        keep = table.cursor_row
        table.clear()
        kinds = [a.kind.replace("_", " ") for a in board.alerts]
        message = table.columns[ColumnKey("message")]
        message.width = max(MESSAGE_MIN, self.app.size.width - max(map(len, kinds), default=5) - 15)
        message.auto_width = False
        for a, kind in zip(board.alerts, kinds, strict=True):
            # height None: as many lines as the wrapped message needs.
            row = (Text(f"{a.created_at:%H:%M}"), Text(kind), Text(a.message))
            table.add_row(*row, key=str(a.id), height=None)
        if board.alerts:
            table.move_cursor(row=min(keep, len(board.alerts) - 1))
        self.query_one("#alerts-title", Static).update(f"Open alerts: {len(board.alerts)}")

    def selected_row(self) -> BoardRow | None:
        if self.board is None or not self.board.rows:
            return None
        table = self.query_one("#bookings", DataTable)
        index = min(max(table.cursor_row, 0), len(self.board.rows) - 1)
        return self.board.rows[index]

    def _show_detail(self) -> None:
        self.query_one("#detail", Static).update(detail_text(self.selected_row()))

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        if event.data_table.id == "bookings":
            self._show_detail()

    # -- acting ------------------------------------------------------------------

    def _done(self, message: str | None) -> None:
        if message:
            self.notify(message, markup=False)
        self.board = None  # force a full redraw
        self.refresh_board()

    def _try(self, act: Callable[[], str]) -> None:
        try:
            message = act()
        except KioskError as exc:
            self.notify(str(exc), severity="error", markup=False)
            return
        self._done(message)

    def _dialog(self, make: Callable[[BoardRow], DoorDialog]) -> None:
        row = self.selected_row()
        if row is None:
            self.notify("There is no session to act on.", severity="warning")
        elif row.masked:
            self.notify(
                f"{session_label(row)}: {detail_text(row)}", severity="warning", markup=False
            )
        else:
            try:
                # The service's checks run first: a refused act opens no dialog.
                dialog = make(row)
            except KioskError as exc:
                # Named: the highlight may not be where the volunteer thought it was.
                self.notify(f"{session_label(row)}: {exc}", severity="error", markup=False)
                return
            self._open_beside_row(dialog)

    def _open_beside_row(self, dialog: DoorDialog) -> None:
        """Open a dialog about the highlighted session without covering its row."""
        table = self.query_one("#bookings", DataTable)
        rows = table.ordered_rows
        if rows and table.cursor_row >= 0:
            above = sum(r.height for r in rows[: table.cursor_row])
            first = table.region.y + table.header_height + above - round(table.scroll_y)
            dialog.clear_of = (first, first + rows[table.cursor_row].height - 1)
        self.app.push_screen(dialog, self._done)

    def action_manual(self) -> None:
        self.app.push_screen(PersonSearchDialog(self.staff, self.clock), self._done)

    def action_acknowledge(self) -> None:
        table = self.query_one("#alerts", DataTable)
        if self.board is None or not self.board.alerts:
            self.notify("There are no open alerts.", severity="information")
            return
        alert = self.board.alerts[min(max(table.cursor_row, 0), len(self.board.alerts) - 1)]

        def ack() -> str:
            door_actions.acknowledge_alert(self.staff, alert.id, self.clock)
            return "Alert acknowledged."

        self._try(ack)

    def action_handed_over(self) -> None:
        self._dialog(lambda row: handover_dialog(self.staff, self.clock, row))

    def action_returned(self) -> None:
        self._dialog(lambda row: return_dialog(self.staff, self.clock, row))

    def action_no_show(self) -> None:
        def make(row: BoardRow) -> DoorDialog:
            allowed = door_actions.no_show_parties(self.staff, row.booking_id, self.clock)
            return NoShowDialog(self.staff, self.clock, row, allowed)

        self._dialog(make)

    def action_cancel(self) -> None:
        def make(row: BoardRow) -> DoorDialog:
            door_actions.check_cancel(self.staff, row.booking_id)
            return CancelDialog(self.staff, self.clock, row)

        self._dialog(make)

    def action_end_early(self) -> None:
        def make(row: BoardRow) -> DoorDialog:
            door_actions.check_end_early(self.staff, row.booking_id)
            return EndEarlyDialog(self.staff, self.clock, row)

        self._dialog(make)

    def action_incident(self) -> None:
        self._open_beside_row(IncidentDialog(self.staff, self.clock, self.selected_row()))

    def action_accident(self) -> None:
        self.app.push_screen(AccidentDialog(self.staff, self.clock), self._done)

    def action_roll_call(self) -> None:
        try:
            dialog = RollCallDialog(self.staff, self.clock)
        except KioskError as exc:
            self.notify(str(exc), severity="error", markup=False)
            return
        self.app.push_screen(dialog, self._done)

    def action_off_duty(self) -> None:
        def done(result: str | None) -> None:
            if result is not None:
                self.action_lock()

        self.app.push_screen(off_duty_dialog(self.staff, self.clock), done)

    def action_lock(self) -> None:
        stack = self.app.screen_stack
        if len(stack) >= 2 and isinstance(stack[-2], CoordinatorHome):
            # Opened from the co-ordinator's menu: back to it (the idle lock still applies).
            self.app.pop_screen()
            return
        self.app.action_sign_out()  # type: ignore[attr-defined]
