"""Whether the database has changed since a screen last read it, without reading it again.

A screen that shows live data (the door console's board) would otherwise
re-read everything on a timer. `PRAGMA data_version` changes when another
connection (the kiosk at the entrance, a second console) commits; the
connection's own `total_changes` counts this program's writes. Both are
answered from memory, in microseconds, so a timer may ask every second and do
the real work only when the answer moves.
"""

from __future__ import annotations

from dataclasses import dataclass

from kiosk.services.store.faults import reads
from models import database


@dataclass(frozen=True)
class Mark:
    """The database as one connection last saw it: equal marks, nothing committed between."""

    # Which connection, counted: a replaced one (after a fault) starts again from the same
    # data_version and no changes, and may even be given the old one's id() by Python.
    connection: int
    data_version: int
    own_changes: int


class _Connections:
    """Numbers each new connection; holding the last one keeps `is` reliable."""

    def __init__(self) -> None:
        self.last: object | None = None
        self.count = 0

    def number(self, conn: object) -> int:
        if conn is not self.last:
            self.last, self.count = conn, self.count + 1
        return self.count


_CONNECTIONS = _Connections()


@reads
def mark() -> Mark:
    conn = database.connection()
    (version,) = conn.execute("PRAGMA data_version").fetchone()
    return Mark(_CONNECTIONS.number(conn), int(version), int(conn.total_changes))


def others() -> tuple[int, int]:
    """Which connection, and its data_version: equal while no other program has committed.

    For a caller inside its own transaction, whose faults it answers itself (the scan).
    """
    conn = database.connection()
    (version,) = database.execute_sql("PRAGMA data_version").fetchone()
    return _CONNECTIONS.number(conn), int(version)
