"""What the door console's timers ask before they read: has anything been written since?"""

from __future__ import annotations

from datetime import timedelta

from kiosk.clock import FixedClock
from kiosk.services.door.countdown import fresh_until
from kiosk.services.store import changes, settings
from kiosk.services.store.faults import reset_connection
from models import DbConfig
from tests.support.fault_helpers import other_connection


def test_nothing_written_leaves_the_mark_as_it_was(db: DbConfig) -> None:
    before = changes.mark()
    settings.get("centre_name")  # a read is not a change
    assert changes.mark() == before


def test_another_programs_commit_moves_the_mark(db: DbConfig) -> None:
    before = changes.mark()
    other = other_connection(db)
    try:
        other.execute(
            "INSERT OR REPLACE INTO setting (key, value) VALUES ('centre_name', 'Elsewhere')"
        )
    finally:
        other.close()
    after = changes.mark()
    assert after != before
    assert after.data_version != before.data_version
    assert changes.mark() == after


def test_this_programs_own_write_moves_the_mark(db: DbConfig) -> None:
    before = changes.mark()
    settings.put("centre_name", "Here")
    after = changes.mark()
    assert after.own_changes > before.own_changes
    assert after != before


def test_a_replaced_connection_is_never_taken_for_the_old_one(db: DbConfig) -> None:
    settings.put("centre_name", "Here")
    before = changes.mark()
    # After a fault the connection is replaced; its counts start again from zero.
    reset_connection()
    assert changes.mark() != before


def test_the_board_is_fresh_until_the_next_minute(clock: FixedClock) -> None:
    now = clock.now().replace(minute=7, second=25)
    assert fresh_until([], now) == now.replace(minute=8, second=0)


def test_a_hold_counted_from_a_check_out_moves_between_minutes(clock: FixedClock) -> None:
    now = clock.now().replace(minute=7, second=25)
    # The hold ends at 09:20:40: "hold 13m" becomes "hold 12m" at 09:07:40.
    ends = now.replace(minute=20, second=40)
    assert fresh_until([ends], now) == now + timedelta(seconds=15)
    # A hold already over changes nothing.
    assert fresh_until([now - timedelta(minutes=1)], now) == now.replace(minute=8, second=0)


def test_connections_replaced_one_after_another_never_share_a_mark(db: DbConfig) -> None:
    # A connection replaced before it wrote anything starts at the same data_version and
    # count as the one before it, and Python may give it the old one's id: the mark must
    # still tell them apart, or another program's commit between them goes unseen.
    marks = []
    for _ in range(20):
        marks.append(changes.mark())
        reset_connection()
    assert len(set(marks)) == len(marks)
