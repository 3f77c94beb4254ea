"""The ten-year database on a busy day: 40 sessions today, a volunteer on duty, cards issued.

    from bench.busy_day import build_busy_day
    day = build_busy_day(Path("/tmp/busy.db"), scale=1)

The door console's benchmarks (bench/door_board.py, bench/idle.py) and the
growth table (bench/growth.py) read it. Today's sessions run from 09:00 to
18:00 in four rooms; those already begun have both parents in, those ended
have them out again, so the board shows every state and countdown. Built with
the production key derivation (the cost of opening is part of what is measured).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from bench.tenyear import BuildStats, build
from kiosk.services import store
from kiosk.services.cards import tokens as cards
from kiosk.services.store import settings
from models import Attendance, Booking, BookingState, Card, database
from tests.support.builders import PIN, VOLUNTEER_NAME, make_volunteer

SESSIONS = 40
CASES = 400
ROOMS = ("Blue Room", "Green Room", "Garden Room", "Red Room")


@dataclass(frozen=True)
class BusyDay:
    path: Path
    stats: BuildStats
    sessions: int
    volunteer: str
    pin: str
    # Cards of parents due today, in the order their sessions start.
    codes: list[str]


def today() -> datetime:
    return datetime.now().replace(hour=0, minute=0, second=0, microsecond=0)


def build_busy_day(
    path: Path, *, scale: float = 1, now: datetime | None = None, kdf_iter: int | None = None
) -> BusyDay:
    """(Re)build at path and leave it open; scale multiplies the ten-year database's cases."""
    now = now or datetime.now()
    day = now.replace(hour=0, minute=0, second=0, microsecond=0)
    stats = build(path, now=day, cases=int(CASES * scale), kdf_iter=kdf_iter, extras=True)
    codes: list[str] = []
    with database.atomic():
        settings.put("centre_name", "Benchmark Child Contact Centre")
        make_volunteer(now)
        for n in range(SESSIONS):
            codes += _session(n, day, now)
    store.close()
    return BusyDay(path, stats, SESSIONS, VOLUNTEER_NAME, PIN, codes)


def _session(n: int, day: datetime, now: datetime) -> list[str]:
    # The newest cases (the last ones built) are the families still coming.
    case_id = int(Booking.select(Booking.case).order_by(Booking.case.desc()).scalar()) - n
    starts = day.replace(hour=9) + timedelta(minutes=45 * (n // len(ROOMS)))
    ends = starts + timedelta(hours=2)
    state = BookingState.BOOKED.value
    if starts <= now:
        state = BookingState.IN_CONTACT.value if now < ends else BookingState.CLOSED.value
    booking = Booking.create(
        case=case_id,
        room=ROOMS[n % len(ROOMS)],
        starts_at=starts,
        ends_at=ends,
        service="supported",
        state=state,
        created_at=day - timedelta(days=14),
    )
    codes = []
    for pid in (2 * case_id, 2 * case_id - 1):
        code = cards.new_token()
        Card.create(person=pid, token_hash=cards.token_hash(code), issued_at=day)
        codes.append(code)
        if starts <= now:
            Attendance.create(booking=booking, person=pid, kind="in", at=starts, method="scan")
        if ends <= now:
            Attendance.create(booking=booking, person=pid, kind="out", at=ends, method="scan")
    return codes
