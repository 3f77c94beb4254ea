"""The door console through App.run_test(): sign-in, idle lock, every act, masking."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path

from textual.widgets import Checkbox, Input, OptionList, RadioSet, TextArea

from kiosk.app import KioskApp
from kiosk.clock import FixedClock
from kiosk.door_app import DoorApp
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
from screens.door.console import DoorConsole
from screens.door.lock import DoorLockScreen
from screens.door.roll_call import RollCallDialog
from screens.parent.idle import IdleScreen
from screens.parent.staff_signin import StaffSignInScreen
from tests.support.door_helpers import PASSWORD, PIN, coordinator, declare, scan_in, volunteer
from tests.support.door_pilot import SIZE, sign_in, table_text
from tests.support.factories import make_booking, make_case

TEN = datetime(2026, 11, 21, 10, 0)


def _bookings(clock: FixedClock) -> tuple[Booking, Booking]:
    a = make_case("CASE-A", clock.now(), resident="Rosa", visiting="Victor", children=("Mia",))
    b = make_case("CASE-B", clock.now(), resident="Sara", visiting="Tom", children=("Ben",))
    return make_booking(a, TEN), make_booking(b, TEN, room="Green Room")


def _message(app: DoorApp) -> str:
    return str(app.screen.query_one("#signin-message").render())


async def test_volunteer_signs_in_from_the_kiosk_to_the_board(
    db: DbConfig, clock: FixedClock
) -> None:
    _bookings(clock)
    volunteer(clock.now())
    app = KioskApp(clock)
    async with app.run_test(size=SIZE) as pilot:
        await sign_in(pilot, "Priya Shah", PIN)
        assert isinstance(app.screen, DoorConsole)
        text = table_text(pilot)
        assert "CASE-A" in text and "Rosa" in text and "Victor (1st)" in text
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, IdleScreen) and app.staff is None


async def test_lockout_after_five_failures(db: DbConfig, clock: FixedClock) -> None:
    volunteer(clock.now())
    app = DoorApp(clock)
    async with app.run_test(size=SIZE) as pilot:
        await sign_in(pilot, "Priya Shah", "000000")
        for _ in range(4):
            app.screen.query_one("#secret", Input).value = "000000"
            await pilot.press("enter")
            await pilot.pause()
        app.screen.query_one("#secret", Input).value = PIN
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, StaffSignInScreen)
        assert "locked" in _message(app)
        clock.advance(minutes=5, seconds=1)
        app.screen.query_one("#secret", Input).value = PIN
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, DoorConsole)


async def test_no_dbs_record_is_refused_and_told_why(db: DbConfig, clock: FixedClock) -> None:
    volunteer(clock.now(), dbs=False)
    app = DoorApp(clock)
    async with app.run_test(size=SIZE) as pilot:
        await sign_in(pilot, "Priya Shah", PIN)
        assert isinstance(app.screen, StaffSignInScreen)
        assert "No DBS check" in _message(app)


async def test_console_locks_after_two_idle_minutes(db: DbConfig, clock: FixedClock) -> None:
    _bookings(clock)
    volunteer(clock.now())
    app = DoorApp(clock)
    async with app.run_test(size=SIZE) as pilot:
        assert isinstance(app.screen, DoorLockScreen)
        await sign_in(pilot, "Priya Shah", PIN)
        assert isinstance(app.screen, DoorConsole)
        clock.advance(minutes=1, seconds=30)
        await pilot.press("down")  # activity restarts the count
        clock.advance(minutes=1, seconds=59)
        app.check_idle_lock()
        assert isinstance(app.screen, DoorConsole)
        clock.advance(seconds=1)
        app.check_idle_lock()
        await pilot.pause()
        assert isinstance(app.screen, DoorLockScreen)
        assert "Rosa" not in app.export_screenshot()


async def test_manual_check_in_by_name(db: DbConfig, clock: FixedClock) -> None:
    _bookings(clock)
    staff = volunteer(clock.now())
    app = DoorApp(clock)
    async with app.run_test(size=SIZE) as pilot:
        await sign_in(pilot, "Priya Shah", PIN)
        await pilot.press("i")
        await pilot.pause()
        await pilot.press(*"rosa")
        await pilot.pause()
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
    assert (row.method, row.reason, row.recorded_by_id) == ("manual", "card left at home", staff.id)


async def test_acknowledge_an_alert(db: DbConfig, clock: FixedClock) -> None:
    staff = volunteer(clock.now())
    Alert.create(kind="scan_refused", message="unknown card", created_at=clock.now())
    app = DoorApp(clock)
    async with app.run_test(size=SIZE) as pilot:
        await sign_in(pilot, "Priya Shah", PIN)
        assert "unknown card" in table_text(pilot, "#alerts")
        await pilot.press("a")
        await pilot.pause()
        assert "unknown card" not in table_text(pilot, "#alerts")
    assert Alert.get().acknowledged_by_id == staff.id
    assert AuditEntry.get(AuditEntry.action == "alert_acknowledged").actor_id == staff.id


async def test_handover_return_and_end_early(db: DbConfig, clock: FixedClock) -> None:
    ba, _ = _bookings(clock)
    staff = volunteer(clock.now())
    Booking.update(state=BookingState.BOTH_IN.value).where(Booking.id == ba.id).execute()
    app = DoorApp(clock)
    async with app.run_test(size=SIZE) as pilot:
        await sign_in(pilot, "Priya Shah", PIN)
        await pilot.press("h")
        await pilot.pause()
        assert "handed over 09:00" in str(app.screen.query_one("#detail").render())
        await pilot.press("r")
        await pilot.pause()
        await pilot.press("t")
        await pilot.pause()
        await pilot.press("enter")  # no reason: refused, the dialog stays
        await pilot.pause()
        assert "reason" in str(app.screen.query_one("#dialog-message").render())
        assert app.screen.query_one("#how", RadioSet).pressed_index == 0  # curtailed
        app.screen.query_one("#reason", Input).value = "child unwell"
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, DoorConsole)
    kinds = [(e.kind, e.by_id) for e in BookingEvent.select().order_by(BookingEvent.id)]
    assert kinds == [("handed_over", staff.id), ("returned", staff.id), ("curtailed", staff.id)]
    assert Booking.get_by_id(ba.id).outcome_reason == "child unwell"


async def test_no_show_and_cancel(db: DbConfig, clock: FixedClock) -> None:
    ba, bb = _bookings(clock)
    volunteer(clock.now())
    clock.set(TEN + timedelta(minutes=15))  # the start plus the grace: not only late now
    app = DoorApp(clock)
    async with app.run_test(size=SIZE) as pilot:
        await sign_in(pilot, "Priya Shah", PIN)
        await pilot.press("n")
        await pilot.pause()
        await pilot.click("#ok")
        await pilot.pause()
        await pilot.press("down")  # the second booking
        await pilot.press("c")
        await pilot.pause()
        app.screen.query_one("#notice", Checkbox).value = False
        await pilot.click("#ok")
        await pilot.pause()
        assert "cancelled" in table_text(pilot)
    ba, bb = Booking.get_by_id(ba.id), Booking.get_by_id(bb.id)
    assert (ba.state, ba.outcome_party) == ("no_show", "resident")
    assert (bb.state, bb.with_notice) == ("cancelled", "no")


async def test_incident_and_accident(db: DbConfig, clock: FixedClock) -> None:
    ba, _ = _bookings(clock)
    staff = volunteer(clock.now())
    app = DoorApp(clock)
    async with app.run_test(size=SIZE) as pilot:
        await sign_in(pilot, "Priya Shah", PIN)
        await pilot.press("s")
        await pilot.pause()
        app.screen.query_one("#description", TextArea).text = "Mia said she was scared"
        await pilot.click("#ok")
        await pilot.pause()
        await pilot.press("b")
        await pilot.pause()
        app.screen.query_one("#description", Input).value = "Ben bumped his head"
        app.screen.query_one("#action", Input).value = "cold pack, mother told"
        await pilot.click("#ok")
        await pilot.pause()
        assert isinstance(app.screen, DoorConsole)
    incident = Incident.get()
    assert (incident.case_id, incident.recorded_by_id) == (ba.case_id, staff.id)
    assert AccidentEntry.get().recorded_by_name == "Priya Shah"


async def test_roll_call_on_screen_and_to_a_file(
    db: DbConfig, clock: FixedClock, tmp_path: Path
) -> None:
    ba, _ = _bookings(clock)
    volunteer(clock.now())
    scan_in(ba, Role.RESIDENT, clock.now())
    app = DoorApp(clock)
    async with app.run_test(size=SIZE) as pilot:
        await sign_in(pilot, "Priya Shah", PIN)
        await pilot.press("l")
        await pilot.pause()
        assert isinstance(app.screen, RollCallDialog)
        people = table_text(pilot, "#people")
        assert "Rosa" in people and "Mia" in people and "Priya" in people
        assert "Victor" not in people
        app.screen.query_one("#path", Input).value = str(tmp_path / "fire.txt")
        await pilot.click("#ok")
        await pilot.pause()
    text = (tmp_path / "fire.txt").read_text(encoding="utf-8")
    assert "Rosa" in text and "Rosason" not in text and "07700" not in text


async def test_known_case_is_masked_and_cannot_be_acted_on(db: DbConfig, clock: FixedClock) -> None:
    ba, _ = _bookings(clock)
    staff = volunteer(clock.now())
    declare(staff, ba.case, clock.now())
    Booking.update(state=BookingState.BOTH_IN.value).execute()
    app = DoorApp(clock)
    async with app.run_test(size=SIZE) as pilot:
        await sign_in(pilot, "Priya Shah", PIN)
        shown = app.export_screenshot()
        assert "Rosa" not in shown and "Victor" not in shown and "CASE-A" not in shown
        assert "Sara" in shown  # the other family is not masked
        await pilot.press("h")  # the masked booking is first
        await pilot.pause()
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, DoorConsole)
    assert not BookingEvent.select().exists()


async def test_names_are_never_markup(db: DbConfig, clock: FixedClock) -> None:
    make_booking(make_case("CASE-M", clock.now(), resident="[red]Eve[/red]"), TEN)
    volunteer(clock.now())
    app = DoorApp(clock)
    async with app.run_test(size=SIZE) as pilot:
        await sign_in(pilot, "Priya Shah", PIN)
        assert "[red]Eve[/red]" in table_text(pilot)


async def test_resident_emergency_phone_only_while_stepped_out(
    db: DbConfig, clock: FixedClock
) -> None:
    ba, _ = _bookings(clock)
    Person.update(emergency_phone="07700 900123").where(Person.role == "resident").execute()
    volunteer(clock.now())
    clock.set(TEN + timedelta(minutes=30))
    scan_in(ba, Role.RESIDENT, TEN)
    app = DoorApp(clock)
    async with app.run_test(size=SIZE) as pilot:
        await sign_in(pilot, "Priya Shah", PIN)
        assert "07700" not in app.export_screenshot()
        scan_in(ba, Role.RESIDENT, TEN + timedelta(minutes=25), "out")
        app.screen.refresh_board()  # type: ignore[attr-defined]
        await pilot.pause()
        assert "07700 900123" in str(app.screen.query_one("#detail").render())


async def test_off_duty_signs_out(db: DbConfig, clock: FixedClock) -> None:
    volunteer(clock.now())
    app = DoorApp(clock)
    async with app.run_test(size=SIZE) as pilot:
        await sign_in(pilot, "Priya Shah", PIN)
        await pilot.press("o")
        await pilot.pause()
        assert isinstance(app.screen, DoorLockScreen)
    assert AuditEntry.get(AuditEntry.action == "off_duty").actor_id is not None


async def test_coordinator_opens_the_console_from_the_menu(db: DbConfig, clock: FixedClock) -> None:
    _bookings(clock)
    coordinator(clock.now())
    app = KioskApp(clock)
    async with app.run_test(size=SIZE) as pilot:
        await sign_in(pilot, "Cora Ordinator", PASSWORD)
        home = app.screen
        menu = home.query_one("#menu", OptionList)
        menu.highlighted = menu.get_option_index("door-console")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, DoorConsole)
        assert "Rosa" in table_text(pilot)
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is home and app.staff is not None


async def test_hostile_names_show_literally_on_the_board(db: DbConfig, clock: FixedClock) -> None:
    from tests.support.screen_helpers import screen_text

    case = make_case(
        "CASE-H",
        clock.now(),
        resident="[b]Ro[/b]",
        visiting="[@click=app.quit]V",
        children=("[red]Mi[/]",),
    )
    make_booking(case, TEN)
    volunteer(clock.now())
    app = KioskApp(clock)
    async with app.run_test(size=SIZE) as pilot:
        await sign_in(pilot, "Priya Shah", PIN)
        assert isinstance(app.screen, DoorConsole)
        await pilot.pause()
        shown = screen_text(app)
        # Shown as typed, never read as markup (which would drop the brackets or act on them).
        assert "[b]Ro[/b]" in shown
        assert "[@click=app.quit]" in shown
        assert "[red]Mi[/]" in shown
        assert app.is_running


async def test_a_coordinator_without_dbs_is_refused_the_console(
    db: DbConfig, clock: FixedClock
) -> None:
    _bookings(clock)
    coordinator(clock.now(), dbs=False)
    app = KioskApp(clock)
    async with app.run_test(size=SIZE) as pilot:
        await sign_in(pilot, "Cora Ordinator", PASSWORD)
        home = app.screen
        menu = home.query_one("#menu", OptionList)
        menu.highlighted = menu.get_option_index("door-console")
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen is home
        said = " ".join(str(n.message) for n in app._notifications)
        assert "No DBS check is on file for you" in said
