"""Check-in and check-out by card scan, and the door console's alerts.

A scan runs in two halves that never meet:
- the parent's half (`scan_rules`): the person's own booking, own attendance
  and the clock decide what happens and what the parent is told;
- the console's half (here, after the decision): recording the event,
  moving the booking's state, and raising alerts, which may look at both
  parties because only volunteers see them.
"""

from __future__ import annotations

import contextlib
import logging
import unicodedata
from dataclasses import dataclass
from datetime import datetime, time, timedelta

from peewee import PeeweeException

from kiosk.clock import Clock
from kiosk.services import bookings, cards, settings
from kiosk.services.alerts import AlertKind, AlertView, raise_alert
from kiosk.services.scan_rules import (
    IN,
    OUT,
    Decision,
    Outcome,
    OwnEvent,
    OwnView,
    ParentMessage,
    Party,
    decide,
    not_a_card,
    parent_message,
    speak_to_volunteer,
)
from models import (
    Alert,
    Attendance,
    Booking,
    BookingState,
    Card,
    Case,
    Person,
    Role,
    Setting,
    database,
)

# A database failure during a scan; the screen shows "speak to a volunteer".
StoreError = PeeweeException
log = logging.getLogger(__name__)
MAX_SCAN_LENGTH = 64
# Set by volunteers, about the whole booking: the kiosk sends the parent to them.
STAFF_EXITS = {
    BookingState.CANCELLED.value,
    BookingState.NO_SHOW.value,
    BookingState.CURTAILED.value,
    BookingState.TERMINATED.value,
    BookingState.REFUSED_ENTRY.value,
}
MAIN_LINE = [
    BookingState.BOOKED.value,
    BookingState.FIRST_IN.value,
    BookingState.BOTH_IN.value,
    BookingState.IN_CONTACT.value,
    BookingState.CHILDREN_RETURNED.value,
    BookingState.SECOND_OUT.value,
    BookingState.CLOSED.value,
]
# A second party leaving this close to the end has collected the children;
# earlier, a resident parent has only stepped out and will come back.
COLLECTION_WINDOW = timedelta(minutes=15)
# Garbage typed at the kiosk raises one alert a minute, not one a keystroke.
REFUSED_ALERT_WINDOW = timedelta(seconds=60)


class ScanFault(Exception):
    """The database refused a scan and nothing was recorded.

    The message names the fault in a volunteer's words (never the scan or a
    person): the parent is asked to speak to a volunteer, staff read why.
    """


@dataclass(frozen=True)
class ScanOutcome:
    outcome: Outcome
    # For the parent screen.
    message: ParentMessage
    # For the door console: why, in a volunteer's words. Never shown to a parent.
    console_reason: str
    case_id: int | None = None
    booking_id: int | None = None


def clean_scan(raw: str) -> str:
    """Scanner text as a code: control and format characters dropped, capped, upper-case.

    Upper-casing makes a scan typed with CapsLock on read the same.
    """
    kept = "".join(ch for ch in raw if unicodedata.category(ch)[0] not in ("C", "Z"))
    # Capped after upper-casing: "ß".upper() is "SS", so the cap must come last.
    return kept.upper()[:MAX_SCAN_LENGTH]


def scan(raw: str, clock: Clock) -> ScanOutcome:
    """Act on one scan; every refusal is recorded as an alert for the door console.

    Raises ScanFault when the database cannot take the scan (read-only, full,
    locked past the busy timeout): the transaction is rolled back whole.
    """
    code = clean_scan(raw)
    for attempt in (1, 2):
        try:
            # One transaction for the reads and the writes: each statement outside
            # one pays for its own, which is most of a scan's time on SQLCipher.
            # IMMEDIATE takes the write lock first, waiting out the door console's
            # writes; a deferred one would fail at once (SQLITE_BUSY) when the
            # other process committed between this scan's reads and its writes.
            with database.atomic(lock_type="IMMEDIATE"):
                return _scan(code, clock.now())
        except StoreError as exc:
            # A fresh connection next time: one opened while the file was
            # read-only stays read-only after the file is made writable again.
            _reset_connection()
            if attempt == 1 and _read_only(exc):
                continue
            reason = fault_reason(exc)
            log.error("scan not recorded: %s", reason)
            raise ScanFault(reason) from exc
    raise AssertionError("unreachable")


