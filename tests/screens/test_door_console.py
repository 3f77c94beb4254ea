"""The door console through App.run_test(): sign-in, idle lock, every act, masking."""

from __future__ import annotations

import re
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from textual.widgets import Checkbox, Input, OptionList, RadioSet, TextArea

from kiosk.app import KioskApp
from kiosk.clock import FixedClock
from kiosk.door_app import DoorApp
from kiosk.services.staff.auth import StaffMember
from models import (
    AccidentEntry,
    Alert,
    Attendance,
    AuditEntry,
    Booking,
    BookingEvent,
    BookingState,
    DbConfig,
    Incident,
    Person,
    Role,
)
from screens.coordinator.home import CoordinatorHome
from screens.door.console import DoorConsole
from screens.door.lock import DoorLockScreen
from screens.door.roll_call import RollCallDialog
from screens.parent.idle import IdleScreen
from screens.parent.staff_signin import StaffSignInScreen
from tests.support import builders
from tests.support.builders import (
    declare,
    door_day,
    make_booking,
    make_case,
    make_coordinator,
    make_volunteer,
    scan_in,
)
from tests.support.pilots import (
    DOOR_SIZE,
    choose,
    console_key,
    dialog_typing,
    fill,
    idles_out,
    screen_text,
    sign_in,
    signed_in,
    table_text,
)

TEN = datetime(2026, 11, 21, 10, 0)


def _message(app: DoorApp) -> str:
    return str(app.screen.query_one("#signin-message").render())


async def test_volunteer_signs_in_from_the_kiosk_to_the_board(
    volunteer: StaffMember, clock: FixedClock
) -> None:
    door_day(clock.now())
    app = KioskApp(clock)
    async with signed_in(app, volunteer) as pilot:
        assert isinstance(app.screen, DoorConsole)
        text = table_text(pilot)
        assert "CASE-A" in text and "Rosa" in text and "Victor (1st)" in text
        # The console's last message names a parent: locking takes it away with the
        # console, so it never stays over the parent screen.
        app.screen.notify("Rosa checked in at 09:40.", markup=False)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, IdleScreen) and app.staff is None
        assert not list(app._notifications)
        assert "Rosa" not in app.export_screenshot()


async def test_lockout_after_five_failures(volunteer: StaffMember, clock: FixedClock) -> None:
    app = DoorApp(clock)
    async with app.run_test(size=DOOR_SIZE) as pilot:
        await sign_in(pilot, volunteer, "000000")
        for _ in range(4):
            app.screen.query_one("#secret", Input).value = "000000"
            await pilot.press("enter")
            await pilot.pause()
        app.screen.query_one("#secret", Input).value = builders.PIN
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, StaffSignInScreen)
        assert "locked" in _message(app)
        clock.advance(minutes=5, seconds=1)
        app.screen.query_one("#secret", Input).value = builders.PIN
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, DoorConsole)


async def test_no_dbs_record_is_refused_and_told_why(db: DbConfig, clock: FixedClock) -> None:
    volunteer = make_volunteer(clock.now(), dbs=False)
    app = DoorApp(clock)
    async with signed_in(app, volunteer):
        assert isinstance(app.screen, StaffSignInScreen)
        assert "No DBS check" in _message(app)


async def test_console_locks_after_two_idle_minutes(
    volunteer: StaffMember, clock: FixedClock
) -> None:
    door_day(clock.now())
    app = DoorApp(clock)
    async with app.run_test(size=DOOR_SIZE) as pilot:
        assert isinstance(app.screen, DoorLockScreen)
        await sign_in(pilot, volunteer)
        assert isinstance(app.screen, DoorConsole)
        clock.advance(minutes=1, seconds=30)
        await pilot.press("down")  # activity restarts the count
        await idles_out(pilot, clock, DoorConsole, DoorLockScreen)
        assert "Rosa" not in app.export_screenshot()


