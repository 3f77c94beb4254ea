"""Crash consistency: two writer processes, killed with SIGKILL at random, lose nothing.

Two processes check parents in through the real check-in service against one
database file. Each is killed with SIGKILL at a random moment, again and
again, and restarted with the codes it has not had acknowledged. At the end
every acknowledged check-in is in the database exactly once, no check-in is
there twice, and SQLite's and SQLCipher's integrity checks pass.
"""

from __future__ import annotations

import random
import signal
import subprocess
import sys
import threading
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from peewee import fn

from kiosk.services import store
from kiosk.services.cards import tokens as cards
from models import Attendance, Booking, Card, Case, DbConfig, Person, database
from tests.support.crash_worker import AT, KDF_ITER, PASSPHRASE

CASES = 1050  # two parents each: 2,100 check-ins
ROOT = Path(__file__).resolve().parents[2]
# Kill after this long (uniform): from before the first scan to well into the run.
KILL_AFTER = (0.1, 0.7)
SEED = 20261121


@dataclass
class Writer:
    codes: list[str]
    acked: dict[str, int] = field(default_factory=dict)  # code -> times acknowledged
    starts: int = 0
    kills: int = 0
    killed_mid_run: int = 0
    barren: int = 0  # starts in a row that were killed before their first acknowledgement


def _populate(cfg: DbConfig) -> dict[str, int]:
    """CASES families with a booking at 10:00 and a card each; code -> person id."""
    day = AT.replace(hour=0)
    store.create(cfg)
    codes: dict[str, int] = {}
    with database.atomic():
        Case.insert_many(
            [
                {"id": i, "ref": f"CR-{i:04d}", "created_at": day, "last_used_at": day}
                for i in range(1, CASES + 1)
            ]
        ).execute()
        people, bookings, card_rows = [], [], []
        for i in range(1, CASES + 1):
            bookings.append(
                {
                    "id": i,
                    "case": i,
                    "room": "Blue Room",
                    "starts_at": AT,
                    "ends_at": AT + timedelta(hours=2),
                    "service": "supported",
                    "created_at": day - timedelta(days=7),
                }
            )
            for pid, role in ((2 * i - 1, "resident"), (2 * i, "visiting")):
                people.append(
                    {
                        "id": pid,
                        "case": i,
                        "role": role,
                        "first_name": f"P{pid}",
                        "last_name": "X",
                        "created_at": day,
                        "last_used_at": day,
                    }
                )
                code = cards.new_token()
                codes[code] = pid
                card_rows.append(
                    {"person": pid, "token_hash": cards.token_hash(code), "issued_at": day}
                )
        for model, rows in ((Person, people), (Booking, bookings), (Card, card_rows)):
            for n in range(0, len(rows), 500):
                model.insert_many(rows[n : n + 500]).execute()
    store.close()
    return codes


def _run(writer: Writer, db: Path, folder: Path, name: str, rng: random.Random) -> None:
    """Start, kill at a random moment, restart with what is not acknowledged; until done."""
    while len(writer.acked) < len(writer.codes):
        todo = [c for c in writer.codes if c not in writer.acked]
        codes_file = folder / f"{name}-{writer.starts}.txt"
        codes_file.write_text("\n".join(todo))
        writer.starts += 1
        proc = subprocess.Popen(
            [sys.executable, "-m", "tests.support.crash_worker", str(db), str(codes_file)],
            cwd=ROOT,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        # On a loaded machine a worker can take longer than KILL_AFTER just to start; each
        # start that acknowledged nothing doubles the next one's window, so the run always
        # moves on instead of killing every worker before its first check-in.
        window = rng.uniform(*KILL_AFTER) * 2 ** min(writer.barren, 6)
        try:
            out, err = proc.communicate(timeout=window)
        except subprocess.TimeoutExpired:
            proc.send_signal(signal.SIGKILL)
            out, err = proc.communicate()
            writer.kills += 1
        else:
            assert proc.returncode == 0, err[-2000:]
        lines = out.splitlines(keepends=True)
        if writer.kills and proc.returncode == -signal.SIGKILL and lines:
            writer.killed_mid_run += 1
        acked_before = len(writer.acked)
        for line in lines:
            # A line cut short by the kill is no acknowledgement.
            if line.endswith("\n") and line.startswith("ACK "):
                code = line.split()[1]
                writer.acked[code] = writer.acked.get(code, 0) + 1
        writer.barren = 0 if len(writer.acked) > acked_before else writer.barren + 1


@pytest.mark.stress
def test_sigkilled_writers_lose_and_duplicate_nothing(tmp_path: Path) -> None:
    db = tmp_path / "crash.db"
    cfg = DbConfig(db, PASSPHRASE, KDF_ITER)
    codes = _populate(cfg)
    rng = random.Random(SEED)
    ordered = list(codes)
    rng.shuffle(ordered)
    writers = {"a": Writer(ordered[0::2]), "b": Writer(ordered[1::2])}
    threads = [
        threading.Thread(target=_run, args=(w, db, tmp_path, name, random.Random(SEED + ord(name))))
        for name, w in writers.items()
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join()

    store.open_store(cfg)
    try:
        ins = _checkins_per_person()
        integrity = database.execute_sql("PRAGMA integrity_check").fetchall()
        cipher = database.execute_sql("PRAGMA cipher_integrity_check").fetchall()
        outs = Attendance.select().where(Attendance.kind == "out").count()
    finally:
        store.close()

    acked = {code for w in writers.values() for code in w.acked}
    kills = sum(w.kills for w in writers.values())
    starts = sum(w.starts for w in writers.values())
    print(
        f"crash test: {len(acked)} acknowledged check-ins, {starts} starts, {kills} SIGKILLs "
        f"({sum(w.killed_mid_run for w in writers.values())} after the first acknowledgement), "
        f"{sum(n for w in writers.values() for n in w.acked.values()) - len(acked)} "
        f"re-acknowledged after a restart"
    )
    assert len(acked) >= 2000
    assert kills >= 10, "the writers must actually be killed"
    lost = [c for c in acked if ins.get(codes[c], 0) == 0]
    assert lost == [], f"{len(lost)} acknowledged check-ins lost"
    twice = {pid: n for pid, n in ins.items() if n > 1}
    assert twice == {}, f"{len(twice)} people checked in more than once"
    assert sum(ins.values()) == len(acked)
    assert outs == 0
    assert integrity == [("ok",)]
    assert cipher == []


def _checkins_per_person() -> dict[int, int]:
    rows = (
        Attendance.select(Attendance.person, fn.COUNT(Attendance.id))
        .where(Attendance.kind == "in", Attendance.at >= datetime(2026, 11, 21))
        .group_by(Attendance.person)
        .tuples()
    )
    return {int(pid): int(n) for pid, n in rows}
