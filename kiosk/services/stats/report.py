"""The whole report: each figure for the period and a year earlier, and the trends by month."""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime

from kiosk.services.cases.records import REFERRER_KINDS
from kiosk.services.stats import records, sessions
from kiosk.services.stats.figures import Figure, Line, Series, count, hours, rate
from kiosk.services.stats.period import Period, day, month_key, trend_months
from kiosk.services.stats.window import (
    BEFORE,
    NOW,
    Tallies,
    Tally,
    Window,
    collector_paused,
    merged,
)
from kiosk.services.store import settings
from kiosk.services.store.faults import reads
from models import Role, Service

SESSIONS, FAMILIES, SERVICES = "Sessions", "Families", "Sessions held by service"
REFERRALS, ATTENDANCE, SAFETY, STAFF = "Referrals", "Attendance", "Safety", "Volunteers"
SERVICE_NAMES = {
    Service.SUPPORTED.value: "Supported contact",
    Service.SUPERVISED.value: "Supervised contact",
    Service.HANDOVER.value: "Handover",
    Service.ASSESSMENT.value: "Assessment",
}
# A month before the records begin: nothing was counted, so no figure (n/a).
NO_RECORDS = Figure(None)
PARTY_NAMES = {Role.RESIDENT.value: "resident parent", Role.VISITING.value: "visiting parent"}

# (section, key, label) in the order the summary lists them.
LABELS: tuple[tuple[str, str, str], ...] = (
    (SESSIONS, "booked", "Sessions booked"),
    (SESSIONS, "held", "Sessions held"),
    (SESSIONS, "curtailed", "  of which curtailed"),
    (SESSIONS, "terminated", "  of which terminated"),
    (SESSIONS, "cancelled", "Sessions cancelled"),
    (SESSIONS, "cancelled_centre", "  by the centre"),
    (SESSIONS, "cancelled_notice", "  by a parent, with notice"),
    (SESSIONS, "cancelled_no_notice", "  by a parent, without notice"),
    (SESSIONS, "no_show", "No-shows"),
    (SESSIONS, "no_show_resident", "  resident parent"),
    (SESSIONS, "no_show_visiting", "  visiting parent"),
    (SESSIONS, "refused_entry", "Refused entry (turned away at the door)"),
    (SESSIONS, "unrecorded", "Past sessions with no outcome recorded"),
    (SESSIONS, "to_come", "Sessions still to come"),
    (FAMILIES, "families", "Families served"),
    (FAMILIES, "new_families", "New families (first session held)"),
    *((SERVICES, f"service_{k}", v) for k, v in SERVICE_NAMES.items()),
    *((REFERRALS, f"referral_{k}", v) for k, v in REFERRER_KINDS.items()),
    (REFERRALS, "referral_", "Kind of referrer not recorded"),
    *((ATTENDANCE, f"attendance_{k}", f"Attendance rate, {v}") for k, v in PARTY_NAMES.items()),
    (SAFETY, "incidents", "Safeguarding incidents recorded"),
    (SAFETY, "accidents", "Accidents recorded"),
    (STAFF, "duty_hours", "Volunteers' hours on duty"),
    (STAFF, "duty_volunteers", "Volunteers who did duty"),
    (STAFF, "dbs_due", "DBS checks falling due"),
    (STAFF, "dbs_overdue", "DBS checks overdue at the period's start"),
)


@dataclass(frozen=True)
class Report:
    centre: str
    period: Period
    earlier: Period | None  # None when the records do not reach back a year
    made_at: datetime
    lines: tuple[Line, ...]
    series: tuple[Series, ...]
    # The first case opened or session booked: nothing before it is counted.
    records_begin: date | None = None

    @property
    def begins(self) -> str:
        """When the records begin, as the report says it."""
        if self.records_begin is None:
            return "No records yet"
        return f"Records begin {day(self.records_begin)}"

    def line(self, key: str) -> Line:
        """The summary line for a figure's key (as in LABELS)."""
        return self.lines[[k for _, k, _ in LABELS].index(key)]


