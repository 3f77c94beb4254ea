"""What SQLite does to answer a query: the statements a piece of work runs, and their plans."""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager

from models import database


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


def plans(sql: list[str], table: str, kinds: tuple[str, ...] = ("SELECT",)) -> list[str]:
    """The query plan of each statement of those kinds in sql on `table`, one line each."""
    found = []
    for text in sql:
        if text.lstrip().upper().startswith(kinds) and f'"{table}"' in text:
            rows = database.execute_sql(f"EXPLAIN QUERY PLAN {text}").fetchall()
            found.append(" | ".join(str(r[-1]) for r in rows))
    return found


def full_scans(plan: str) -> list[str]:
    """The tables a plan reads whole ("SCAN CONSTANT ROW" is an EXISTS wrapper, not a table)."""
    return [t for t in re.findall(r"\bSCAN (\w+)", plan) if t != "CONSTANT"]
