"""The parent screen through the real KioskApp: scans, bursts, policy, lockdown."""

from __future__ import annotations

import pytest

from kiosk.app import KioskApp
from kiosk.services.cards import tokens as cards
from kiosk.services.store import settings
from models import Attendance, DbConfig, Policy, Role
from screens.parent.idle import IdleScreen
from screens.parent.policy import PolicyOverlay
from screens.widgets.scan_field import MASK, ScanField
from tests.support.builders import DAY, TwoPartyCase, make_booking, make_case, person
from tests.support.pilots import (
    burst,
    kiosk_at,
    parent_screen,
    parent_sees,
    scan,
    screen_text,
    settle,
    widget_text,
)


async def test_idle_screen_shows_centre_clock_and_prompt(two_party_case: TwoPartyCase) -> None:
    app = kiosk_at(9, 41)
    async with parent_screen(app):
        assert isinstance(app.screen, IdleScreen)
        text = parent_sees(app)
        assert "Riverside Child Contact Centre" in text
        assert "Please scan your card" in text
        assert app.screen.query_one("#clock").value == "09:41"  # type: ignore[attr-defined]
        assert isinstance(app.focused, ScanField)


async def test_a_scan_shows_the_persons_first_name_and_where_to_go(
    two_party_case: TwoPartyCase,
) -> None:
    app = kiosk_at(9, 45)
    async with parent_screen(app) as pilot:
        await scan(pilot, two_party_case.visiting)
        text = parent_sees(app)
        assert "Welcome, Victor" in text
        assert "You are checked in at 09:45." in text
        assert "Please go to the Blue Room." in text
        assert Attendance.select().count() == 1
        # The field was cleared and kept its focus for the next scan.
        assert app.screen.query_one(ScanField).value == ""
        assert isinstance(app.focused, ScanField)


async def test_two_scans_back_to_back_are_never_merged(two_party_case: TwoPartyCase) -> None:
    app = kiosk_at(10, 0)
    async with parent_screen(app) as pilot:
        # Both scans in the queue before the app handles a single key.
        await settle(pilot)
        await scan(pilot, two_party_case.visiting + "\n" + two_party_case.resident)
        kinds = sorted((a.person.first_name, a.kind) for a in Attendance.select())
        assert kinds == [("Rosa", "in"), ("Victor", "in")]
        assert "Welcome, Rosa" in widget_text(app)


async def test_a_typed_code_can_be_corrected_with_backspace(two_party_case: TwoPartyCase) -> None:
    app = kiosk_at(9, 45)
    async with parent_screen(app) as pilot:
        field = app.screen.query_one(ScanField)
        burst(app, two_party_case.visiting[:10] + "XY")
        await pilot.press("backspace", "backspace")
        assert field.value == two_party_case.visiting[:10]
        # Shown masked, one mark per character.
        shown = screen_text(app)
        assert MASK * 10 in shown and MASK * 11 not in shown
        assert two_party_case.visiting[:10] not in shown
        await scan(pilot, two_party_case.visiting[10:])
        assert "Welcome, Victor" in widget_text(app)
        assert field.value == ""


async def test_the_same_card_twice_in_a_burst_is_a_duplicate(two_party_case: TwoPartyCase) -> None:
    app = kiosk_at(10, 0)
    async with parent_screen(app) as pilot:
        burst(app, (two_party_case.resident + "\n") * 2)
        await settle(pilot)
        assert Attendance.select().count() == 1
        assert "Your card was already read at 10:00." in widget_text(app)


@pytest.mark.parametrize("garbage", ["hello", "CCK123", "\x1b[31mRED", "x" * 300])
async def test_malformed_scans_get_a_neutral_message(
    two_party_case: TwoPartyCase, garbage: str
) -> None:
    app = kiosk_at(10, 0)
    async with parent_screen(app) as pilot:
        await scan(pilot, garbage)
        assert "Sorry, that card could not be read" in widget_text(app)
        assert Attendance.select().count() == 0
        assert app.screen.query_one(ScanField).value == ""


async def test_names_are_shown_as_written_never_as_markup(db: DbConfig) -> None:
    case = make_case("CASE-2", DAY, resident="[b]Ro[/b]sa", visiting="Vic")
    make_booking(case, DAY.replace(hour=10))
    code = cards.issue_card(person(case, Role.RESIDENT).id, DAY)
    app = kiosk_at(10, 0)
    async with parent_screen(app) as pilot:
        await scan(pilot, code)
        assert "Welcome, [b]Ro[/b]sa" in parent_sees(app)


async def test_the_screen_goes_back_to_idle_after_a_while(two_party_case: TwoPartyCase) -> None:
    settings.put("idle_return_seconds", "0.2")
    app = kiosk_at(9, 45)
    async with parent_screen(app) as pilot:
        await scan(pilot, two_party_case.visiting)
        assert "Welcome, Victor" in widget_text(app)
        await pilot.pause(0.5)
        text = widget_text(app)
        assert "Victor" not in text and "Please scan your card" in text


