"""Snapshots of the co-ordinator's home, a case file (as opened, with an error, and asking
before unsaved changes are lost), the booking form and subject access.

Each in the real KioskApp after the co-ordinator (the builders' Alex Morgan)
has signed in, at 100x30 (the error and the prompt at 80x24) with the clock
frozen on the test day at 09:00. The
case is the builders' sample file (Rosa Quill and Victor Stone, RCC-2026-001).

Update after a deliberate change with
`pytest tests/screens/test_coordinator_snapshots.py --snapshot-update` and look
at the SVGs under tests/screens/__snapshots__ before committing them.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from pathlib import Path
from typing import Any

from textual.pilot import Pilot
from textual.screen import Screen
from textual.widgets import Input, RadioButton

from kiosk.app import KioskApp
from kiosk.clock import FixedClock
from kiosk.services.cases import case_file as cases
from kiosk.services.staff.auth import StaffMember
from screens.coordinator.booking_form import BookingFormScreen
from screens.coordinator.case_file import CaseFileScreen
from screens.coordinator.subject_access import SubjectAccessScreen
from tests.support.builders import make_case, sample_file
from tests.support.pilots import HostApp, click, fill, settle, signed_in_then
from tests.support.release_data import family_case

SIZE = (100, 30)
Compare = Callable[..., bool]


def test_coordinator_home(
    coordinator: StaffMember, clock: FixedClock, snap_compare: Compare
) -> None:
    # A case last used over three years ago: the home reminds the co-ordinator.
    make_case("RCC-2023-007", clock.now() - timedelta(days=3 * 365 + 5))
    app = KioskApp(clock)
    assert snap_compare(app, terminal_size=SIZE, run_before=signed_in_then(coordinator))


def test_case_file(coordinator: StaffMember, clock: FixedClock, snap_compare: Compare) -> None:
    saved = cases.save_case(sample_file(), coordinator, clock)
    app = KioskApp(clock)

    def case_file() -> Screen[Any]:
        return CaseFileScreen(coordinator, clock, saved.id)

    assert snap_compare(app, terminal_size=SIZE, run_before=signed_in_then(coordinator, case_file))


def test_case_file_with_an_error(
    coordinator: StaffMember, clock: FixedClock, snap_compare: Compare
) -> None:
    # A date that is not one: the message names the field, which is marked and focused.
    saved = cases.save_case(sample_file(), coordinator, clock)
    app = KioskApp(clock)

    async def refused(pilot: Pilot[Any]) -> None:
        await signed_in_then(coordinator, lambda: CaseFileScreen(coordinator, clock, saved.id))(
            pilot
        )
        fill(pilot.app.screen, {"p2-pre_visit_on": "31/02/2026"})
        await click(pilot, "#save")
        await settle(pilot)
        # The bad field takes the focus as the error shows: its cursor would be caught
        # mid-blink, so it is held steady for the picture.
        focused = pilot.app.focused
        assert isinstance(focused, Input) and focused.id == "p2-pre_visit_on"
        focused.cursor_blink = False
        await settle(pilot)

    assert snap_compare(app, terminal_size=(80, 24), run_before=refused)


def test_unsaved_changes_prompt(
    coordinator: StaffMember, clock: FixedClock, snap_compare: Compare
) -> None:
    saved = cases.save_case(sample_file(), coordinator, clock)
    app = KioskApp(clock)

    async def leaving(pilot: Pilot[Any]) -> None:
        await signed_in_then(coordinator, lambda: CaseFileScreen(coordinator, clock, saved.id))(
            pilot
        )
        fill(pilot.app.screen, {"children": "Mia, Theo, Ada"})
        await pilot.press("escape")
        await settle(pilot)

    assert snap_compare(app, terminal_size=(80, 24), run_before=leaving)


def test_booking_form(coordinator: StaffMember, clock: FixedClock, snap_compare: Compare) -> None:
    cases.save_case(sample_file(), coordinator, clock)
    app = KioskApp(clock)

    def booking_form() -> Screen[Any]:
        return BookingFormScreen(coordinator, clock, sample_file().ref)

    assert snap_compare(
        app, terminal_size=SIZE, run_before=signed_in_then(coordinator, booking_form)
    )


def test_subject_access_preview(
    coordinator: StaffMember, clock: FixedClock, snap_compare: Compare
) -> None:
    # The smallest screen the product supports, with every redaction shown before the files.
    family_case("C-1", clock.now())
    app = HostApp(lambda: SubjectAccessScreen(coordinator, clock, Path("subject-access")))

    async def previewed(pilot: Pilot[Any]) -> None:
        await settle(pilot)
        fill(pilot.app.screen, {"case": "C-1", "added": "Card left"})
        pilot.app.screen.query_one("#role-resident", RadioButton).value = True
        await click(pilot, "#preview")
        await settle(pilot)

    assert snap_compare(app, terminal_size=(80, 24), run_before=previewed)