def _chain_text(exc: BaseException) -> str:
    """The messages of exc and what it arose from.

    After SQLITE_FULL SQLite has already rolled the transaction back, so the
    error that reaches here is peewee's failed ROLLBACK; the cause is in its
    context.
    """
    texts: list[str] = []
    seen: BaseException | None = exc
    while seen is not None and len(texts) < 5:
        texts.append(str(seen).lower())
        seen = seen.__cause__ or seen.__context__
    return " | ".join(texts)


def _read_only(exc: BaseException) -> bool:
    text = _chain_text(exc)
    return "readonly" in text or "read-only" in text


def fault_reason(exc: BaseException) -> str:
    """What went wrong, for staff: the SQLite error class, never data."""
    text = _chain_text(exc)
    if _read_only(exc):
        return "the database file is read-only: check-ins are not being recorded"
    if "full" in text:
        return "the disk is full: check-ins are not being recorded"
    if "locked" in text or "busy" in text:
        return "the database is locked by another program: check-ins are not being recorded"
    return "the database reported an error: check-ins are not being recorded"


def _reset_connection() -> None:
    # Closing a broken connection may itself fail; the next scan reconnects.
    with contextlib.suppress(StoreError):
        database.close()


def _scan(code: str, now: datetime) -> ScanOutcome:
    if not cards.is_well_formed(code):
        _refused("not a kiosk card code", now)
        return ScanOutcome(Outcome.NOT_A_CARD, not_a_card(), "not a kiosk card code")
    # One query for card, holder and case: a scan's latency is mostly queries.
    # token_hash is unique, so no LIMIT: `.first()` binds one as a parameter,
    # which made this statement 0.3-0.9 ms instead of 0.04 ms.
    found = list(
        Card.select(Card, Person, Case)
        .join(Person)
        .join(Case)
        .where(Card.token_hash == cards.token_hash(code))
    )
    card = found[0] if found else None
    if card is None:
        return _refuse("unknown card", now)
    if card.revoked_at is not None:
        return _refuse(f"revoked card (person:{card.person_id})", now)  # type: ignore[attr-defined]
    person: Person = card.person
    case: Case = person.case
    booking, events, why_not = _todays_booking(person, case, now)
    if booking is None:
        return _refuse(f"{why_not} ({_who(person, case)})", now, case.id)
    config = _scan_settings()
    view = own_view(person, case, booking, events, config)
    decision = decide(view, now, timedelta(seconds=int(config["duplicate_scan_seconds"])))
    if decision.outcome is Outcome.SPEAK_TO_VOLUNTEER:
        _refused(f"{decision.reason} ({_who(person, case)})", now, case.id, booking.id)
    else:
        _console_side(view, decision, person, case, booking, now)
    return ScanOutcome(
        decision.outcome,
        parent_message(view, decision, now),
        decision.reason,
        case.id,
        booking.id,
    )


SCAN_SETTINGS = ("duplicate_scan_seconds", "waiting_area_resident", "waiting_area_visiting")


def _scan_settings() -> dict[str, str]:
    """The settings a scan reads, in one query."""
    found = {row.key: row.value for row in Setting.select().where(Setting.key.in_(SCAN_SETTINGS))}
    return {key: found.get(key, settings.DEFAULTS[key]) for key in SCAN_SETTINGS}


def _who(person: Person, case: Case) -> str:
    # Role and case, never a name: see alerts.py.
    return f"{person.role} adult of case {case.ref}"


def _refused(
    reason: str, now: datetime, case_id: int | None = None, booking_id: int | None = None
) -> None:
    raise_alert(
        AlertKind.SCAN_REFUSED,
        reason,
        now,
        case_id=case_id,
        booking_id=booking_id,
        within=REFUSED_ALERT_WINDOW,
    )


def _refuse(reason: str, now: datetime, case_id: int | None = None) -> ScanOutcome:
    _refused(reason, now, case_id)
    return ScanOutcome(Outcome.SPEAK_TO_VOLUNTEER, speak_to_volunteer(), reason, case_id)


def _day(now: datetime) -> tuple[datetime, datetime]:
    start = datetime.combine(now.date(), time.min)
    return start, start + timedelta(days=1)


