"""What the parent's half of a scan reads: the card, the holder's own booking and events.

Every query here is about the person who scanned: their card, their case's
bookings today, their own attendance, and the scan's settings. Nothing reads
the other party, so nothing built from these can tell a parent about them.
"""

from __future__ import annotations

import unicodedata
from datetime import datetime, timedelta

from peewee import JOIN, Query

from kiosk.clock import day_bounds
from kiosk.services.cards import tokens as cards
from kiosk.services.scan.rules import IN, OwnEvent, OwnView, Party
from kiosk.services.store import changes, settings
from kiosk.services.store.fixed import Columns, Fixed, link
from models import SIDE_EXITS, Attendance, Booking, Card, Case, Person, Role, Setting

MAX_SCAN_LENGTH = 64


def clean_scan(raw: str) -> str:
    """Scanner text as a code: control and format characters dropped, capped, upper-case.

    Upper-casing makes a scan typed with CapsLock on read the same.
    """
    kept = "".join(ch for ch in raw if unicodedata.category(ch)[0] not in ("C", "Z"))
    # Capped after upper-casing: "ß".upper() is "SS", so the cap must come last.
    return kept.upper()[:MAX_SCAN_LENGTH]


# The parent's half, fixed statements (kiosk/services/store/fixed.py): a scan is mostly these.
# Only the columns a scan uses: the holder's own first name and role, the case's timings.
_CARD_COLUMNS = (
    Columns(Card, (Card.id, Card.person, Card.revoked_at)),
    Columns(Person, (Person.id, Person.case, Person.role, Person.first_name)),
    Columns(
        Case,
        (
            Case.id,
            Case.ref,
            Case.last_used_at,
            Case.first_party,
            Case.arrival_gap_min,
            Case.departure_hold_min,
            Case.no_show_grace_min,
        ),
    ),
)
# token_hash is unique, so no LIMIT: a bound limit made this 0.3-0.9 ms instead of 0.04 ms.
_CARD = Fixed(
    lambda token: (
        Card.select(*(f for part in _CARD_COLUMNS for f in part.fields))
        .join(Person)
        .join(Case)
        .where(Card.token_hash == token)
    ),
    _CARD_COLUMNS,
)


def find_card(code: str) -> Card | None:
    """The card with this code, its holder and case in one query (a scan is mostly queries)."""
    found = _CARD.objects(cards.token_hash(code))
    if not found:
        return None
    card, person, case = found[0]
    link(person, "case", case)
    link(card, "person", person)
    return card  # type: ignore[no-any-return]


SCAN_SETTINGS = ("duplicate_scan_seconds", "waiting_area_resident", "waiting_area_visiting")


def _settings_query(*keys: str) -> Query:
    # One lookup a key joined by UNION ALL: `key IN (...)` builds a temporary table, which
    # SQLCipher's memory security makes cost 70 microseconds more than the lookups.
    parts = [Setting.select(Setting.key, Setting.value).where(Setting.key == k) for k in keys]
    query: Query = parts[0]
    for part in parts[1:]:
        query = query + part
    return query


_SETTINGS = Fixed(_settings_query, (Setting.key, Setting.value))


class _Remembered:
    """The scan's settings as last read, and when: they change a few times a year."""

    when: tuple[int, int, int] | None = None
    values: dict[str, str] = {}


def scan_settings() -> dict[str, str]:
    """The settings a scan reads: read again only after this program wrote a setting or
    another committed anything (PRAGMA data_version), not at every scan (0.1 ms of one)."""
    when = (*changes.others(), settings.writes())
    if when != _Remembered.when:
        found = dict(_SETTINGS.objects(*SCAN_SETTINGS))
        _Remembered.values = {key: found.get(key, settings.DEFAULTS[key]) for key in SCAN_SETTINGS}
        _Remembered.when = when
    return dict(_Remembered.values)


# The case's bookings that day, each with the person's own events on it (none: one row of
# NULLs). Sorted here, not by SQL: an ORDER BY the index cannot give needs a sorter, which
# memory security makes as costly as the lookup itself.
_BOOKING_COLUMNS = Columns(
    Booking,
    (Booking.id, Booking.case, Booking.room, Booking.starts_at, Booking.ends_at, Booking.state),
)
_TODAY = Fixed(
    lambda person_id, case_id, start, end: (
        Booking.select(*_BOOKING_COLUMNS.fields, Attendance.id, Attendance.kind, Attendance.at)
        .join(
            Attendance,
            JOIN.LEFT_OUTER,
            on=(Attendance.booking == Booking.id) & (Attendance.person == person_id),
        )
        .where(Booking.case == case_id, Booking.starts_at >= start, Booking.starts_at < end)
    ),
    (_BOOKING_COLUMNS, Attendance.id, Attendance.kind, Attendance.at),
)


def _todays(
    person_id: int, case_id: int, now: datetime
) -> tuple[list[Booking], dict[int, tuple[OwnEvent, ...]]]:
    """The case's bookings on now's day in order, and the person's own events on each."""
    start, end = day_bounds(now)
    bookings: dict[int, Booking] = {}
    events: dict[int, list[tuple[datetime, int, str]]] = {}
    for booking, event_id, kind, at in _TODAY.objects(person_id, case_id, start, end):
        bookings.setdefault(booking.id, booking)
        if event_id is not None:
            events.setdefault(booking.id, []).append((at, event_id, kind))
    todays = sorted(bookings.values(), key=lambda b: (b.starts_at, b.id))
    mine = {
        booking_id: tuple(OwnEvent(kind, at) for at, _, kind in sorted(rows))
        for booking_id, rows in events.items()
    }
    return todays, mine


def todays_booking(
    person: Person, case: Case, now: datetime, repeat_within: timedelta = timedelta(0)
) -> tuple[Booking | None, tuple[OwnEvent, ...], str]:
    """The booking this scan is about, and the person's own events on it.

    Chosen from the person's own attendance and the bookings' own states only,
    never the other party's attendance. A scan within `repeat_within` of the person's
    last event today is about that event's booking, so that the rules see it as a
    repeat, even when a later session of the day would otherwise be chosen.
    """
    todays, mine = _todays(person.id, case.id, now)
    if not todays:
        return None, (), "no booking today"
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
