"""The room register: contact rooms and waiting areas, kept apart; retired, never lost."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest

from kiosk.cli import main
from kiosk.clock import FixedClock
from kiosk.services.centre import rooms
from kiosk.services.centre.rooms import RoomError
from kiosk.services.staff.auth import StaffMember
from models import AuditEntry, DbConfig, Room
from tests.support.builders import make_booking, make_case
from tests.support.files import write


def test_add_a_room_and_refuse_a_second_of_the_same_name(
    coordinator: StaffMember, clock: FixedClock
) -> None:
    added = rooms.add_room("  Yellow   Room ", "contact", clock.now(), coordinator)
    assert (added.name, added.label) == ("Yellow Room", "contact room")
    with pytest.raises(RoomError, match="already a contact room called Yellow Room"):
        rooms.add_room("yellow room", "waiting", clock.now(), coordinator)
    with pytest.raises(RoomError, match="needs a name"):
        rooms.add_room("  ", "contact", clock.now(), coordinator)
    with pytest.raises(RoomError, match="control characters"):
        rooms.add_room("Red\x1b[2J", "contact", clock.now(), coordinator)
    assert AuditEntry.get(AuditEntry.action == "room_added").target == f"room:{added.id}"


def test_a_room_in_future_use_is_retired_not_removed(
    coordinator: StaffMember, clock: FixedClock
) -> None:
    case = make_case("A", clock.now())
    make_booking(case, clock.now() + timedelta(days=7), room="Green Room")
    with pytest.raises(RoomError, match="1 future session"):
        rooms.remove_room("green room", clock.now(), coordinator)
    assert rooms.retire_room("Green Room", clock.now(), coordinator) == 1
    assert rooms.contact_room("Green Room") == ("", "Green Room was retired on 2026-11-21")
    # Bringing it back: the same name added again.
    assert rooms.add_room("Green Room", "contact", clock.now()).retired_on is None
    assert rooms.contact_room("green room") == ("Green Room", "")


def test_a_room_used_only_in_the_past_may_be_removed(db: DbConfig, clock: FixedClock) -> None:
    make_booking(make_case("A", clock.now()), clock.now() - timedelta(days=7), room="Playroom")
    rooms.remove_room("Playroom", clock.now())
    assert not Room.select().where(Room.name == "Playroom").exists()


def test_a_waiting_area_in_the_settings_cannot_go(db: DbConfig, clock: FixedClock) -> None:
    with pytest.raises(RoomError, match="where resident parents wait"):
        rooms.retire_room("Garden Room", clock.now())
    with pytest.raises(RoomError, match="where visiting parents wait"):
        rooms.remove_room("Front Lounge", clock.now())


def _kiosk(db: DbConfig, tmp_path: Path, *args: str) -> int:
    pw = write(tmp_path / "pass", db.passphrase)
    return main([*args[:2], "--db", str(db.path), "--passphrase-file", str(pw), *args[2:]])


def test_kiosk_rooms(db: DbConfig, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    Room.delete().where(Room.name == "Playroom").execute()
    assert _kiosk(db, tmp_path, "rooms", "add", "Quiet Room", "--waiting") == 0
    assert "Quiet Room is a waiting area" in capsys.readouterr().out
    assert _kiosk(db, tmp_path, "rooms", "list") == 0
    listed = capsys.readouterr().out.splitlines()
    assert listed[0] == "Blue Room\tcontact room\tin use\t0 future sessions"
    assert "Quiet Room\twaiting area\tin use\t0 future sessions" in listed
    assert _kiosk(db, tmp_path, "rooms", "retire", "Blue Room") == 0
    assert "Retired Blue Room" in capsys.readouterr().out
    # Errors: one line, exit 2.
    assert _kiosk(db, tmp_path, "rooms", "retire", "Nowhere") == 2
    err = capsys.readouterr().err
    assert err == "kiosk: no room called 'Nowhere'\n"
    with pytest.raises(SystemExit) as bad:
        _kiosk(db, tmp_path, "rooms", "paint", "Blue Room")
    assert bad.value.code == 2
    assert len(capsys.readouterr().err.strip().splitlines()) == 1


def test_kiosk_rooms_alone_lists_them(
    db: DbConfig, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    pw = write(tmp_path / "pass", db.passphrase)
    assert main(["rooms", "--db", str(db.path), "--passphrase-file", str(pw)]) == 0
    assert "Front Lounge\twaiting area" in capsys.readouterr().out


@pytest.mark.parametrize(
    "look_alike",
    ["BLUE ROOM\u200d", "\uff22\uff4c\uff55\uff45 Room", "Blue Room\u0301", "Blue\u00a0Room"],
)
def test_a_room_that_reads_the_same_is_the_same_room(
    db: DbConfig, clock: FixedClock, look_alike: str
) -> None:
    # Each was registered beside the Blue Room and read the same in every list.
    with pytest.raises(rooms.RoomError, match="already a contact room called Blue Room"):
        rooms.add_room(look_alike, "contact", clock.now())
