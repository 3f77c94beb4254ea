"""A screen's stylesheet styles that screen only, whatever was opened before it.

Textual applies every screen's CSS_PATH sheet to the whole app, so a rule
that is not scoped by its screen's type restyles any widget elsewhere that
happens to share its id or class.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from textual.app import App
from textual.geometry import Region
from textual.pilot import Pilot
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import OptionList, Static

from kiosk.app import KioskApp
from kiosk.clock import FixedClock
from kiosk.services.cards import tokens as cards
from kiosk.services.staff.auth import StaffMember
from kiosk.services.store import settings
from models import DbConfig, Role
from screens.coordinator.home import CoordinatorHome
from screens.door.console import DoorConsole
from screens.parent.idle import IdleScreen
from tests.support.builders import make_booking, make_case, make_coordinator, make_volunteer, person
from tests.support.pilots import burst, click, screen_text, settle, sign_in

DAY = datetime(2026, 11, 21)
SIZE = (80, 24)
# A centre's own waiting-area text, long enough that the early-arrival answer
# needs five lines at 80 columns: one more than the answer box keeps room for.
AREA = (
    "family room at the back of the building: go past the kitchen and the garden door, "
    "up the stairs by the lift, and along the corridor to the end, where the door "
    "with the blue sign opens onto the quiet room"
)


def _visiting_card(ref: str, room: str) -> str:
    """A visiting parent due at 10:00: a scan at 09:00 is early."""
    case = make_case(ref, DAY)
    make_booking(case, DAY.replace(hour=10), room=room)
    return cards.issue_card(person(case, Role.VISITING).id, DAY)


async def _answer(app: App[None], pilot: Pilot[None], card: str) -> tuple[Region, str]:
    """Scan the card on the parent screen; the answer box's region and the screen's text."""
    assert isinstance(app.screen, IdleScreen)
    burst(app, card + "\n")
    await settle(pilot)
    return app.screen.query_one("#detail", Static).region, screen_text(app)


async def test_parent_answer_keeps_its_lines_after_the_door_console_was_open(
    db: DbConfig,
) -> None:
    settings.put("waiting_area_visiting", AREA)
    priya = make_volunteer(DAY)
    # Two families with the same first names: the same answer, word for word.
    first, second = _visiting_card("CASE-1", "Blue Room"), _visiting_card("CASE-2", "Green Room")
    fresh = KioskApp(FixedClock(DAY.replace(hour=9)))
    async with fresh.run_test(size=SIZE) as pilot:
        await settle(pilot)
        expected, expected_text = await _answer(fresh, pilot, first)
    # Five lines at 80 columns, and the panel's padding below them.
    assert expected.height == 6, "the answer should need five lines at 80 columns"

    app = KioskApp(FixedClock(DAY.replace(hour=9)))
    async with app.run_test(size=SIZE) as pilot:
        await sign_in(pilot, priya)
        assert isinstance(app.screen, DoorConsole)
        await pilot.press("escape")  # the console locks: back to the parent screen
        await settle(pilot)
        region, text = await _answer(app, pilot, second)
    assert region == expected
    assert text == expected_text


# Each co-ordinator screen (and a door dialog), reached from the home menu: the
# menu entry, then buttons (#id) to press or keys to type on the way.
VISITS: dict[str, tuple[str, ...]] = {
    "cases": ("cases",),
    "case file": ("cases", "#new"),
    "booking": ("booking",),
    "volunteers": ("volunteers",),
    "volunteer form": ("volunteers", "#new"),
    "door console": ("door-console",),
    "person search": ("door-console", "i"),
    "export": ("export",),
    "safeguarding": ("safeguarding",),
    "subject access": ("subject-access",),
    "audit log": ("audit",),
    "policy": ("policy",),
    "purge": ("purge",),
    "close the kiosk?": ("close-kiosk",),
}
Look = list[tuple[str, Region, str]]


def _look(screen: Screen[Any]) -> Look:
    """Where every widget of the screen is, and every style the sheets gave it."""
    # By type, in order: the policy's Markdown gives its headings ids made anew each time.
    return [
        (type(node).__name__, node.region, node.styles.base.css)
        for node in screen.walk_children(with_self=True)
        if isinstance(node, Widget)
    ]


async def _visit(pilot: Pilot[None], steps: tuple[str, ...]) -> Look:
    entry, *more = steps
    menu = pilot.app.screen.query_one("#menu", OptionList)
    menu.highlighted = menu.get_option_index(entry)
    await pilot.press("enter")
    for step in more:
        if step.startswith("#"):
            await click(pilot, step)
        else:
            await pilot.press(step)
    await settle(pilot)
    look = _look(pilot.app.screen)
    while not isinstance(pilot.app.screen, CoordinatorHome):
        pilot.app.pop_screen()
    await settle(pilot)
    return look


async def _tour(order: list[str], coordinator: StaffMember) -> dict[str, Look]:
    """Each screen's look on its first showing, in this order, in one kiosk."""
    app = KioskApp(FixedClock(DAY.replace(hour=9)))
    async with app.run_test(size=(100, 30)) as pilot:
        await sign_in(pilot, coordinator)
        return {name: await _visit(pilot, VISITS[name]) for name in order}


async def test_each_coordinator_screen_looks_the_same_whichever_were_open_before(
    db: DbConfig,
) -> None:
    coordinator = make_coordinator(DAY)
    # Forwards, a screen comes after the sheets of those above it in VISITS;
    # backwards, after those below it: a rule reaching it from any other shows.
    forwards = await _tour(list(VISITS), coordinator)
    backwards = await _tour(list(reversed(VISITS)), coordinator)
    changed = [name for name in VISITS if forwards[name] != backwards[name]]
    assert not changed, f"these looked different in the two orders: {changed}"
