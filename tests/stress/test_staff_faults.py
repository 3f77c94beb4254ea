"""Every staff path under every database fault: the fault matrix.

Each staff action (tests/support/staff_actions.py, door_actions.py,
release_actions.py and safeguarding_actions.py: sign-in, the door board's timers,
every act at the door and its roll call, the co-ordinator's forms, cards,
releases, purge, incident follow-up, the accident book's export) is tried
through the real App while the database is locked past the busy timeout,
read-only, or full, and while another program writes between its reads and its
writes. Under the first three: the program keeps running, the screen says why
in one line, no row and no file is left half-written, and the next try after
the fault clears is on record. Under the fourth the act takes the write lock
first, so the other program waits and the act is on record at the first try.
Backup has no screen: its service is held to the same rule.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager
from datetime import datetime
from pathlib import Path

import pytest

from kiosk.clock import FixedClock
from kiosk.services.cases import importer
from kiosk.services.release import policy
from kiosk.services.retention import backup
from kiosk.services.staff.auth import StaffMember
from kiosk.services.store.faults import StoreFault
from models import ALL_MODELS, AuditEntry, DbConfig, Role, Setting
from tests.support.builders import make_booking, make_case, person
from tests.support.cli import opened
from tests.support.diary_actions import DIARY_ACTIONS
from tests.support.door_actions import DOOR_ACTIONS
from tests.support.fault_helpers import (
    digest,
    full_disk,
    lock_held,
    read_only_file,
    writer_between,
)
from tests.support.pilots import ADMIN_SIZE, until
from tests.support.release_actions import Disclose, Export, Purge, SubjectAccess
from tests.support.safeguarding_actions import SAFEGUARDING_ACTIONS
from tests.support.staff_actions import RECORD_ACTIONS, Ctx, StaffAction

FAULTS = ["locked", "read-only", "full", "writer"]
# A backup is made all the same under these (kiosk/services/retention/backup.py).
DISK_FAULTS = ("read-only", "full")
# The words of each fault's one line (kiosk/services/store/faults.py STAFF_CAUSES).
SAYS = {"locked": "The database is busy", "read-only": "read-only", "full": "disk is full"}
# Every table but the settings, where the other program of the "writer" fault writes.
TABLES = tuple(m for m in ALL_MODELS if m is not Setting)

ACTIONS = [
    *RECORD_ACTIONS,
    *DOOR_ACTIONS,
    Export,
    SubjectAccess,
    Disclose,
    Purge,
    *SAFEGUARDING_ACTIONS,
    *DIARY_ACTIONS,
]


@pytest.fixture
def fault_of(db: DbConfig) -> Iterator[Callable[[str], AbstractContextManager[object]]]:
    old = make_case("FILL-1", datetime(2024, 1, 6), resident="Olive", visiting="Oscar")
    booking = make_booking(old, datetime(2024, 1, 6, 10))

    def make(kind: str) -> AbstractContextManager[object]:
        if kind == "locked":
            return lock_held(db)
        if kind == "read-only":
            return read_only_file(db)
        if kind == "full":
            return full_disk(booking, person(old, Role.RESIDENT), datetime(2024, 1, 6, 10))
        return writer_between(db)

    yield make


@pytest.mark.parametrize("kind", FAULTS)
@pytest.mark.parametrize("action_type", ACTIONS, ids=lambda a: a.name)
async def test_a_staff_action_under_a_database_fault(
    action_type: type[StaffAction],
    kind: str,
    coordinator: StaffMember,
    clock: FixedClock,
    tmp_path: Path,
    fault_of: Callable[[str], AbstractContextManager[object]],
) -> None:
    action = action_type()
    ctx = Ctx(coordinator, clock, tmp_path / "out")
    ctx.folder.mkdir()
    action.setup(ctx)
    app = action.app(ctx)
    async with app.run_test(size=ADMIN_SIZE) as pilot:
        await action.ready(pilot, ctx)
        with fault_of(kind) as writer:
            if kind == "writer":
                await action.attempt(pilot, ctx)
                assert app.is_running
                # The act held the write lock: the other program waited, or wrote first.
                assert writer in (["waited"], ["committed"], []), writer
                assert action.done(ctx, app), action.line(app)
                return
            before = digest(TABLES)
            await action.attempt(pilot, ctx)
            assert app.is_running, "the program stopped on a database fault"
            line = action.line(app)
            assert SAYS[kind] in line and "\n" not in line, line
            assert "sqlite" not in line.lower() and "Traceback" not in line
            assert not action.done(ctx, app)
            assert digest(TABLES) == before, "a refused act left rows behind"
            assert action.nothing_left(ctx), "a refused act left a file behind"
        await action.attempt(pilot, ctx)
        await until(pilot, lambda: action.done(ctx, app))
        assert app.is_running


@pytest.mark.parametrize("kind", FAULTS)
def test_backup_under_a_database_fault(
    kind: str,
    db: DbConfig,
    clock: FixedClock,
    tmp_path: Path,
    fault_of: Callable[[str], AbstractContextManager[object]],
) -> None:
    """Held locks are waited out or refused; a disk that refuses writes (read-only, full)
    gets its copy all the same, recorded in the copy's own audit log (docs/SECURITY.md)."""
    target = tmp_path / "backup.db"
    with fault_of(kind):
        before = digest(TABLES)
        if kind == "locked":
            with pytest.raises(StoreFault) as refused:
                backup.backup(db, target, clock.now())
            assert SAYS[kind] in str(refused.value)
            assert digest(TABLES) == before
            assert list(tmp_path.glob("*backup*")) == [], "a refused backup left a file"
        else:
            done = backup.backup(db, target, clock.now())
            # The live database is as it was: its disk would not take the audit entry.
            assert digest(TABLES) == before or kind not in DISK_FAULTS
    if kind in DISK_FAULTS:
        assert SAYS[kind] in done.not_recorded and "\n" not in done.not_recorded
        assert AuditEntry.select().where(AuditEntry.action == "backup").count() == 0
        with opened(DbConfig(target, db.passphrase, db.kdf_iter)):
            assert f"live={kind}" in AuditEntry.get(AuditEntry.action == "backup").detail
        return
    if kind == "locked":
        backup.backup(db, target, clock.now())
    assert target.exists()
    assert AuditEntry.select().where(AuditEntry.action == "backup").count() == 1


