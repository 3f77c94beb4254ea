"""The one ten-year database for benchmarks: hundreds of cases, fortnightly sessions.

    from bench.tenyear import build
    stats = build(Path("/tmp/ten.db"), now=datetime(2026, 11, 21, 9, 0))

Case 0 (ref TEN-0000) runs the whole ten years, so any period fits inside it;
the others start and stop at random, as families come and go. Every
benchmark builds on this: export (a case's three years), purge (with
`extras=True`: volunteers, consents, cards, alerts, declarations,
disclosures, incidents and the accident book, everything retention touches),
start-up and memory (with the production KDF, `kdf_iter=None`).
"""

from __future__ import annotations

import contextlib
import random
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, time, timedelta
from pathlib import Path

from kiosk.services import store
from models import (
    Attendance,
    Booking,
    BookingState,
    Case,
    Child,
    DbConfig,
    Person,
    Referral,
    Role,
    Service,
    database,
)
from models.base import BaseModel

PASSPHRASE = "bench"
# Benchmarks time the work, not the key derivation; production keeps SQLCipher's default.
KDF_ITER = 1000
STARTS = [time(9, 30), time(10, 0), time(11, 0), time(12, 30), time(14, 0), time(15, 30)]
CHUNK = 500
# Organisation and the kind of referrer the statistics count it as.
REFERRERS = [
    ("Northshire Family Court Service", "court"),
    ("Northshire Children's Services", "local_authority"),
    ("Self-referral", "self"),
]


@dataclass(frozen=True)
class BuildStats:
    path: Path
    cases: int
    people: int
    bookings: int
    attendance: int
    seconds: float


def db_config(path: Path, kdf_iter: int | None = KDF_ITER) -> DbConfig:
    """kdf_iter None is SQLCipher's production default (256,000 iterations)."""
    return DbConfig(path, PASSPHRASE, kdf_iter)


def case_ref(i: int) -> str:
    return f"TEN-{i:04d}"


def _insert(model: type[BaseModel], rows: Sequence[Mapping[str, object]]) -> None:
    for start in range(0, len(rows), CHUNK):
        model.insert_many(rows[start : start + CHUNK]).execute()


def _cases(
    n: int, rng: random.Random, now: datetime, years: int, longest_years: int
) -> list[tuple[datetime, datetime]]:
    """Each case's active span; case 0 spans everything."""
    first = now - timedelta(days=365 * years)
    spans = [(first, now)]
    for _ in range(1, n):
        begin = first + timedelta(days=rng.randrange(0, 365 * years - 60))
        length = timedelta(days=rng.randrange(180, 365 * longest_years))
        spans.append((begin, min(begin + length, now)))
    return spans


def _families(spans: list[tuple[datetime, datetime]], rng: random.Random) -> None:
    cases, people, children, referrals = [], [], [], []
    for i, (begin, end) in enumerate(spans):
        cases.append({"id": i + 1, "ref": case_ref(i), "created_at": begin, "last_used_at": end})
        for offset, role in ((1, Role.RESIDENT), (2, Role.VISITING)):
            people.append(
                {
                    "id": 2 * i + offset,
                    "case": i + 1,
                    "role": role.value,
                    "first_name": f"P{i}{role.value[0]}",
                    "last_name": f"L{i}",
                    "phone": f"07700 9{i:05d}",
                    "email": f"p{i}@example.test",
                    "address": f"{i} Bench Street",
                    "postcode": "ZZ1 1ZZ",
                    "created_at": begin,
                    "last_used_at": end,
                }
            )
        children.append({"case": i + 1, "first_name": f"C{i}"})
        organisation, kind = rng.choice(REFERRERS)
        referrals.append({"case": i + 1, "organisation": organisation, "kind": kind})
    _insert(Case, cases)
    _insert(Person, people)
    _insert(Child, children)
    _insert(Referral, referrals)


def _bookings(spans: list[tuple[datetime, datetime]], rng: random.Random) -> None:
    rows: list[dict[str, object]] = []
    for i, (begin, end) in enumerate(spans):
        day = begin.date() + timedelta(days=rng.randrange(0, 14))
        start_time = rng.choice(STARTS)
        while day < end.date():
            starts = datetime.combine(day, start_time)
            roll = rng.random()
            state, party, notice = BookingState.CLOSED.value, "", ""
            if roll < 0.05:
                state, party = BookingState.NO_SHOW.value, Role.VISITING.value
            elif roll < 0.10:
                state, party, notice = BookingState.CANCELLED.value, Role.RESIDENT.value, "yes"
            rows.append(
                {
                    "case": i + 1,
                    "room": "Blue Room",
                    "starts_at": starts,
                    "ends_at": starts + timedelta(hours=2),
                    "service": Service.SUPPORTED.value,
                    "state": state,
                    "outcome_party": party,
                    "with_notice": notice,
                    "created_at": starts - timedelta(days=14),
                }
            )
            day += timedelta(days=14)
    _insert(Booking, rows)


def _attendance(rng: random.Random) -> None:
    # Person ids were set in _families: case n has resident 2n-1 and visiting 2n.
    bookings: Iterable[tuple[int, int, datetime, datetime]] = (
        Booking.select(Booking.id, Booking.case, Booking.starts_at, Booking.ends_at)
        .where(Booking.state == BookingState.CLOSED.value)
        .tuples()  # type: ignore[assignment]
    )
    rows: list[dict[str, object]] = []
    for booking_id, case_id, starts, ends in bookings:
        resident, visiting = 2 * case_id - 1, 2 * case_id
        jitter = timedelta(minutes=rng.randrange(0, 6))
        for person, kind, at in (
            (visiting, "in", starts - timedelta(minutes=15) - jitter),
            (resident, "in", starts + jitter),
            (resident, "out", ends + jitter),
            (visiting, "out", ends + timedelta(minutes=15) + jitter),
        ):
            rows.append(
                {"booking": booking_id, "person": person, "kind": kind, "at": at, "method": "scan"}
            )
    _insert(Attendance, rows)


def build(
    path: Path,
    *,
    now: datetime,
    cases: int = 360,
    years: int = 10,
    seed: int = 10,
    longest_years: int = 8,
    kdf_iter: int | None = KDF_ITER,
    extras: bool = False,
) -> BuildStats:
    """(Re)create a ten-year database at path and leave it open.

    longest_years bounds how long a family stays; extras adds every other
    record retention destroys or keeps (bench/tenyear_extras.py).
    """
    started = datetime.now()
    store.close()
    for old in [path, *store.sidecar_files(path)]:
        with contextlib.suppress(FileNotFoundError):
            old.unlink()
    store.create(db_config(path, kdf_iter))
    rng = random.Random(seed)
    spans = _cases(cases, rng, now, years, longest_years)
    with database.atomic():
        _families(spans, rng)
        _bookings(spans, rng)
        _attendance(rng)
        if extras:
            from bench.tenyear_extras import add_extras

            add_extras(spans, rng, now, years)
    # No ANALYZE: the product never runs it, and with the statistics present
    # (the bundled SQLCipher is built with STAT4) every statement is planned
    # again whenever a bound value changes, which doubled a scan's time.
    database.execute_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    return BuildStats(
        path=path,
        cases=Case.select().count(),
        people=Person.select().count(),
        bookings=Booking.select().count(),
        attendance=Attendance.select().count(),
        seconds=(datetime.now() - started).total_seconds(),
    )
