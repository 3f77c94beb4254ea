"""The purge screen, pushed by a small host App, driven as the co-ordinator would."""

from __future__ import annotations

from datetime import timedelta

from textual.app import App
from textual.widgets import ProgressBar, Static

from kiosk.clock import FixedClock
from kiosk.services.staff.auth import StaffMember
from models import AuditEntry, Case, DbConfig, StaffRole, Volunteer
from screens.coordinator.purge import PurgeScreen
from tests.support.factories import make_case


class Host(App[None]):
    def __init__(self, actor: StaffMember, clock: FixedClock) -> None:
        super().__init__()
        self.actor = actor
        self.clock = clock

    def on_mount(self) -> None:
        self.push_screen(PurgeScreen(self.actor, self.clock))


def _coordinator(clock: FixedClock) -> StaffMember:
    row = Volunteer.create(name="Cora Ordinator", role="coordinator", created_at=clock.now())
    return StaffMember(row.id, row.name, StaffRole.COORDINATOR)


def _text(app: App[None], selector: str) -> str:
    return str(app.screen.query_one(selector, Static).render())


async def test_shows_what_is_due_then_destroys_it_after_confirmation(
    db: DbConfig, clock: FixedClock
) -> None:
    now = clock.now()
    for n in range(30):
        make_case(f"OLD-{n:02d}", now - timedelta(days=4 * 365), resident="[b]Odette[/b]")
    make_case("RECENT", now - timedelta(days=3))
    actor = _coordinator(clock)
    app = Host(actor, clock)
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, PurgeScreen)
        assert "OLD-00" in _text(app, "#refs") and "RECENT" not in _text(app, "#refs")
        assert "30" in _text(app, "#counts")

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
        result = _text(app, "#result")
        assert "Destroyed" in result and "30 cases" in result
        assert "Another program" not in result  # the WAL was emptied
        bar = app.screen.query_one("#progress", ProgressBar)
        assert bar.percentage == 1.0
    assert [c.ref for c in Case.select()] == ["RECENT"]
    entry = AuditEntry.get(AuditEntry.action == "purge")
    assert entry.actor_label == f"volunteer:{actor.id}" and "OLD-" not in entry.detail


async def test_nothing_due_offers_nothing_to_destroy(db: DbConfig, clock: FixedClock) -> None:
    make_case("RECENT", clock.now())
    app = Host(_coordinator(clock), clock)
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        assert "Nothing is due." in _text(app, "#counts")
        assert not app.screen.query_one("#destroy").display


async def test_a_volunteer_cannot_purge(db: DbConfig, clock: FixedClock) -> None:
    make_case("OLD", clock.now() - timedelta(days=4 * 365))
    volunteer = StaffMember(99, "Val Unteer", StaffRole.VOLUNTEER)
    app = Host(volunteer, clock)
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        assert "Only the co-ordinator" in _text(app, "#summary")
        assert not app.screen.query_one("#destroy").display
        assert "OLD" not in _text(app, "#refs")
    assert Case.select().count() == 1