def panel_colours(app: KioskApp) -> tuple[object, object]:
    """The background behind the headline's text, and at the panel's edge, as drawn."""
    text = app.screen.query_one("#headline").region
    edge = app.screen.query_one("#panel").region
    return (
        app.screen.get_style_at(text.x + text.width // 2, text.y).bgcolor,
        app.screen.get_style_at(edge.x, edge.y).bgcolor,
    )


async def test_the_whole_panel_changes_colour_behind_the_text(two_party_case: TwoPartyCase) -> None:
    settings.put("idle_return_seconds", "0.2")
    app = kiosk_at(9, 45)
    async with parent_screen(app) as pilot:
        behind, edge = idle = panel_colours(app)
        assert behind == edge
        await scan(pilot, two_party_case.visiting)
        behind, edge = panel_colours(app)
        # The answer's colour everywhere, the cells behind the name included.
        assert behind == edge and edge != idle[1]
        await pilot.pause(0.5)
        assert panel_colours(app) == idle


async def test_a_long_answer_is_shown_whole_at_80_by_24(two_party_case: TwoPartyCase) -> None:
    # An answer longer than the four lines the panel keeps makes the panel grow.
    area = (
        "family room at the back of the building: go past the kitchen and the garden "
        "door, up the stairs by the lift, and along the corridor to the end, where "
        "the door with the blue sign opens onto the quiet room"
    )
    settings.put("waiting_area_visiting", area)
    app = kiosk_at(9, 0)
    async with parent_screen(app) as pilot:
        await scan(pilot, two_party_case.visiting)
        shown = " ".join(screen_text(app).split())
        assert "You are early" in shown
        assert f"please wait in the {area} until" in shown
        assert "Press ? to read our confidentiality policy" in shown


async def test_policy_key_shows_the_centres_policy_and_returns(
    two_party_case: TwoPartyCase,
) -> None:
    Policy.create(
        text="Our own words about confidentiality.",
        reviewed_by="Helen Dickinson",
        reviewed_on=DAY.date(),
        set_at=DAY,
    )
    app = kiosk_at(9, 0)
    async with parent_screen(app) as pilot:
        await pilot.press("question_mark")
        await settle(pilot)
        assert isinstance(app.screen, PolicyOverlay)
        assert "Our own words about confidentiality." in parent_sees(app)
        # F-keys and ctrl+q do nothing here either.
        await pilot.press("f1", "ctrl+q", "ctrl+p")
        assert isinstance(app.screen, PolicyOverlay)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, IdleScreen)
        assert isinstance(app.focused, ScanField)
        # A scan right after still works.
        await settle(pilot)
        await scan(pilot, two_party_case.visiting)
        assert "Welcome, Victor" in widget_text(app)


LOCKDOWN_KEYS = [
    "ctrl+q",
    "ctrl+c",
    "ctrl+p",
    "ctrl+z",
    "escape",
    "tab",
    "shift+tab",
    *[f"f{n}" for n in range(1, 13)],
]


async def test_lockdown_keys_leave_the_app_running_on_the_parent_screen(
    two_party_case: TwoPartyCase,
) -> None:
    app = kiosk_at(9, 45)
    async with parent_screen(app) as pilot:
        depth = len(app.screen_stack)
        for key in LOCKDOWN_KEYS:
            await pilot.press(key)
            await settle(pilot)
            assert app.is_running, key
            assert isinstance(app.screen, IdleScreen), key
            assert len(app.screen_stack) == depth, key
            assert isinstance(app.focused, ScanField), key
        await settle(pilot)
        await scan(pilot, two_party_case.visiting)
        assert "Welcome, Victor" in widget_text(app)
    assert app.return_code in (None, 0)


async def test_a_first_party_leaving_during_their_session_is_told_it_still_runs(
    two_party_case: TwoPartyCase,
) -> None:
    # Failed before: "You may leave from 12:15. Please wait in the ..." during the session.
    resident = person(two_party_case.case, Role.RESIDENT)
    app = kiosk_at(9, 45)
    async with parent_screen(app) as pilot:
        await scan(pilot, two_party_case.visiting)
        app.clock.set(DAY.replace(hour=10, minute=50))  # type: ignore[attr-defined]
        await scan(pilot, two_party_case.visiting)
        shown = parent_sees(app)
        assert "Your session is still running, until 12:00." in shown
        assert "You may leave from" not in shown
        # Confidentiality: nothing of the other party.
        for other in (resident.first_name, resident.last_name, resident.phone, resident.address):
            assert not other or other not in shown, other


async def test_a_question_mark_right_after_a_card_read_over_the_policy_opens_it_again(
    two_party_case: TwoPartyCase,
) -> None:
    # Failed before: the card closed the policy and showed the answer, and the "?" read
    # straight after was kept by the closed policy: nothing opened.
    app = kiosk_at(9, 45)
    async with parent_screen(app) as pilot:
        await pilot.press("question_mark")
        await settle(pilot)
        assert isinstance(app.screen, PolicyOverlay)
        burst(app, two_party_case.visiting + "\n?")
        await settle(pilot)
        assert isinstance(app.screen, PolicyOverlay)
        assert Attendance.select().count() == 1
