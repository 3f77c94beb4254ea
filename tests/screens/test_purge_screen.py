"""The purge screen, pushed by a small host App, driven as the co-ordinator would."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from typing import Any

from textual.pilot import Pilot
from textual.widgets import ProgressBar

from kiosk.clock import FixedClock
from kiosk.services.staff.auth import StaffMember
from models import AuditEntry, Case
from screens.coordinator.purge import PurgeScreen
from tests.support.builders import make_case
from tests.support.pilots import HostApp, text_of

SIZE = (100, 40)


def _host(actor: StaffMember, clock: FixedClock) -> HostApp:
    return HostApp(lambda: PurgeScreen(actor, clock))


async def test_shows_what_is_due_then_destroys_it_after_confirmation(
    coordinator: StaffMember, clock: FixedClock
) -> None:
    now = clock.now()
    for n in range(30):
        make_case(f"OLD-{n:02d}", now - timedelta(days=4 * 365), resident="[b]Odette[/b]")
    make_case("RECENT", now - timedelta(days=3))
    app = _host(coordinator, clock)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, PurgeScreen)
        assert "OLD-00" in text_of(app.screen, "#refs") and "RECENT" not in text_of(
            app.screen, "#refs"
        )
        assert "30" in text_of(app.screen, "#counts")

        await pilot.click("#destroy")
        await pilot.pause()
        assert app.screen.query_one("#confirm").display
        await pilot.click("#confirm-no")
        await pilot.pause()
        assert Case.select().count() == 31

        await pilot.click("#destroy")
        await pilot.pause()
        await pilot.click("#confirm-yes")
        await app.workers.wait_for_complete()
        await pilot.pause()
        result = text_of(app.screen, "#result")
        assert "Destroyed" in result and "30 cases" in result
        assert "Another program" not in result  # the WAL was emptied
        bar = app.screen.query_one("#progress", ProgressBar)
        assert bar.percentage == 1.0
    assert [c.ref for c in Case.select()] == ["RECENT"]
    entry = AuditEntry.get(AuditEntry.action == "purge")
    assert entry.actor_label == f"volunteer:{coordinator.id}" and "OLD-" not in entry.detail


async def test_nothing_due_offers_nothing_to_destroy(
    coordinator: StaffMember, clock: FixedClock
) -> None:
    make_case("RECENT", clock.now())
    app = _host(coordinator, clock)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert "Nothing is due." in text_of(app.screen, "#counts")
        assert not app.screen.query_one("#destroy").display


async def test_a_volunteer_cannot_purge(volunteer: StaffMember, clock: FixedClock) -> None:
    make_case("OLD", clock.now() - timedelta(days=4 * 365))
    app = _host(volunteer, clock)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert "Only the co-ordinator" in text_of(app.screen, "#summary")
        assert not app.screen.query_one("#destroy").display
        assert "OLD" not in text_of(app.screen, "#refs")
    assert Case.select().count() == 1


async def test_at_80x24_the_due_list_is_whole_and_the_question_can_be_answered(
    coordinator: StaffMember, clock: FixedClock
) -> None:
    # The screen that destroys records shows all of what it will destroy, and its question's
    # buttons, on the smallest terminal the product supports.
    now = clock.now()
    for n in range(150):
        make_case(f"OLD-{n:03d}", now - timedelta(days=4 * 365))
    app = _host(coordinator, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, PurgeScreen)
        details = screen.query_one("#details").region
        assert details.right <= 80, details
        await pilot.click("#destroy")
        await pilot.pause()
        for button in ("#confirm-yes", "#confirm-no"):
            shown = screen.query_one(button).region
            assert shown.height and screen.region.contains_region(shown), (button, shown)


def test_purge_asking_at_80x24(
    coordinator: StaffMember, clock: FixedClock, snap_compare: Callable[..., bool]
) -> None:
    # The question names what it destroys, and is in view with its buttons.
    now = clock.now()
    for n in range(12):
        make_case(f"OLD-{n:03d}", now - timedelta(days=4 * 365))

    async def ask(pilot: Pilot[Any]) -> None:
        await pilot.pause()
        await pilot.click("#destroy")
        await pilot.pause()

    assert snap_compare(_host(coordinator, clock), terminal_size=(80, 24), run_before=ask)
