"""The scan's queries find their rows through indexes, whatever the history holds.

Every statement a scan runs is caught as SQLite starts it and asked for its query
plan. A refused scan looks for the same alert in the last minutes: walking
every alert with no booking (every unknown card ever scanned) grew the scan's
time with the centre's history.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from kiosk.clock import FixedClock
from kiosk.services.attendance import checkin
from models import DbConfig, database

UNKNOWN = "CCK" + "A" * 32


@contextmanager
def statements() -> Iterator[list[str]]:
    """The SQL of every statement run on the connection in the block, values inlined."""
    seen: list[str] = []
    conn = database.connection()
    conn.set_trace_callback(seen.append)
    try:
        yield seen
    finally:
        conn.set_trace_callback(None)


def plans(sql: list[str], table: str) -> list[str]:
    found = []
    for text in sql:
        if text.lstrip().upper().startswith("SELECT") and f'"{table}"' in text:
            rows = database.execute_sql(f"EXPLAIN QUERY PLAN {text}").fetchall()
            found.append(" | ".join(str(r[-1]) for r in rows))
    return found


def test_an_unknown_card_s_look_back_is_bounded_by_time(db: DbConfig, clock: FixedClock) -> None:
    checkin.scan(UNKNOWN, clock)
    clock.advance(minutes=1)
    with statements() as sql:
        checkin.scan(UNKNOWN, clock)
    looked = plans(sql, "alert")
    assert looked, sql
    for plan in looked:
        # "SCAN CONSTANT ROW" is the EXISTS wrapper; a SCAN of a table walks it all.
        assert "SCAN t" not in plan and "SCAN alert" not in plan, plan
        assert "created_at>?" in plan, plan
