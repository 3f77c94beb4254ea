"""Days the centre is closed: its own closures and the bank holidays of its nation.

Bank holidays come from the `holidays` library (kept up to date by its maintainers,
with each nation's substitute days), never from a table typed here. A single
booking on a closed day is refused; a series skips it and says so.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from datetime import date, datetime

from kiosk.services.staff.auth import StaffMember
from kiosk.services.store import audit, settings
from kiosk.services.store.errors import KioskError
from kiosk.services.store.faults import reads, writes
from kiosk.services.store.forms import UNSHOWABLE, unshowable
from models import Closure

# The centre's nation (the `centre_nation` setting) as the library's subdivision of the UK.
NATIONS = {
    "england": "ENG",
    "wales": "WLS",
    "scotland": "SCT",
    "northern_ireland": "NIR",
}


class ClosureError(KioskError, ValueError):
    """A closure that cannot be added or removed; nothing was changed."""


@dataclass(frozen=True)
class ClosedDay:
    day: date
    reason: str
    bank_holiday: bool


@functools.lru_cache(maxsize=64)
def _bank_holidays(nation: str, year: int) -> dict[date, str]:
    # Imported here: the library takes 50-200 ms to load, and the scan path imports the
    # booking rules (for touch_case) long before anyone books. Kept per nation and year.
    import holidays

    return dict(holidays.country_holidays("GB", subdiv=NATIONS[nation], years=year).items())


def bank_holidays(start: date, end: date, nation: str | None = None) -> dict[date, str]:
    """The bank holidays of the centre's nation from start to end, both included."""
    chosen = nation or settings.get("centre_nation")
    found: dict[date, str] = {}
    for year in range(start.year, end.year + 1):
        found |= {d: n for d, n in _bank_holidays(chosen, year).items() if start <= d <= end}
    return found


def closed_days(start: date, end: date) -> dict[date, ClosedDay]:
    """Every closed day from start to end: the centre's closures win over a bank holiday."""
    days = {d: ClosedDay(d, name, True) for d, name in bank_holidays(start, end).items()}
    for c in Closure.select().where(Closure.on >= start, Closure.on <= end):
        days[c.on] = ClosedDay(c.on, c.reason or "closed", False)
    return dict(sorted(days.items()))


def closed_on(day: date) -> ClosedDay | None:
    return closed_days(day, day).get(day)


@reads
def list_closed(start: date, end: date) -> list[ClosedDay]:
    return list(closed_days(start, end).values())


@writes
def add_closure(
    day: date, reason: str, now: datetime, actor: StaffMember | None = None
) -> ClosedDay:
    """Close the centre on a day; a day already closed by the centre is left as it is."""
    text = " ".join(reason.split())
    if unshowable(text):
        raise ClosureError(f"the reason {UNSHOWABLE}")
    existing = Closure.get_or_none(Closure.on == day)
    if existing is None:
        row = Closure.create(
            on=day, reason=text, created_at=now, created_by=actor.id if actor else None
        )
        audit.record(
            "closure_added",
            now,
            target=f"closure:{row.id}",
            actor=actor,
            actor_label="" if actor else "cli",
        )
    found = closed_on(day)
    assert found is not None
    return found


@writes
def remove_closure(day: date, now: datetime, actor: StaffMember | None = None) -> None:
    row = Closure.get_or_none(Closure.on == day)
    if row is None:
        holiday = bank_holidays(day, day).get(day)
        if holiday:
            raise ClosureError(
                f"{day} is a bank holiday ({holiday}), not a closure of the centre's"
            )
        raise ClosureError(f"the centre has no closure on {day}")
    audit.record(
        "closure_removed",
        now,
        target=f"closure:{row.id}",
        actor=actor,
        actor_label="" if actor else "cli",
    )
    row.delete_instance()