@reads
def build(period: Period, now: datetime) -> Report:
    """Every figure for the period, beside the same dates a year earlier where records exist.

    Each source is read once over the whole span the report covers (the
    period, the year before it, and the trend's months) and split by period
    and month in Python (window.py).
    """
    begin = sessions.records_begin()
    before = period.year_earlier()
    # Compared only with dates the records cover whole: a partly covered year is no year.
    reaches_back = _covered(begin, before.first)
    earlier = before if reaches_back else None
    months = trend_months(period)
    year_before = [m.replace(year=m.year - 1) for m in months]
    window = Window.of(period, earlier, year_before[0])
    with collector_paused():
        counted = merged(
            sessions.count(window, now),
            sessions.new_families(window),
            records.incidents(window),
            records.duty(window),
        )
    current = _figures(period, counted[NOW])
    then = _figures(before, counted[BEFORE]) if reaches_back else None
    lines = tuple(
        Line(section, label, current[key], then[key] if then else None)
        for section, key, label in LABELS
    )
    series = _series(counted, months, year_before, begin)
    centre = settings.get("centre_name")
    return Report(centre, period, earlier, now, lines, series, begin)


def _covered(begin: date | None, first: date) -> bool:
    """Whether the records cover everything from `first` on."""
    return begin is not None and begin <= first


_SESSION_KEYS = [key for section, key, _ in LABELS if section == SESSIONS]


def _figures(period: Period, tally: Tally) -> dict[str, Figure]:
    figures = {key: count(*tally.get(key)) for key in _SESSION_KEYS}
    held_families = tally.get("held")[1]
    figures["families"] = count(held_families, held_families)
    figures["new_families"] = count(*tally.get("new_families"))
    for service in SERVICE_NAMES:
        figures[f"service_{service}"] = count(*tally.get(f"held_{service}"))
    made = records.referrals(period.first, period.last)
    for kind in (*REFERRER_KINDS, ""):
        figures[f"referral_{kind}"] = count(made.get(kind, 0), made.get(kind, 0))
    for party in PARTY_NAMES:
        figures[f"attendance_{party}"] = _attendance(tally, party)
    figures["incidents"] = count(*tally.get("incidents"))
    lo, hi = period.bounds()
    accidents = records.accidents(lo, hi)
    # The accident book names no case: each entry may be a family of its own.
    figures["accidents"] = count(accidents, accidents)
    # With one or two volunteers the hours describe them: withheld as families are.
    figures["duty_hours"] = _duty_hours(tally)
    volunteers = tally.get("duty_seconds")[1]
    figures["duty_volunteers"] = count(volunteers, volunteers)
    due_dbs, overdue_dbs = records.dbs_checks(period.first, period.last)
    figures["dbs_due"], figures["dbs_overdue"] = (
        count(due_dbs, due_dbs),
        count(overdue_dbs, overdue_dbs),
    )
    return figures


def _counted(measure: str) -> Callable[[Tally], Figure]:
    return lambda tally: count(*tally.get(measure))


def _attendance(tally: Tally, party: str) -> Figure:
    due, families = tally.get(f"due_{party}")
    return rate(tally.get(f"came_{party}")[0], due, families)


def _series(
    counted: Tallies, months: list[date], year_before: list[date], begin: date | None
) -> tuple[Series, ...]:
    """Month by month: the trend's months, and the same months a year before.

    A month the records do not cover whole is n/a (a gap on a chart), not 0.
    """
    shown_before = any(_covered(begin, m) for m in year_before)

    def each(at: Callable[[Tally], Figure], among: list[date]) -> tuple[Figure, ...]:
        return tuple(at(counted[month_key(m)]) if _covered(begin, m) else NO_RECORDS for m in among)

    def one(name: str, at: Callable[[Tally], Figure]) -> Series:
        before = each(at, year_before) if shown_before else None
        return Series(name, tuple(month_key(m) for m in months), each(at, months), before)

    def held_families(tally: Tally) -> Figure:
        families = tally.get("held")[1]
        return count(families, families)

    return (
        *(one(name, _counted(measure)) for measure, name in _SERIES),
        one("Families served", held_families),
        *(
            one(f"Attendance, {name}", functools.partial(_attendance, party=party))
            for party, name in PARTY_NAMES.items()
        ),
        one("Safeguarding incidents", _counted("incidents")),
        one("Volunteers' hours on duty", _duty_hours),
    )


def _duty_hours(tally: Tally) -> Figure:
    seconds, volunteers = tally.get("duty_seconds")
    return hours(seconds / 3600, volunteers)


_SERIES = (("held", "Sessions held"), ("cancelled", "Cancelled"), ("no_show", "No-shows"))
# Each series whose months add up to a summary figure (its key), for suppress.py.
SUMMED_BY_MONTH = {
    **{name: measure for measure, name in _SERIES},
    "Safeguarding incidents": "incidents",
    "Volunteers' hours on duty": "duty_hours",
}
