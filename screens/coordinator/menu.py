"""The co-ordinator's menu: every tool they keep, in one list."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from textual.app import App
from textual.screen import Screen

from kiosk.clock import Clock
from kiosk.services.door import access as door_access
from kiosk.services.door.access import DoorError
from kiosk.services.release import policy
from kiosk.services.staff.auth import StaffMember
from kiosk.services.store import settings
from screens.coordinator.accident_book import AccidentBookScreen
from screens.coordinator.alert_history import AlertHistoryScreen
from screens.coordinator.audit_log import AuditLogScreen
from screens.coordinator.booking_form import BookingFormScreen
from screens.coordinator.case_list import CaseListScreen
from screens.coordinator.closures import ClosuresScreen
from screens.coordinator.export_attendance import ExportAttendanceScreen
from screens.coordinator.home import MenuEntry
from screens.coordinator.incidents import IncidentListScreen
from screens.coordinator.policy_view import PolicyViewScreen
from screens.coordinator.purge import PurgeScreen
from screens.coordinator.rooms import RoomsScreen
from screens.coordinator.safeguarding_disclosure import SafeguardingDisclosureScreen
from screens.coordinator.settings import SettingsScreen
from screens.coordinator.subject_access import SubjectAccessScreen
from screens.coordinator.volunteer_list import VolunteerListScreen
from screens.coordinator.week import WeekScreen
from screens.door.console import DoorConsole


def coordinator_menu(
    app: App[None],
    staff: StaffMember,
    clock: Clock,
    *,
    close: Callable[[], None],
    sign_out: Callable[[], None],
) -> list[MenuEntry]:
    """Menu entries in the order a co-ordinator reaches for them."""

    def opens(factory: Callable[[], Screen[Any]]) -> Callable[[], None]:
        def push() -> None:
            app.push_screen(factory())

        return push

    def door_console() -> None:
        # The same DBS rule as the volunteers': no record on file, no door console.
        try:
            door_access.ensure_may_use_door(staff)
        except DoorError as exc:
            app.notify(str(exc), severity="error", markup=False)
            return
        app.push_screen(DoorConsole(staff, clock))

    out = settings.export_dir
    return [
        MenuEntry(
            "incidents",
            "Incidents (safeguarding concerns)",
            opens(lambda: IncidentListScreen(staff, clock)),
        ),
        MenuEntry("cases", "Cases", opens(lambda: CaseListScreen(staff, clock))),
        MenuEntry("week", "The week", opens(lambda: WeekScreen(staff, clock))),
        MenuEntry("booking", "New booking", opens(lambda: BookingFormScreen(staff, clock))),
        MenuEntry("rooms", "Rooms", opens(lambda: RoomsScreen(staff, clock))),
        MenuEntry("closures", "Closed days", opens(lambda: ClosuresScreen(staff, clock))),
        MenuEntry("volunteers", "Volunteers", opens(lambda: VolunteerListScreen(staff, clock))),
        MenuEntry("door-console", "Door console (today's board)", door_console),
        MenuEntry(
            "export",
            "Attendance export for a referrer",
            opens(lambda: ExportAttendanceScreen(staff, clock, out())),
        ),
        MenuEntry(
            "safeguarding",
            "Record a safeguarding disclosure",
            opens(lambda: SafeguardingDisclosureScreen(staff, clock)),
        ),
        MenuEntry(
            "subject-access",
            "Subject access request",
            opens(lambda: SubjectAccessScreen(staff, clock, out())),
        ),
        MenuEntry(
            "accident-book", "Accident book", opens(lambda: AccidentBookScreen(staff, clock, out()))
        ),
        MenuEntry("audit", "Audit log", opens(lambda: AuditLogScreen(staff, clock))),
        MenuEntry(
            "alerts",
            "Alert history (why alerts left the board)",
            opens(lambda: AlertHistoryScreen(staff, clock)),
        ),
        MenuEntry(
            "statistics",
            "Figures for trustees and funders",
            opens(lambda: _statistics(staff, clock, out())),
        ),
        MenuEntry(
            "policy", "Confidentiality policy", opens(lambda: PolicyViewScreen(policy.current()))
        ),
        MenuEntry(
            "purge",
            "Retention: destroy records unused for three years",
            opens(lambda: PurgeScreen(staff, clock)),
        ),
        MenuEntry("settings", "Settings", opens(lambda: SettingsScreen(staff, clock))),
        MenuEntry("close-kiosk", "Close the kiosk", close),
        MenuEntry("sign-out", "Sign out", sign_out),
    ]


def _statistics(staff: StaffMember, clock: Clock, out_dir: Path) -> Screen[None]:
    # plotext (about 0.1 s to import) loads with the screen that draws it, not at sign-in.
    from screens.coordinator.statistics import StatisticsScreen

    return StatisticsScreen(staff, clock, out_dir)
