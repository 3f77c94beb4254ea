"""Co-ordinator administration at the size of a large centre: 1,000 cases (or as many
as the first argument says: `python -m bench.admin 4000`).

Prints how long the case list, search, opening a case file, saving one and
checking a booking against a year of other sessions take. Figures only; no
test asserts on time.
"""

from __future__ import annotations

import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date, datetime, timedelta
from pathlib import Path

from kiosk.clock import FixedClock
from kiosk.services import store
from kiosk.services.cases import bookings
from kiosk.services.cases import case_file as cases
from kiosk.services.cases import search as case_search
from kiosk.services.cases.bookings import BookingRequest, NewBooking, Repeat
from kiosk.services.demo.data import FIRST_NAMES, LAST_NAMES, ROOMS
from kiosk.services.staff import auth
from kiosk.services.staff.auth import StaffMember
from models import (
    Booking,
    Case,
    Child,
    DbConfig,
    Person,
    Referral,
    Role,
    Service,
    StaffRole,
    database,
)

CASES = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
RUNS = 200
NOW = datetime(2026, 11, 21, 9, 0)
STARTS = [9, 11, 13, 15]


def _build(rng: random.Random) -> None:
    with database.atomic():
        for i in range(CASES):
            case = Case.create(
                ref=f"RCC-{i:04d}", created_at=NOW, last_used_at=NOW - timedelta(hours=i)
            )
            for role in (Role.RESIDENT, Role.VISITING, Role.ADULT):
                Person.create(
                    case=case,
                    role=role.value,
                    first_name=rng.choice(FIRST_NAMES),
                    last_name=rng.choice(LAST_NAMES),
                    postcode=f"ZZ{rng.randrange(1, 99)} {rng.randrange(1, 10)}AA",
                    pre_visit_on=date(2026, 1, 1),
                    created_at=NOW,
                    last_used_at=NOW,
                )
            Child.create(case=case, first_name="Mia")
            Referral.create(case=case, organisation="Cafcass")
        # A year of fortnightly sessions for 60 active cases, spread over rooms and times.
        for n in range(60):
            start = datetime(2026, 1, 3 + n % 7, STARTS[n % 4])
            for week in range(0, 52, 2):
                s = start + timedelta(weeks=week)
                Booking.create(
                    case=n + 1,
                    room=ROOMS[(n // 4) % len(ROOMS)],
                    starts_at=s,
                    ends_at=s + timedelta(hours=2),
                    service=Service.SUPPORTED.value,
                    created_at=NOW,
                )


def _time(label: str, fn: Callable[[], object], runs: int = RUNS) -> None:
    samples = []
    for _ in range(runs):
        t0 = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - t0) * 1000)
    samples.sort()
    p99 = samples[min(len(samples) - 1, int(len(samples) * 0.99))]
    print(f"{label:<44} median {statistics.median(samples):7.2f} ms   p99 {p99:7.2f} ms")


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        store.create(DbConfig(Path(tmp) / "bench.db", "bench", 1000))
        try:
            rng = random.Random(5)
            t0 = time.perf_counter()
            _build(rng)
            print(
                f"built {CASES} cases and {Booking.select().count()} bookings "
                f"in {time.perf_counter() - t0:.1f} s"
            )
            clock = FixedClock(NOW)
            row = auth.create_staff("Bench", StaffRole.COORDINATOR, "bench-password", NOW)
            actor = StaffMember(row.id, row.name, StaffRole.COORDINATOR)
            _time("case list, first page", lambda: case_search.search_cases(actor))
            _time("case list, page 40", lambda: case_search.search_cases(actor, "", 40))
            _time("search by name prefix", lambda: case_search.search_cases(actor, "Mar"))
            _time("search by two terms", lambda: case_search.search_cases(actor, "Nadia Ok"))
            _time("search by reference", lambda: case_search.search_cases(actor, "RCC-05"))
            _time("search by postcode", lambda: case_search.search_cases(actor, "ZZ42"))
            _time("search by part of a reference", lambda: case_search.search_cases(actor, "0500"))
            _time(
                "search by a postcode's second word", lambda: case_search.search_cases(actor, "7AA")
            )
            middle = CASES // 2
            _time(
                "open a case file (with audit entry)", lambda: cases.open_case(middle, actor, clock)
            )
            file = cases.load_case(middle)
            _time("save a case file", lambda: cases.save_case(file, actor, clock), runs=50)
            request = BookingRequest(
                NewBooking(
                    "RCC-0900",
                    datetime(2026, 3, 7, 10, 0),
                    datetime(2026, 3, 7, 12, 0),
                    "Blue Room",
                    Service.SUPPORTED.value,
                ),
                Repeat.FORTNIGHTLY,
                date(2026, 12, 31),
            )
            _time(
                "check a fortnightly series (22 sessions)",
                lambda: bookings.check_request(request, clock.now()),
                runs=50,
            )
        finally:
            store.close()


if __name__ == "__main__":
    main()
