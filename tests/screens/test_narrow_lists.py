"""At 80x24: the audit log's date boxes show a whole date and the Filter button; the
volunteers list shows each DBS state whole."""

from __future__ import annotations

from datetime import date

from textual.widgets import Input

from kiosk.clock import FixedClock
from kiosk.services.staff.auth import StaffMember
from kiosk.services.staff.volunteers import VolunteerData, save_volunteer
from models import DbsLevel
from screens.coordinator.audit_log import AuditLogScreen
from screens.coordinator.volunteer_list import VolunteerListScreen
from tests.support.pilots import HostApp, screen_text

NARROW = (80, 24)


async def test_the_audit_filters_show_whole_dates_and_the_filter_button(
    coordinator: StaffMember, clock: FixedClock
) -> None:
    app = HostApp(lambda: AuditLogScreen(coordinator, clock))
    async with app.run_test(size=NARROW) as pilot:
        await pilot.pause()
        for box, typed in (("#since", "02/12/2026"), ("#until", "2026-12-04")):
            field = app.screen.query_one(box, Input)
            field.focus()
            field.value = typed
            field.cursor_position = len(typed)
        await pilot.pause()
        shown = screen_text(app)
        assert "02/12/2026" in shown and "2026-12-04" in shown, shown
        assert "Filter" in shown


async def test_the_volunteers_dbs_column_is_whole(
    coordinator: StaffMember, clock: FixedClock
) -> None:
    data = VolunteerData(
        "Tom Hughes",
        dbs_number="109876543210",
        dbs_issued_on=date(2025, 3, 1),
        dbs_level=DbsLevel.ENHANCED_BARRED,
        dbs_update_service=True,
    )
    save_volunteer(data, coordinator, clock, "135790")
    app = HostApp(lambda: VolunteerListScreen(coordinator, clock))
    async with app.run_test(size=NARROW) as pilot:
        await pilot.pause()
        shown = screen_text(app)
        assert "Enh+barred 01/03/2025 +Update" in shown, shown
        assert "Co-ordinator" in shown and "active" in shown