def _todays_booking(
    person: Person, case: Case, now: datetime
) -> tuple[Booking | None, tuple[OwnEvent, ...], str]:
    """The booking this scan is about, and the person's own events on it.

    Chosen from the person's own attendance only, never the other party's.
    """
    start, end = _day(now)
    todays = list(
        Booking.select()
        .where(Booking.case == case, Booking.starts_at >= start, Booking.starts_at < end)
        .order_by(Booking.starts_at)
    )
    if not todays:
        return None, (), "no booking today"
    live = [b for b in todays if b.state not in STAFF_EXITS]
    if not live:
        return None, (), f"today's booking is {todays[0].state.replace('_', ' ')}"
    hold = timedelta(minutes=case.departure_hold_min)
    mine = _events_by_booking(person.id, [b.id for b in live])
    for b in live:
        events = mine.get(b.id, ())
        if events and events[-1].kind == IN:
            return b, events, ""
    chosen = next((b for b in live if now <= b.ends_at + hold), live[-1])
    return chosen, mine.get(chosen.id, ()), ""


def _events_by_booking(person_id: int, booking_ids: list[int]) -> dict[int, tuple[OwnEvent, ...]]:
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
    )


def _console_side(
    view: OwnView,
    decision: Decision,
    person: Person,
    case: Case,
    booking: Booking,
    now: datetime,
    *,
    method: str = "scan",
    recorded_by: int | None = None,
    reason: str = "",
) -> None:
    """Record, move the booking on and alert. May look at both parties: never parent-facing."""
    who = _who(person, case)
    if decision.record is not None:
        Attendance.create(
            booking=booking,
            person=person,
            kind=decision.record,
            at=now,
            method=method,
            recorded_by=recorded_by,
            reason=reason,
        )
        # Retention counts in years: once a day is enough, and saves a scan
        # two writes (case.last_used_at was loaded with the card).
        if case.last_used_at < _day(now)[0]:
            bookings.touch_case(case.id, now)
    until = decision.until.strftime("%H:%M") if decision.until else ""
    if decision.outcome is Outcome.EARLY:
        _alert(AlertKind.EARLY_ARRIVAL, f"{who} arrived early; due at {until}", booking, now)
    elif decision.outcome is Outcome.HOLD:
        _alert(
            AlertKind.DEPARTURE_HOLD, f"{who} asked to leave; may leave from {until}", booking, now
        )
    if view.party is Party.ADULT or decision.record is None:
        return
    other_events = _other_parent_events(person, case, booking)
    _keep_apart(view, decision.record, other_events, who, booking, now)
    _advance(booking, view, decision.record, other_events, now)


@dataclass(frozen=True)
class ManualOutcome:
    # "in" or "out" when recorded; None when refused, with the reason for the volunteer.
    recorded: str | None
    reason: str


def manual(person: Person, recorded_by: int, reason: str, clock: Clock) -> ManualOutcome:
    """A volunteer checks a person in or out by hand (a forgotten card, say).

    The same booking choice, state moves and alerts as a scan, recorded as
    "manual" with the volunteer and the reason. No duplicate window (the
    volunteer means it), and a volunteer may let a first party go during
    the hold: the keep-apart alerts still say what the door must watch.
    """
    now = clock.now()
    case: Case = person.case
    with database.atomic():
        booking, events, why_not = _todays_booking(person, case, now)
        if booking is None:
            return ManualOutcome(None, why_not)
        view = own_view(person, case, booking, events, _scan_settings())
        decision = decide(view, now, timedelta(0))
        if decision.outcome is Outcome.HOLD:
            decision = Decision(Outcome.CHECKED_OUT, OUT, None, "let out during the hold")
        elif decision.record is None:
            return ManualOutcome(None, decision.reason)
        _console_side(
            view,
            decision,
            person,
            case,
            booking,
            now,
            method="manual",
            recorded_by=recorded_by,
            reason=reason,
        )
    return ManualOutcome(decision.record, "")


def _alert(kind: AlertKind, message: str, booking: Booking, now: datetime) -> None:
    raise_alert(kind, message, now, case_id=booking.case_id, booking_id=booking.id)  # type: ignore[attr-defined]


def _other_parent_events(person: Person, case: Case, booking: Booking) -> tuple[OwnEvent, ...]:
    """The other parent's events on this booking: for the door's half only."""
    other_role = Role.VISITING if person.role == Role.RESIDENT.value else Role.RESIDENT
    rows = (
        Attendance.select(Attendance.kind, Attendance.at)
        .join(Person)
        .where(
            Attendance.booking == booking,
            Person.case == case,
            Person.role == other_role.value,
        )
        .order_by(Attendance.at, Attendance.id)
    )
    return tuple(OwnEvent(r.kind, r.at) for r in rows)


