"""The whole report: each figure for the period and a year earlier, and the trends by month."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from kiosk.services.cases.records import REFERRER_KINDS
from kiosk.services.stats import records, sessions
from kiosk.services.stats.figures import Figure, Line, Series, count, hours, rate
from kiosk.services.stats.period import Period, month_key, trend_months
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
    (SESSIONS, "refused_entry", "Refused entry"),
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
    (STAFF, "dbs_overdue", "DBS checks already overdue at the start"),
)


@dataclass(frozen=True)
class Report:
    centre: str
    period: Period
    earlier: Period | None  # None when the records do not reach back a year
    made_at: datetime
    lines: tuple[Line, ...]
    series: tuple[Series, ...]

    def line(self, key: str) -> Line:
        """The summary line for a figure's key (as in LABELS)."""
        return self.lines[[k for _, k, _ in LABELS].index(key)]


@reads
def build(period: Period, now: datetime) -> Report:
    """Every figure for the period, beside the same dates a year earlier where records exist."""
    earliest = sessions.earliest_session()
    before = period.year_earlier()
    reaches_back = earliest is not None and earliest.date() <= before.last
    firsts = sessions.first_sessions()
    current = _figures(period, now, firsts)
    earlier = _figures(before, now, firsts) if reaches_back else None
    lines = tuple(
        Line(section, label, current[key], earlier[key] if earlier else None)
        for section, key, label in LABELS
    )
    series = _series(trend_months(period), now, earliest)
    centre = settings.get("centre_name")
    return Report(centre, period, before if reaches_back else None, now, lines, series)


def _figures(period: Period, now: datetime, firsts: list[datetime]) -> dict[str, Figure]:
    lo, hi = period.bounds()
    everything = sessions.tally(lo, hi, now).get("all", {})
    figures = {name: count(*numbers) for name, numbers in everything.items()}
    held_families = everything.get("held", (0, 0))[1]
    figures["families"] = count(held_families, held_families)
    new = sum(1 for first in firsts if lo <= first < hi)
    figures["new_families"] = count(new, new)
    for service in SERVICE_NAMES:
        figures[f"service_{service}"] = count(*everything.get(f"held_{service}", (0, 0)))
    made = records.referrals(period.first, period.last)
    for kind in (*REFERRER_KINDS, ""):
        figures[f"referral_{kind}"] = count(made.get(kind, 0), made.get(kind, 0))
    came = sessions.attendance(lo, hi, now)
    for party in PARTY_NAMES:
        due, arrived, families = came.get((party, "all"), (0, 0, 0))
        figures[f"attendance_{party}"] = rate(arrived, due, families)
    figures["incidents"] = count(*records.incidents(lo, hi).get("all", (0, 0)))
    accidents = records.accidents(lo, hi)
    # The accident book names no case: each entry may be a family of its own.
    figures["accidents"] = count(accidents, accidents)
    duty_hours, volunteers = records.duty(lo, hi).get("all", (0.0, 0))
    figures["duty_hours"] = hours(duty_hours)
    figures["duty_volunteers"] = count(volunteers, None)
    due_dbs, overdue_dbs = records.dbs_checks(period.first, period.last)
    figures["dbs_due"], figures["dbs_overdue"] = count(due_dbs, None), count(overdue_dbs, None)
    return figures


def _series(months: list[date], now: datetime, earliest: datetime | None) -> tuple[Series, ...]:
    """Month by month, over the trend's months and the same months a year before."""
    year_before = [m.replace(year=m.year - 1) for m in months]
    lo = datetime.combine(year_before[0], time.min)
    last = months[-1]
    hi = datetime.combine((last + timedelta(days=32)).replace(day=1), time.min)
    tallies = sessions.tally(lo, hi, now, by="month")
    came = sessions.attendance(lo, hi, now, by_month=True)
    incidents = records.incidents(lo, hi, by_month=True)
    duty = records.duty(lo, hi, by_month=True)
    reaches = earliest is not None and earliest.date() <= year_before[-1] + timedelta(days=31)

    def session(measure: str, families_only: bool = False) -> Series:
        def at(month: date) -> Figure:
            n, families = tallies.get(month_key(month), {}).get(measure, (0, 0))
            return count(families if families_only else n, families)

        name = "Families served" if families_only else dict(_SERIES)[measure]
        return _one(name, months, year_before, at, reaches)

    def attendance(party: str) -> Series:
        def at(month: date) -> Figure:
            return rate(*_pick(came.get((party, month_key(month)), (0, 0, 0))))

        return _one(f"Attendance, {PARTY_NAMES[party]}", months, year_before, at, reaches)

    def incident(month: date) -> Figure:
        return count(*incidents.get(month_key(month), (0, 0)))

    def on_duty(month: date) -> Figure:
        return hours(duty.get(month_key(month), (0.0, 0))[0])

    return (
        *(session(measure) for measure, _ in _SERIES),
        session("held", families_only=True),
        *(attendance(party) for party in PARTY_NAMES),
        _one("Safeguarding incidents", months, year_before, incident, reaches),
        _one("Volunteers' hours on duty", months, year_before, on_duty, reaches),
    )


_SERIES = (("held", "Sessions held"), ("cancelled", "Cancelled"), ("no_show", "No-shows"))


def _pick(numbers: tuple[int, int, int]) -> tuple[int, int, int]:
    due, arrived, families = numbers
    return arrived, due, families


def _one(
    name: str, months: list[date], before: list[date], at: Callable[[date], Figure], reaches: bool
) -> Series:
    return Series(
        name,
        tuple(month_key(m) for m in months),
        tuple(at(m) for m in months),
        tuple(at(m) for m in before) if reaches else None,
    )