async def test_manual_check_in_by_name(volunteer: StaffMember, clock: FixedClock) -> None:
    door_day(clock.now())
    app = DoorApp(clock)
    async with signed_in(app, volunteer) as pilot:
        await console_key(pilot, "i")
        await dialog_typing(pilot, "rosa")
        hits = app.screen.query_one("#hits", OptionList)
        assert hits.option_count == 1
        reason = app.screen.query_one("#reason", Input)
        reason.value = "card left at home"
        reason.focus()
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, DoorConsole)
        assert "in 09:00" in table_text(pilot)
    row = Attendance.get()
    assert (row.method, row.reason, row.recorded_by_id) == (
        "manual",
        "card left at home",
        volunteer.id,
    )


async def test_acknowledge_an_alert(volunteer: StaffMember, clock: FixedClock) -> None:
    Alert.create(kind="scan_refused", message="unknown card", created_at=clock.now())
    app = DoorApp(clock)
    async with signed_in(app, volunteer) as pilot:
        assert "unknown card" in table_text(pilot, "#alerts")
        await console_key(pilot, "a")
        assert "unknown card" not in table_text(pilot, "#alerts")
    assert Alert.get().acknowledged_by_id == volunteer.id
    assert AuditEntry.get(AuditEntry.action == "alert_acknowledged").actor_id == volunteer.id


async def test_handover_return_and_end_early(volunteer: StaffMember, clock: FixedClock) -> None:
    ba, _ = door_day(clock.now())
    Booking.update(state=BookingState.BOTH_IN.value).where(Booking.id == ba.id).execute()
    app = DoorApp(clock)
    async with signed_in(app, volunteer) as pilot:
        for key in "hr":  # each asks first
            await console_key(pilot, key)
            await pilot.click("#ok")
            await pilot.pause()
        assert "handed over 09:00" in str(app.screen.query_one("#detail").render())
        await console_key(pilot, "t")
        await pilot.press("enter")  # no reason: refused, the dialog stays
        await pilot.pause()
        assert "reason" in str(app.screen.query_one("#dialog-message").render())
        assert app.screen.query_one("#how", RadioSet).pressed_index == 0  # curtailed
        app.screen.query_one("#reason", Input).value = "child unwell"
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, DoorConsole)
    kinds = [(e.kind, e.by_id) for e in BookingEvent.select().order_by(BookingEvent.id)]
    assert kinds == [
        ("handed_over", volunteer.id),
        ("returned", volunteer.id),
        ("curtailed", volunteer.id),
    ]
    assert Booking.get_by_id(ba.id).outcome_reason == "child unwell"


async def test_no_show_and_cancel(volunteer: StaffMember, clock: FixedClock) -> None:
    ba, bb = door_day(clock.now())
    clock.set(TEN + timedelta(minutes=15))  # the start plus the grace: not only late now
    app = DoorApp(clock)
    async with signed_in(app, volunteer) as pilot:
        await console_key(pilot, "n")
        await pilot.click("#ok")
        await pilot.pause()
        await pilot.press("down")  # the second booking
        await console_key(pilot, "c")
        app.screen.query_one("#notice", Checkbox).value = False
        await pilot.click("#ok")
        await pilot.pause()
        assert "cancelled" in table_text(pilot)
    ba, bb = Booking.get_by_id(ba.id), Booking.get_by_id(bb.id)
    assert (ba.state, ba.outcome_party) == ("no_show", "resident")
    assert (bb.state, bb.with_notice) == ("cancelled", "no")


async def test_incident_and_accident(volunteer: StaffMember, clock: FixedClock) -> None:
    ba, _ = door_day(clock.now())
    app = DoorApp(clock)
    async with signed_in(app, volunteer) as pilot:
        await console_key(pilot, "s")
        app.screen.query_one("#description", TextArea).text = "Mia said she was scared"
        await pilot.click("#ok")
        await pilot.pause()
        await console_key(pilot, "b")
        fill(
            app.screen,
            {
                "person": "Ben",
                "when": "08:40",
                "place": "the playroom",
                "description": "bumped his head on the table",
                "injury": "bump on the forehead",
                "action": "cold pack, mother told",
            },
        )
        await pilot.click("#ok")
        await pilot.pause()
        assert isinstance(app.screen, DoorConsole)
    incident = Incident.get()
    assert (incident.case_id, incident.recorded_by_id) == (ba.case_id, volunteer.id)
    entry = AccidentEntry.get()
    assert (entry.recorded_by_name, entry.person_hurt, entry.place) == (
        "Priya Shah",
        "Ben",
        "the playroom",
    )
    assert (entry.at, entry.injury) == (
        clock.now().replace(hour=8, minute=40),
        "bump on the forehead",
    )