def _import_one_booking(folder: Path, clock: FixedClock) -> None:
    make_case("IMP-1", clock.now())
    rows = (
        "case_ref,date,start,end,room,service\nIMP-1,2026-11-28,10:00,12:00,Blue Room,supported\n"
    )
    (folder / "bookings.csv").write_text(rows, encoding="utf-8")


# The writes only `kiosk` makes (no screen): each under a lock held past the busy timeout.
COMMAND_WRITES: dict[str, Callable[[Path, FixedClock], object]] = {
    "policy": lambda folder, clock: policy.set_policy(
        "# Policy", "The trustees", clock.now().date(), clock.now()
    ),
    "import-bookings": lambda folder, clock: importer.import_bookings(
        folder / "bookings.csv", clock.now()
    ),
}


@pytest.mark.parametrize("command", COMMAND_WRITES)
def test_a_command_s_write_under_a_held_lock_is_one_line_and_then_done(
    command: str, db: DbConfig, clock: FixedClock, tmp_path: Path
) -> None:
    _import_one_booking(tmp_path, clock)
    write = COMMAND_WRITES[command]
    with lock_held(db):
        before = digest(TABLES)
        with pytest.raises(StoreFault) as refused:
            write(tmp_path, clock)
        assert SAYS["locked"] in str(refused.value)
        assert digest(TABLES) == before
    write(tmp_path, clock)
    assert AuditEntry.select().where(AuditEntry.at == clock.now()).count() == 1
