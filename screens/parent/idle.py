"""The parent screen: the centre's name, a clock, "scan your card", and the answer.

It shows only what checkin.scan returns for the parent (their own first name,
checked in or out, where to go and when); the console-facing reason never
reaches this screen. Everything from the database is shown with markup off.
"""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.color import Color
from textual.containers import Vertical
from textual.screen import Screen
from textual.timer import Timer
from textual.widget import Widget
from textual.widgets import Digits, Static

from kiosk.clock import Clock
from kiosk.services.attendance import checkin
from kiosk.services.release import policy
from kiosk.services.scan.rules import Outcome, ParentMessage, speak_to_volunteer
from screens.widgets.scan_field import POLICY_KEY, ScanField

CAMERA_READY = "◉ camera ready"
CARD_SEEN = "◉ card seen"
CARD_SEEN_SECONDS = 2.0
IDLE = ParentMessage("Please scan your card", ("Hold your card in front of the scanner.",))
# The panel's colour says at a glance how it went: green done, yellow wait,
# cyan ask a volunteer, white idle. It is set on the panel's two texts rather
# than as a CSS class: a class change matches the whole stylesheet again for
# the panel and each child, about 1 ms of every scan.
IDLE_COLOUR = "white"
HELP_COLOUR = "ansi_bright_cyan"
COLOUR = {
    Outcome.CHECKED_IN: "ansi_bright_green",
    Outcome.CHECKED_OUT: "ansi_bright_green",
    Outcome.EARLY: "ansi_bright_yellow",
    Outcome.HOLD: "ansi_bright_yellow",
    Outcome.DUPLICATE: "ansi_bright_yellow",
    Outcome.SPEAK_TO_VOLUNTEER: HELP_COLOUR,
    Outcome.NOT_A_CARD: HELP_COLOUR,
}
_PARSED = {name: Color.parse(name) for name in {IDLE_COLOUR, HELP_COLOUR, *COLOUR.values()}}


def update_in_place(widget: Static, text: str) -> None:
    """Static.update, with a layout only when the text needs another height.

    A layout redraws the whole screen; most answers fit the lines the panel
    already has (the detail keeps room for four), so only the texts are redrawn.
    """
    height = widget.size.height
    widget.update(text, layout=False)
    lowest = widget.styles.min_height
    # The minimum is the whole box's; the size compared with it is the text's alone.
    floor = int(lowest.value) - widget.styles.gutter.height if lowest is not None else 0
    width = widget.size.width
    needed = max(floor, widget.get_content_height(widget.size, widget.app.size, width))
    if not width or needed != height:
        widget.refresh(layout=True)


