"""What the parent's half of a scan reads: the card, the holder's own booking and events.

Every query here is about the person who scanned: their card, their case's
bookings today, their own attendance, and the scan's settings. Nothing reads
the other party, so nothing built from these can tell a parent about them.
"""

from __future__ import annotations

import unicodedata
from datetime import datetime, timedelta

from kiosk.clock import day_bounds
from kiosk.services.cards import tokens as cards
from kiosk.services.scan.rules import IN, OwnEvent, OwnView, Party
from kiosk.services.store import settings
from models import SIDE_EXITS, Attendance, Booking, Card, Case, Person, Role, Setting

MAX_SCAN_LENGTH = 64


def clean_scan(raw: str) -> str:
    """Scanner text as a code: control and format characters dropped, capped, upper-case.

    Upper-casing makes a scan typed with CapsLock on read the same.
    """
    kept = "".join(ch for ch in raw if unicodedata.category(ch)[0] not in ("C", "Z"))
    # Capped after upper-casing: "ß".upper() is "SS", so the cap must come last.
    return kept.upper()[:MAX_SCAN_LENGTH]


def find_card(code: str) -> Card | None:
    """The card with this code, its holder and case in one query (a scan is mostly queries)."""
    # token_hash is unique, so no LIMIT: `.first()` binds one as a parameter,
    # which made this statement 0.3-0.9 ms instead of 0.04 ms.
    found = list(
        Card.select(Card, Person, Case)
        .join(Person)
        .join(Case)
        .where(Card.token_hash == cards.token_hash(code))
    )
    return found[0] if found else None


SCAN_SETTINGS = ("duplicate_scan_seconds", "waiting_area_resident", "waiting_area_visiting")


def scan_settings() -> dict[str, str]:
    """The settings a scan reads, in one query."""
    found = {row.key: row.value for row in Setting.select().where(Setting.key.in_(SCAN_SETTINGS))}
    return {key: found.get(key, settings.DEFAULTS[key]) for key in SCAN_SETTINGS}


def todays_booking(
    person: Person, case: Case, now: datetime, repeat_within: timedelta = timedelta(0)
) -> tuple[Booking | None, tuple[OwnEvent, ...], str]:
    """The booking this scan is about, and the person's own events on it.

    Chosen from the person's own attendance and the bookings' own states only,
    never the other party's attendance. A scan within `repeat_within` of the person's
    last event today is about that event's booking, so that the rules see it as a
    repeat, even when a later session of the day would otherwise be chosen.
    """
    start, end = day_bounds(now)
    todays = list(
        Booking.select()
        .where(Booking.case == case, Booking.starts_at >= start, Booking.starts_at < end)
        .order_by(Booking.starts_at)
    )
    if not todays:
        return None, (), "no booking today"
    mine = events_by_booking(person.id, [b.id for b in todays])
    # Someone still in stays with their booking whatever a volunteer has done to it
    # since: a side exit ends the session for those not in, the rest check out as usual.
    for b in todays:
        events = mine.get(b.id, ())
        if events and events[-1].kind == IN:
            return b, events, ""
    recent = _last_within(todays, mine, now, repeat_within)
    if recent is not None:
        return recent, mine[recent.id], ""
    live = [b for b in todays if b.state not in SIDE_EXITS]
    if not live:
        return None, (), f"today's booking is {todays[0].state.replace('_', ' ')}"
    hold = timedelta(minutes=case.departure_hold_min)
    chosen = next((b for b in live if now <= b.ends_at + hold), live[-1])
    return chosen, mine.get(chosen.id, ()), ""


def _last_within(
    todays: list[Booking], mine: dict[int, tuple[OwnEvent, ...]], now: datetime, window: timedelta
) -> Booking | None:
    """The booking of the person's latest event today, if that event is within `window`."""
    latest = max(
        ((events[-1].at, b) for b in todays if (events := mine.get(b.id))),
        key=lambda pair: pair[0],
        default=None,
    )
    if latest is None or not timedelta(0) <= now - latest[0] < window:
        return None
    return latest[1]


def events_by_booking(person_id: int, booking_ids: list[int]) -> dict[int, tuple[OwnEvent, ...]]:
    rows = (
        Attendance.select(Attendance.booking, Attendance.kind, Attendance.at)
        .where(Attendance.booking.in_(booking_ids), Attendance.person == person_id)
        .order_by(Attendance.at, Attendance.id)
    )
    grouped: dict[int, list[OwnEvent]] = {}
    for r in rows:
        booking_id: int = r.booking_id  # type: ignore[attr-defined]
        grouped.setdefault(booking_id, []).append(OwnEvent(r.kind, r.at))
    return {booking_id: tuple(events) for booking_id, events in grouped.items()}


def _party(person: Person, case: Case) -> Party:
    if person.role == Role.ADULT.value:
        return Party.ADULT
    return Party.FIRST if person.role == case.first_party else Party.SECOND


def own_view(
    person: Person,
    case: Case,
    booking: Booking,
    events: tuple[OwnEvent, ...],
    config: dict[str, str],
) -> OwnView:
    """Everything the parent's half may know. Nothing here is about the other party."""
    role = Role(person.role)
    area_key = "waiting_area_visiting" if role is Role.VISITING else "waiting_area_resident"
    return OwnView(
        first_name=person.first_name,
        role=role,
        party=_party(person, case),
        room=booking.room,
        starts_at=booking.starts_at,
        ends_at=booking.ends_at,
        arrival_gap=timedelta(minutes=case.arrival_gap_min),
        departure_hold=timedelta(minutes=case.departure_hold_min),
        waiting_area=config[area_key],
        events=events,
        side_exit=booking.state in SIDE_EXITS,
    )