async def test_roll_call_on_screen_and_to_a_file(
    volunteer: StaffMember, clock: FixedClock, tmp_path: Path
) -> None:
    ba, _ = door_day(clock.now())
    scan_in(ba, Role.RESIDENT, clock.now())
    app = DoorApp(clock)
    async with signed_in(app, volunteer) as pilot:
        await console_key(pilot, "l")
        assert isinstance(app.screen, RollCallDialog)
        people = table_text(pilot, "#people")
        assert "Rosa" in people and "Mia" in people and "Priya" in people
        assert "Victor" not in people
        app.screen.query_one("#path", Input).value = str(tmp_path / "fire.txt")
        await pilot.click("#ok")
        await pilot.pause()
    text = (tmp_path / "fire.txt").read_text(encoding="utf-8")
    assert "Rosa" in text and "Rosason" not in text and "07700" not in text


async def test_known_case_is_masked_and_cannot_be_acted_on(
    volunteer: StaffMember, clock: FixedClock
) -> None:
    ba, _ = door_day(clock.now())
    declare(volunteer, ba.case, clock.now())
    Booking.update(state=BookingState.BOTH_IN.value).execute()
    app = DoorApp(clock)
    async with signed_in(app, volunteer) as pilot:
        shown = app.export_screenshot()
        assert "Rosa" not in shown and "Victor" not in shown and "CASE-A" not in shown
        assert "Sara" in shown  # the other family is not masked
        await console_key(pilot, "h")  # the masked booking is first
        await console_key(pilot, "n")
        assert isinstance(app.screen, DoorConsole)
    assert not BookingEvent.select().exists()


async def test_names_are_never_markup(volunteer: StaffMember, clock: FixedClock) -> None:
    make_booking(make_case("CASE-M", clock.now(), resident="[red]Eve[/red]"), TEN)
    app = DoorApp(clock)
    async with signed_in(app, volunteer) as pilot:
        assert "[red]Eve[/red]" in table_text(pilot)


async def test_resident_emergency_phone_only_while_stepped_out(
    volunteer: StaffMember, clock: FixedClock
) -> None:
    ba, _ = door_day(clock.now())
    Person.update(emergency_phone="07700 900123").where(Person.role == "resident").execute()
    clock.set(TEN + timedelta(minutes=30))
    scan_in(ba, Role.RESIDENT, TEN)
    app = DoorApp(clock)
    async with signed_in(app, volunteer) as pilot:
        assert "07700" not in app.export_screenshot()
        scan_in(ba, Role.RESIDENT, TEN + timedelta(minutes=25), "out")
        app.screen.refresh_board()  # type: ignore[attr-defined]
        await pilot.pause()
        assert "07700 900123" in str(app.screen.query_one("#detail").render())


async def test_off_duty_signs_out(volunteer: StaffMember, clock: FixedClock) -> None:
    app = DoorApp(clock)
    async with signed_in(app, volunteer) as pilot:
        await console_key(pilot, "o")
        await pilot.click("#ok")  # it asks first
        await pilot.pause()
        assert isinstance(app.screen, DoorLockScreen)
    assert AuditEntry.get(AuditEntry.action == "off_duty").actor_id is not None


async def test_coordinator_opens_the_console_from_the_menu(
    coordinator: StaffMember, clock: FixedClock
) -> None:
    door_day(clock.now())
    app = KioskApp(clock)
    async with signed_in(app, coordinator) as pilot:
        home = app.screen
        await choose(pilot, "door-console")
        assert isinstance(app.screen, DoorConsole)
        assert "Rosa" in table_text(pilot)
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is home and app.staff is not None