def _keep_apart(
    view: OwnView,
    record: str,
    other: tuple[OwnEvent, ...],
    who: str,
    booking: Booking,
    now: datetime,
) -> None:
    other_in = bool(other) and other[-1].kind == IN
    message = ""
    if record == IN and other_in and now < booking.starts_at:
        message = f"{who} arrived while the other party is waiting: keep them apart"
    elif record == IN and other_in and view.party is Party.FIRST:
        message = f"{who} (first party) arrived after the other party: keep them apart"
    elif record == OUT and view.party is Party.FIRST and other_in:
        message = f"{who} (first party) is leaving while the other party is still in"
    elif record == OUT and view.party is Party.FIRST and other:
        # DESIGN.md section 2: the first party also waits H after the second
        # party left. Only the door can enforce that: telling the parent would
        # tell them about the other party.
        free_at = other[-1].at + view.departure_hold
        if now < free_at:
            message = f"{who} (first party) is leaving: hold them at the door until {free_at:%H:%M}"
    if message:
        _alert(AlertKind.KEEP_APART, message, booking, now)


def _advance(
    booking: Booking, view: OwnView, record: str, other: tuple[OwnEvent, ...], now: datetime
) -> None:
    """Move the booking along the main line; never backwards, never out of a side exit."""
    if booking.state not in MAIN_LINE:
        return
    other_in = bool(other) and other[-1].kind == IN
    target = booking.state
    if record == IN:
        if other_in:
            target = BookingState.IN_CONTACT if now >= booking.starts_at else BookingState.BOTH_IN
        else:
            target = BookingState.FIRST_IN
    elif view.party is Party.SECOND and now >= booking.ends_at - COLLECTION_WINDOW:
        target = BookingState.SECOND_OUT
    elif view.party is Party.FIRST and not other_in:
        target = BookingState.CLOSED
    if MAIN_LINE.index(target) > MAIN_LINE.index(booking.state):
        booking.state = target
        booking.save(only=[Booking.state])


def start_due_sessions(clock: Clock) -> int:
    """Both parties in and the start time reached: the contact has begun."""
    now = clock.now()
    start, _ = _day(now)
    return int(
        Booking.update(state=BookingState.IN_CONTACT.value)
        .where(
            Booking.state == BookingState.BOTH_IN.value,
            Booking.starts_at >= start,
            Booking.starts_at <= now,
        )
        .execute()
    )


def record_no_shows(clock: Clock) -> list[AlertView]:
    """Alert for each parent not checked in by their own time plus the case's grace.

    The door console calls this periodically; each no-show is alerted once.
    """
    now = clock.now()
    start, end = _day(now)
    raised: list[AlertView] = []
    todays = (
        Booking.select(Booking, Case)
        .join(Case)
        .where(Booking.starts_at >= start, Booking.starts_at < end, Booking.state.in_(MAIN_LINE))
    )
    for booking in todays:
        case = booking.case
        for parent in Person.select().where(
            Person.case == case, Person.role.in_([Role.RESIDENT.value, Role.VISITING.value])
        ):
            alert = _no_show(parent, case, booking, now)
            if alert is not None:
                raised.append(alert)
    return raised


def _no_show(parent: Person, case: Case, booking: Booking, now: datetime) -> AlertView | None:
    events = _events_by_booking(parent.id, [booking.id]).get(booking.id, ())
    view = own_view(parent, case, booking, events, _scan_settings())
    deadline = view.expected_at + timedelta(minutes=case.no_show_grace_min)
    if now < deadline or any(e.kind == IN for e in view.events):
        return None
    message = (
        f"{_who(parent, case)} has not arrived: due {view.expected_at:%H:%M}, "
        f"grace {case.no_show_grace_min} min"
    )
    # Once per booking and parent, even after a volunteer acknowledged it: the
    # console calls this on a timer, and an acknowledged no-show must stay quiet.
    alerted = Alert.select().where(
        Alert.kind == AlertKind.NO_SHOW.value, Alert.booking == booking.id, Alert.message == message
    )
    if alerted.exists():
        return None
    return raise_alert(AlertKind.NO_SHOW, message, now, case_id=case.id, booking_id=booking.id)
