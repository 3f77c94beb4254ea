"""The App shell: locked down, with its dependencies passed in."""

from __future__ import annotations

import gc
from datetime import timedelta
from typing import TYPE_CHECKING

from textual import events
from textual.app import App
from textual.binding import Binding

from kiosk import crash_report
from kiosk.clock import Clock
from kiosk.services.staff.auth import SignIn, StaffMember, locked
from kiosk.services.store import settings
from kiosk.services.store.errors import KioskError
from kiosk.services.store.faults import StoreError, StoreFault
from screens.parent.idle import IdleScreen
from screens.parent.staff_signin import StaffSignInScreen
from screens.widgets.confirm import ConfirmScreen

if TYPE_CHECKING:
    from kiosk.camera.frames import FrameSource
    from kiosk.camera_link import CameraLink, CameraSeen, CameraState
    from screens.coordinator.home import MenuEntry

# Staff screens lock themselves and the parent screen returns after this long idle,
# unless the setting staff_idle_lock_seconds says otherwise.
STAFF_IDLE_LOCK = timedelta(minutes=2)
# Why the staff screens locked, as the audit log says it.
BY_HAND, IDLE = "locked by hand", "locked when idle"


class KioskApp(App[None], inherit_bindings=False):
    """The entrance kiosk.

    inherit_bindings=False drops App's own ctrl+q / ctrl+c bindings; with the
    command palette off there is no way to quit, screenshot or open anything
    from the parent screen. Leaving is a co-ordinator's act.
    """

    ENABLE_COMMAND_PALETTE = False
    TITLE = "Contact Centre Kiosk"
    BINDINGS = [
        Binding(
            "ctrl+s",
            "staff_sign_in",
            "Staff",
            show=False,
            id="staff-sign-in",
            tooltip="Staff sign-in (volunteers and the co-ordinator)",
        ),
    ]

    def __init__(
        self,
        clock: Clock,
        camera: FrameSource | None = None,
        *,
        camera_retry: float = 5,
    ) -> None:
        """camera: where to read cards from besides the keyboard wedge (`kiosk run --camera`),
        tried again every camera_retry seconds while it cannot be read."""
        super().__init__()
        self.clock = clock
        self.camera_source = camera
        self.camera_retry = camera_retry
        self.camera: CameraLink | None = None
        self.staff: StaffMember | None = None
        self.last_activity = clock.now()
        self.idle_lock = STAFF_IDLE_LOCK
        self.crash_line = ""

    def serve(self) -> int:
        """Run until closed; the exit status: 0 when a co-ordinator closed it, 1 after a crash."""
        self.run()
        return self.return_code or 0

    def _handle_exception(self, error: Exception) -> None:
        # An unexpected error: Textual records it, sets a non-zero return code and stops the
        # app. Its own report is a traceback showing every frame's local variables (a
        # password being checked, its hash); ours (kiosk/crash_report.py) names types, files
        # and lines only, and the person sees one line saying where it is.
        self.crash_line = crash_report.report(error)
        super()._handle_exception(error)

    def _fatal_error(self) -> None:
        # Textual's own, less its traceback: the app stops, and the line is printed below.
        self.bell()
        self._close_messages_no_wait()

    def _print_error_renderables(self) -> None:
        # Once the app has stopped, on stderr: whole, as a path is not cropped at the
        # terminal's width, and plain, as a path is not markup.
        if self.crash_line:
            self.error_console.print(
                self.crash_line, crop=False, soft_wrap=True, markup=False, highlight=False
            )
            self.crash_line = ""
        super()._print_error_renderables()

    def on_mount(self) -> None:
        self.push_screen(
            IdleScreen(
                settings.get("centre_name"),
                self.clock,
                idle_return_seconds=_seconds(settings.get("idle_return_seconds")),
            )
        )
        self.call_after_refresh(self._freeze_heap)
        self.set_interval(1.0, self.check_idle_lock)
        if self.camera_source is not None:
            self._start_camera(self.camera_source)

    def _start_camera(self, source: FrameSource) -> None:
        # Loaded only with a camera: a kiosk without one starts as light as before.
        from kiosk.camera_link import CameraLink

        self.camera = CameraLink(self, source, retry_seconds=self.camera_retry)
        self.camera.start()
        # A state the database refused is written at a later beat.
        self.set_interval(1.0, self.camera.record)

    def on_camera_seen(self, message: CameraSeen) -> None:
        """A card in front of the camera: the same scan as the wedge's, on the screen on top.

        The parent screen (and the door console at the kiosk, as for a wedge's scan) take
        it; a co-ordinator's screen does not: a card waved at the office is not a check-in.
        """
        take = getattr(self.screen, "take_camera_code", None)
        if take is not None:
            take(message.code)

    def on_camera_state(self, message: CameraState) -> None:
        if self.camera is None:
            return
        self.camera.changed(message)
        for screen in self.screen_stack:
            if isinstance(screen, IdleScreen):
                screen.camera_ready(self.camera.ready)

    def on_unmount(self) -> None:
        # The camera is let go whichever way the kiosk closes.
        if self.camera is not None:
            self.camera.stop()

    async def on_event(self, event: events.Event) -> None:
        # Every key and click from the terminal passes here first: that is activity.
        if isinstance(event, events.Key | events.MouseDown):
            self.last_activity = self.clock.now()
        # A door dialog sees each key before its focused field does: a card read into
        # it must be a scan, and the field would otherwise have typed it already.
        if isinstance(event, events.Key) and not event.is_forwarded and self.screen_stack:
            # Asked by name: the door's screens load at a volunteer's sign-in, not at start.
            take = getattr(self.screen, "take_key_first", None)
            if take is not None and take(event):
                return
        await super().on_event(event)

    def check_idle_lock(self) -> None:
        if self.staff is not None and self.clock.now() - self.last_activity >= self.idle_lock:
            self.action_sign_out(IDLE)

    def action_staff_sign_in(self) -> None:
        if self.staff is None and not isinstance(self.screen, StaffSignInScreen):
            self.push_screen(StaffSignInScreen(self.clock), self._signed_in)

    def _signed_in(self, result: SignIn | None) -> None:
        if result is None or result.staff is None:
            return
        self.staff = result.staff
        self.last_activity = self.clock.now()
        self.idle_lock = _idle_lock()
        if not result.staff.is_coordinator:
            # Staff screens load on first use: the parent screen must be ready fast.
            from screens.door.console import DoorConsole

            self.push_screen(DoorConsole(result.staff, self.clock))
            return
        # The co-ordinator's home and its reminders load at their sign-in, like the door's.
        from screens.coordinator.home import CoordinatorHome

        self.push_screen(CoordinatorHome(result.staff, self.clock, self._menu(result.staff)))

    def _menu(self, staff: StaffMember) -> list[MenuEntry]:
        # The co-ordinator's tools pull in PDF and image libraries (about a second
        # to import): loaded at their first sign-in, not before the kiosk is ready.
        from screens.coordinator.menu import coordinator_menu

        return coordinator_menu(
            self, staff, self.clock, close=self._confirm_close, sign_out=self._confirm_sign_out
        )

    def _confirm_sign_out(self) -> None:
        # End then Enter on the menu reaches Sign out: asked first. Esc on the home
        # screen still signs out at once (the way out when someone approaches).
        def answered(yes: bool | None) -> None:
            if yes:
                self.action_sign_out()

        question = "Sign out and go back to the kiosk?"
        self.push_screen(ConfirmScreen(question, "Sign out", "Stay signed in"), answered)

    def _confirm_close(self) -> None:
        def closing(yes: bool | None) -> None:
            if yes:
                self.exit()

        self.push_screen(ConfirmScreen(_close_question(self.clock), "Close", "Keep open"), closing)

    def action_sign_out(self, why: str = BY_HAND) -> None:
        """Back to the parent screen, whatever staff screens were open; the lock is audited.

        The lock happens whatever the database says: a refused entry is one line.
        """
        staff, self.staff = self.staff, None
        # Staff messages name people ("Rosa checked in"): they go with the staff screens,
        # never stay over the parent screen.
        self.clear_notifications()
        while len(self.screen_stack) > 2:
            self.pop_screen()
        if staff is None:
            return
        try:
            locked(staff, self.clock.now(), why)
        except StoreFault as exc:
            self.notify(f"{exc.cause}. The lock was not recorded.", severity="error", markup=False)

    def _freeze_heap(self) -> None:
        # What is loaded by now lives as long as the kiosk. Frozen, it is left
        # out of the collector's full passes, which otherwise stall a scan's
        # confirmation by 25-30 ms now and then (bench/scan.py).
        gc.collect()
        gc.freeze()


def _close_question(clock: Clock) -> str:
    """Closing with families inside leaves them no way to check out: say how many there are."""
    from kiosk.services.door import roll_call

    try:
        n = roll_call.visitors_in(clock)
    except (StoreError, KioskError):
        return "Close the kiosk for the day? Who is still checked in could not be read."
    if n == 0:
        return "Close the kiosk for the day? Nobody is checked in."
    people = "1 person is" if n == 1 else f"{n} people are"
    return f"Close the kiosk for the day? {people} still checked in (see the roll call)."


def _idle_lock() -> timedelta:
    """The `staff_idle_lock_seconds` setting, read at each sign-in (two minutes unless set)."""
    try:
        raw = settings.get("staff_idle_lock_seconds")
    except StoreError:
        raw = ""  # the database refused the read: the default holds
    return timedelta(seconds=_seconds(raw, STAFF_IDLE_LOCK.total_seconds()))


def _seconds(raw: str, default: float = 8.0) -> float:
    """A delay setting; a mistyped value must not stop the kiosk from starting."""
    try:
        value = float(raw)
    except ValueError:
        return default
    return value if value > 0 else default