async def test_hostile_names_show_literally_on_the_board(
    volunteer: StaffMember, clock: FixedClock
) -> None:
    case = make_case(
        "CASE-H",
        clock.now(),
        resident="[b]Ro[/b]",
        visiting="[@click=app.quit]V",
        children=("[red]Mi[/]",),
    )
    make_booking(case, TEN)
    app = KioskApp(clock)
    async with signed_in(app, volunteer) as pilot:
        assert isinstance(app.screen, DoorConsole)
        await pilot.pause()
        shown = screen_text(app)
        # Shown as typed, never read as markup (which would drop the brackets or act on them).
        assert "[b]Ro[/b]" in shown
        assert "[@click=app.quit]" in shown
        assert "[red]Mi[/]" in shown
        assert app.is_running


# Behaviour a tester found wrong: each test pins the corrected behaviour. -------


async def test_enter_in_the_path_box_writes_the_roll_call(
    volunteer: StaffMember, clock: FixedClock, tmp_path: Path
) -> None:
    app = DoorApp(clock)
    async with signed_in(app, volunteer) as pilot:
        await console_key(pilot, "l")
        box = app.screen.query_one("#path", Input)
        box.value = str(tmp_path / "fire.txt")
        box.focus()
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, DoorConsole)
    assert "Priya" in (tmp_path / "fire.txt").read_text(encoding="utf-8")


async def _press_on_board(clock: FixedClock, staff: StaffMember, key: str) -> tuple[bool, str]:
    """Press key on the board: did a dialog open, and what did the board say."""
    app = DoorApp(clock)
    async with signed_in(app, staff) as pilot:
        await console_key(pilot, key)
        said = " ".join(str(n.message) for n in app._notifications)
        return not isinstance(app.screen, DoorConsole), said


@pytest.mark.parametrize(
    ("key", "reason"),
    [
        ("c", "Only a session nobody has arrived for can be cancelled."),
        ("n", "A no-show can be recorded from 10:15"),
        ("t", "Only a session under way can be curtailed or terminated."),
    ],
)
async def test_a_refused_act_opens_no_dialog(
    volunteer: StaffMember, clock: FixedClock, key: str, reason: str
) -> None:
    b = make_booking(make_case("CASE-C", clock.now()), TEN)
    clock.set(TEN + timedelta(minutes=5))
    if key == "c":
        scan_in(b, Role.VISITING, TEN - timedelta(minutes=15))
        Booking.update(state=BookingState.FIRST_IN.value).where(Booking.id == b.id).execute()
    opened, said = await _press_on_board(clock, volunteer, key)
    assert not opened
    assert reason in said


async def test_a_long_alert_is_readable_at_100_columns(
    volunteer: StaffMember, clock: FixedClock
) -> None:
    b = make_booking(make_case("CASE-L", clock.now()), TEN)
    message = (
        "visiting adult of case RCC-2026-001 (first party) is leaving: "
        "hold them at the door until 10:43"
    )
    Alert.create(case=b.case, booking=b, kind="keep_apart", message=message, created_at=TEN)
    clock.set(TEN + timedelta(minutes=28))
    app = DoorApp(clock)
    async with signed_in(app, volunteer) as pilot:
        await pilot.pause()
        shown = screen_text(app)
    assert DOOR_SIZE[0] == 100
    assert "until 10:43" in re.sub(r"\s+", " ", shown)


async def test_a_coordinator_without_dbs_is_refused_the_console(
    db: DbConfig, clock: FixedClock
) -> None:
    door_day(clock.now())
    cora = make_coordinator(clock.now(), dbs=False)
    app = KioskApp(clock)
    async with signed_in(app, cora) as pilot:
        await pilot.press("escape")  # asked for the DBS check at sign-in: later
        await pilot.pause()
        home = app.screen
        assert isinstance(home, CoordinatorHome)
        await choose(pilot, "door-console")
        assert app.screen is home
        said = " ".join(str(n.message) for n in app._notifications)
        assert "No DBS check is on file for you" in said