class IdleScreen(Screen[None]):
    CSS_PATH = "idle.tcss"

    def __init__(self, centre_name: str, clock: Clock, idle_return_seconds: float = 8) -> None:
        super().__init__()
        self.centre_name = centre_name
        self.clock = clock
        self.idle_return_seconds = idle_return_seconds
        self._back_timer: Timer | None = None
        self._mark_timer: Timer | None = None
        self._fault_text = ""
        self._panel_parts: list[Widget] = []
        self._camera_ready = False
        self._composed = False

    def compose(self) -> ComposeResult:
        with Vertical(id="idle"):
            # Names come from the database: never parse them as markup.
            yield Static(self.centre_name, id="centre-name", markup=False)
            yield Digits(self._time(), id="clock")
            with Vertical(id="panel"):
                yield Static(IDLE.headline, id="headline", markup=False)
                yield Static("\n".join(IDLE.lines), id="detail", markup=False)
            yield ScanField(self.scanned, id="scan")
            yield Static(
                f"Press {POLICY_KEY} to read our confidentiality policy", id="hint", markup=False
            )
            # For volunteers: why scans are not being recorded. Empty while all is well.
            yield Static("", id="fault", markup=False)
            # With a camera: a small mark that it is reading, and "card seen" when it reads.
            # Never a picture; nothing at all while the camera does not work.
            yield Static(CAMERA_READY, id="camera-mark", markup=False)

    def on_mount(self) -> None:
        # Found once: the scan path should not search the screen.
        self._panel_parts = list(self.query("#panel > Static"))
        self.query_one("#fault").display = False
        self._composed = True
        self.camera_ready(self._camera_ready)
        self.set_interval(1.0, self._tick)
        self.query_one(ScanField).focus()

    def on_screen_resume(self) -> None:
        self.query_one(ScanField).focus()

    def _time(self) -> str:
        return self.clock.now().strftime("%H:%M")

    def _tick(self) -> None:
        # Asked every second, redrawn once a minute: Digits redraws on every update,
        # the same text or not, and an idle kiosk should write nothing to its terminal.
        clock = self.query_one("#clock", Digits)
        if clock.value != (shown := self._time()):
            clock.update(shown)

    def scanned(self, code: str) -> None:
        """Called by the scan field, in its key handler, with each complete scan."""
        try:
            outcome = checkin.scan(code, self.clock)
        except checkin.ScanFault as fault:
            # The parent is sent to a volunteer; the volunteer reads why here.
            self.show(speak_to_volunteer(), HELP_COLOUR)
            self.show_fault(f"Staff: {fault} ({self._time()})")
            return
        except Exception:
            # Whatever went wrong, nothing technical (nor a traceback, which
            # would show the scan's data) reaches a parent's screen.
            self.show(speak_to_volunteer(), HELP_COLOUR)
            self.show_fault(f"Staff: the kiosk met an unexpected error ({self._time()})")
            return
        self.show_fault("")
        self.show(outcome.message, COLOUR[outcome.outcome])

    def camera_ready(self, ready: bool) -> None:
        """Show the camera's mark while it reads; hide it (and say nothing) while it cannot.

        The camera's thread may say so before this screen is composed: kept until then.
        """
        self._camera_ready = ready
        if self._composed:
            mark = self.query_one("#camera-mark", Static)
            mark.update(CAMERA_READY)
            mark.display = ready

    def take_camera_code(self, code: str) -> None:
        """A card the camera read: "card seen", then the same scan as the wedge's."""
        mark = self.query_one("#camera-mark", Static)
        mark.update(CARD_SEEN)
        if self._mark_timer is not None:
            self._mark_timer.stop()
        self._mark_timer = self.set_timer(CARD_SEEN_SECONDS, lambda: mark.update(CAMERA_READY))
        self.scanned(code)

    def _paint(self, colour: str) -> None:
        # The two texts, not the panel around them (idle.tcss says why).
        for text in self._panel_parts:
            text.styles.background = _PARSED[colour]

    def show_fault(self, text: str) -> None:
        fault = self.query_one("#fault", Static)
        if text == self._fault_text:
            # Nearly every scan clears a fault that is not there: no redraw for that.
            return
        self._fault_text = text
        fault.update(text)
        fault.display = bool(text)

    def show(self, text: ParentMessage, colour: str) -> None:
        self._paint(colour)
        update_in_place(self.query_one("#headline", Static), text.headline)
        update_in_place(self.query_one("#detail", Static), "\n".join(text.lines))
        if self._back_timer is not None:
            self._back_timer.stop()
        self._back_timer = self.set_timer(self.idle_return_seconds, self.back_to_idle)

    def back_to_idle(self) -> None:
        self._back_timer = None
        self.show_idle()

    def show_idle(self) -> None:
        self._paint(IDLE_COLOUR)
        update_in_place(self.query_one("#headline", Static), IDLE.headline)
        update_in_place(self.query_one("#detail", Static), "\n".join(IDLE.lines))

    @on(ScanField.PolicyRequested)
    def _policy(self, message: ScanField.PolicyRequested) -> None:
        # Loaded when first asked for: its Markdown reader is a fifth of the kiosk's imports.
        from screens.parent.policy import PolicyOverlay

        message.stop()
        view = policy.current()
        reviewed = (
            f"Last reviewed {view.reviewed_on:%d %B %Y} by {view.reviewed_by}"
            if view.reviewed_on
            else ""
        )
        self.app.push_screen(PolicyOverlay(view.text, reviewed), self._policy_closed)

    def _policy_closed(self, code: str | None) -> None:
        # A card scanned while the policy was open closed it: act on the scan.
        if code:
            self.scanned(code)
