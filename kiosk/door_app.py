"""`kiosk door`: the door console on its own, beside a running kiosk.

The same shell as the kiosk (staff sign-in, idle lock, leaving only through a
co-ordinator) with a locked screen in place of the parent screen: a second
terminal at the door never shows the parent screen or scans cards.
"""

from __future__ import annotations

from textual import events

from kiosk.app import KioskApp
from kiosk.services.store import settings
from screens.door.lock import DoorLockScreen


class DoorApp(KioskApp):
    TITLE = "Door console"

    def on_mount(self, event: events.Mount | None = None) -> None:
        # Replaces KioskApp.on_mount (Textual would call both): the locked console
        # instead of the parent screen.
        if event is not None:
            event.prevent_default()
        self.push_screen(DoorLockScreen(settings.get("centre_name"), self.clock))
        self.set_interval(1.0, self.check_idle_lock)
