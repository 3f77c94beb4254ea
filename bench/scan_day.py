"""The scan benchmark's day (bench/scan.py): the ten-year database as years of running leave it.

The shared ten-year database (bench/tenyear.py) with everything retention
keeps, cached in bench/.cache/ with the production KDF; each run's copy gets
every earlier card of today's parents revoked, 90 days of refused scans with
no case, today's sessions, and each pass's scans in order: one in ten turned
back (an unknown card, a parent early for a later session, a card read again
within the minute), one in twenty after the kiosk stood idle.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from bench.tenyear import build, db_config
from kiosk.services import store
from kiosk.services.attendance.alerts import AlertKind
from kiosk.services.cards import tokens as cards
from kiosk.services.scan.rules import speak_to_volunteer
from kiosk.services.store import settings
from models import Alert, Attendance, Booking, Card, Case, Person, database

CACHE = Path(__file__).parent / ".cache" / "scan-10y-v4.db"
CASES = 400
# The newest cases are still running: they have a session today.
LIVE_FROM = 270
YEARS = 10
TODAY = datetime.now().replace(hour=0, minute=0, second=0, microsecond=0)


# -- the 10-year database -----------------------------------------------------


def build_cache(path: Path) -> None:
    """The shared ten-year database (bench/tenyear.py), with the production KDF."""
    path.parent.mkdir(parents=True, exist_ok=True)
    build(path, now=TODAY, cases=CASES, years=YEARS, kdf_iter=None, extras=True)
    settings.put("centre_name", "Benchmark Child Contact Centre")
    store.close()


@dataclass(frozen=True)
class Scan:
    code: str
    # What the kiosk shows for it: the parent's own first name, or the neutral answer.
    expect: str
    kind: str  # "scan", "unknown", "early", "duplicate"
    idle_before: bool = False


def _book(case_id: int, hour: int) -> None:
    start = TODAY.replace(hour=hour)
    Booking.create(
        case=case_id,
        room="Blue Room",
        starts_at=start,
        ends_at=start + timedelta(hours=2),
        service="supported",
        created_at=start - timedelta(days=14),
    )


def _card(pid: int) -> tuple[str, str]:
    # Years of cards before this one, every one revoked (lost, replaced).
    Card.update(revoked_at=TODAY - timedelta(days=30)).where(Card.person == pid).execute()
    code = cards.new_token()
    Card.create(person=pid, token_hash=cards.token_hash(code), issued_at=TODAY)
    return code, Person.get_by_id(pid).first_name


def _refused_history() -> None:
    """90 days of refused scans with no case, ten a day: as many as retention keeps."""
    rows = [
        {
            "kind": AlertKind.SCAN_REFUSED.value,
            "message": "unknown card",
            "created_at": TODAY - timedelta(days=d, minutes=7 * n),
            "acknowledged_at": TODAY - timedelta(days=d),
        }
        for d in range(1, 91)
        for n in range(10)
    ]
    for start in range(0, len(rows), 500):
        Alert.insert_many(rows[start : start + 500]).execute()


def plan(scans: int) -> list[str]:
    """Each slot's kind: one in ten turned back (unknown, early, duplicate in turn).

    A card read again just after a check-out is not a repeat when the family has a
    later session that day (it checks in early for that one), so the repeats are
    of check-ins, in the first half; the second half has an unknown card instead.
    """
    kinds = ("unknown", "early", "duplicate")
    slots = [kinds[(n // 10) % 3] if n % 10 == 9 else "scan" for n in range(scans)]
    return [k if k != "duplicate" or n < scans // 2 else "unknown" for n, k in enumerate(slots)]


def prepare_run(workdir: Path, scans: int) -> tuple[dict[str, list[Scan]], dict[str, int]]:
    """Copy the cache, add the history, book today's sessions, issue cards; each pass's scans."""
    path = workdir / "bench.db"
    shutil.copyfile(CACHE, path)
    store.open_store(db_config(path, None))
    slots = plan(scans)
    half = scans // 2
    check_ins = slots[:half].count("scan")
    live = list(range(LIVE_FROM, CASES))[: -(-check_ins // 2)]
    early_cases = list(range(LIVE_FROM - 1, 0, -1))
    passes: dict[str, list[Scan]] = {}
    with database.atomic():
        _refused_history()
        holders: list[tuple[str, str]] = []
        for i in live:
            # Morning for the burst pass, afternoon for the Enter pass.
            _book(i + 1, 10)
            _book(i + 1, 14)
            holders += [_card(2 * i + 2), _card(2 * i + 1)]
        # Early: due after the clock's latest scan in each pass (12:20 and 16:20).
        for mode, late in (("burst", 13), ("enter", 17)):
            passes[mode] = _pass(slots, half, holders[:check_ins], early_cases, late)
    counts = {
        "cases": Case.select().count(),
        "bookings": Booking.select().count(),
        "attendance": Attendance.select().count(),
        "alerts": Alert.select().count(),
        "revoked": Card.select().where(Card.revoked_at.is_null(False)).count(),
    }
    return passes, counts


def _pass(
    slots: list[str], half: int, holders: list[tuple[str, str]], early: list[int], late: int
) -> list[Scan]:
    """Everyone checks in, then (after the end and the hold) checks out; the refusals between."""
    regular = iter(holders + holders[: slots[half:].count("scan")])
    out: list[Scan] = []
    for n, kind in enumerate(slots):
        idle_before = n % 20 == 4
        if kind == "scan":
            code, name = next(regular)
            out.append(Scan(code, name, kind, idle_before))
        elif kind == "unknown":
            out.append(Scan(cards.new_token(), speak_to_volunteer().headline, kind, idle_before))
        elif kind == "duplicate":
            # Within the minute: "Thank you" for a repeat, or the hold's "Please wait"
            # again for a first party read before their time to leave; their own name.
            last = out[-1]
            out.append(Scan(last.code, last.expect, kind, idle_before))
        else:
            # A session later today: checked in, and told to wait until their time.
            case_id = early.pop(0)
            _book(case_id, late)
            code, _ = _card(2 * case_id)
            out.append(Scan(code, "You are early", kind, idle_before))
    return out
