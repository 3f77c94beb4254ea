"""Today's board for the door console: every booking, both parties' live status.

This is the only place the other party's live status is shown (DESIGN.md
section 1), and only to signed-in staff. A case the viewer has declared they
know comes back masked: room and times only.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta

from kiosk.clock import Clock, day_bounds
from kiosk.services.attendance import alerts
from kiosk.services.attendance.spans import span_of
from kiosk.services.door import countdown, no_shows
from kiosk.services.door.access import known_case_ids
from kiosk.services.staff.auth import StaffMember
from kiosk.services.store import camera_state
from kiosk.services.store.faults import TIMER_PATIENCE_MS, patience, reads, writes
from models import (
    Alert,
    Attendance,
    Booking,
    BookingEvent,
    BookingState,
    Case,
    Child,
    Person,
    Referral,
    Role,
)

# The booking is still running: a resident who left may be called back.
RUNNING = {
    BookingState.BOOKED.value,
    BookingState.FIRST_IN.value,
    BookingState.BOTH_IN.value,
    BookingState.IN_CONTACT.value,
    BookingState.CHILDREN_RETURNED.value,
}
MASKED_REF = "known to you"


@dataclass(frozen=True)
class PartyStatus:
    person_id: int
    first_name: str
    role: str
    first: bool  # arrives first and leaves last (DESIGN.md section 2)
    status: str  # "expected", "in" or "out"
    in_at: datetime | None
    out_at: datetime | None
    # The countdown: arrival due or late, or the departure hold.
    note: str


@dataclass(frozen=True)
class AlertRow:
    id: int
    kind: str
    message: str
    created_at: datetime
    booking_id: int | None


@dataclass(frozen=True)
class BoardRow:
    booking_id: int
    case_id: int
    masked: bool
    case_ref: str
    room: str
    starts_at: datetime
    ends_at: datetime
    state: str
    # A short flag only ("risk", "court order"): never the notes themselves.
    risk_flag: str
    parties: tuple[PartyStatus, ...]
    children: tuple[str, ...]
    handed_over_at: datetime | None
    returned_at: datetime | None
    # Only while the resident parent has stepped out of a running session.
    emergency_phone: str
    alerts: tuple[AlertRow, ...]
    # When the first party's departure hold ends: its countdown runs from here.
    free_at: datetime | None = None


@dataclass(frozen=True)
class Board:
    at: datetime
    rows: tuple[BoardRow, ...]
    # Open alerts this viewer may see, oldest first (including those with no case).
    alerts: tuple[AlertRow, ...]
    # "camera unavailable (why)" while the kiosk's camera does not work; else "".
    camera: str = ""
    # Until when the board reads the same if nothing is written: the next minute, or
    # sooner when a hold's countdown (which runs from a check-out's second) moves.
    fresh_until: datetime = field(default=datetime.max, compare=False)


@dataclass
class _Day:
    """Everything the board needs about today's cases, read in a handful of queries.

    The console rebuilds the board every second on the UI thread, so one query
    per table rather than several per booking.
    """

    people: dict[int, list[Person]]
    attendance: dict[tuple[int, int], list[Attendance]]
    children: dict[int, list[str]]
    referrals: dict[int, Referral]
    events: dict[int, dict[str, datetime]]


def _load(bookings: list[Booking]) -> _Day:
    case_ids = list({b.case_id for b in bookings})  # type: ignore[attr-defined]
    booking_ids = [b.id for b in bookings]
    day = _Day({}, {}, {}, {}, {})
    for p in Person.select().where(Person.case.in_(case_ids)).order_by(Person.id):
        day.people.setdefault(p.case_id, []).append(p)  # type: ignore[attr-defined]
    for a in (
        Attendance.select(Attendance.booking, Attendance.person, Attendance.kind, Attendance.at)
        .where(Attendance.booking.in_(booking_ids))
        .order_by(Attendance.at, Attendance.id)
    ):
        day.attendance.setdefault((a.booking_id, a.person_id), []).append(a)  # type: ignore[attr-defined]
    for c in Child.select().where(Child.case.in_(case_ids)).order_by(Child.id):
        day.children.setdefault(c.case_id, []).append(c.first_name)  # type: ignore[attr-defined]
    for r in Referral.select().where(Referral.case.in_(case_ids)):
        day.referrals[r.case_id] = r  # type: ignore[attr-defined]
    for e in BookingEvent.select().where(BookingEvent.booking.in_(booking_ids)):
        day.events.setdefault(e.booking_id, {})[e.kind] = e.at  # type: ignore[attr-defined]
    return day


def tick(clock: Clock) -> None:
    """The day's timed rules: sessions whose start has come begin, late parents alert.

    Alerts whose hold has ended close themselves. All are idempotent (a no-show
    is alerted once), so two consoles on one file may both call this, and a tick
    the database refused (StoreFault) is caught up by the next. It gives way at
    once to another program's write lock (faults.patience): it runs on the
    console's own thread, every ten seconds.
    """
    with patience(TIMER_PATIENCE_MS):
        _tick(clock)


# One transaction: a no-show is checked and alerted under the write lock, so two
# consoles never alert it twice.
@writes
def _tick(clock: Clock) -> None:
    no_shows.start_due_sessions(clock)
    no_shows.record_no_shows(clock)
    alerts.close_expired(day_bounds(clock.now())[0], clock.now())


@reads
def today(staff: StaffMember, clock: Clock) -> Board:
    now = clock.now()
    start, end = day_bounds(now)
    known = known_case_ids(staff)
    bookings = list(
        Booking.select(Booking, Case)
        .join(Case)
        .where(Booking.starts_at >= start, Booking.starts_at < end)
        .order_by(Booking.starts_at, Booking.room, Booking.id)
    )
    alerts = _open_alerts(start, known)
    day = _load([b for b in bookings if b.case_id not in known])  # type: ignore[attr-defined]
    rows = tuple(
        _masked(b) if b.case_id in known else _row(b, day, alerts, now)  # type: ignore[attr-defined]
        for b in bookings
    )
    holds = (r.free_at for r in rows if r.free_at is not None)
    return Board(
        now, rows, tuple(alerts), camera_state.door_line(), countdown.fresh_until(holds, now)
    )


def _open_alerts(since: datetime, known: set[int]) -> list[AlertRow]:
    rows = (
        Alert.select()
        .where(
            Alert.acknowledged_at.is_null(), Alert.closed_at.is_null(), Alert.created_at >= since
        )
        .order_by(Alert.created_at, Alert.id)
    )
    return [
        AlertRow(a.id, a.kind, a.message, a.created_at, a.booking_id)  # type: ignore[attr-defined]
        for a in rows
        if a.case_id not in known  # type: ignore[attr-defined]
    ]


def _masked(b: Booking) -> BoardRow:
    return BoardRow(
        b.id,
        b.case_id,  # type: ignore[attr-defined]
        True,
        MASKED_REF,
        b.room,
        b.starts_at,
        b.ends_at,
        "",
        "",
        (),
        (),
        None,
        None,
        "",
        (),
    )


def _row(b: Booking, day: _Day, alerts: list[AlertRow], now: datetime) -> BoardRow:
    case: Case = b.case
    adults = _adults(day.people.get(case.id, []))
    free, parties = _parties(
        b, case, [(p, day.attendance.get((b.id, p.id), [])) for p in adults], now
    )
    events = day.events.get(b.id, {})
    return BoardRow(
        b.id,
        case.id,
        False,
        case.ref,
        b.room,
        b.starts_at,
        b.ends_at,
        b.state,
        _risk_flag(day.referrals.get(case.id)),
        parties,
        tuple(day.children.get(case.id, [])),
        events.get("handed_over"),
        events.get("returned"),
        _emergency_phone(b, adults, parties, now),
        tuple(a for a in alerts if a.booking_id == b.id),
        free if any(p.note.startswith("hold") for p in parties) else None,
    )


def _adults(people: list[Person]) -> list[Person]:
    order = {Role.RESIDENT.value: 0, Role.VISITING.value: 1, Role.ADULT.value: 2}
    return sorted(people, key=lambda p: (order.get(p.role, 3), p.id))


def _risk_flag(ref: Referral | None) -> str:
    if ref is None:
        return ""
    flags = [
        f for f, on in (("risk", bool(ref.risk_notes.strip())), ("order", ref.court_order)) if on
    ]
    return " ".join(flags)


def _parties(
    b: Booking, case: Case, logs: list[tuple[Person, list[Attendance]]], now: datetime
) -> tuple[datetime, tuple[PartyStatus, ...]]:
    # The first party waits the hold after the end, or after the second party
    # left, whichever is later (DESIGN.md section 2).
    free = b.ends_at + timedelta(minutes=case.departure_hold_min)
    for p, rows in logs:
        if p.role not in (case.first_party, Role.ADULT.value) and rows and rows[-1].kind == "out":
            free = max(free, rows[-1].at + timedelta(minutes=case.departure_hold_min))
    return free, tuple(_party(p, rows, b, case, free, now) for p, rows in logs)


def _party(
    p: Person, rows: list[Attendance], b: Booking, case: Case, free: datetime, now: datetime
) -> PartyStatus:
    span = span_of((r.kind, r.at) for r in rows)
    in_at, out_at = span.latest_in, span.departed
    status = "expected" if not rows else rows[-1].kind
    first = p.role == case.first_party
    note = ""
    if p.role != Role.ADULT.value and b.state in RUNNING:
        if status == "expected":
            due = countdown.expected_at(b, case, p.role)
            note = (
                f"due in {countdown.minutes(due - now)}"
                if now < due
                else f"late {countdown.minutes(now - due)}"
            )
        elif status == "in" and first and b.ends_at <= now < free:
            note = f"hold {countdown.minutes(free - now)}"
    return PartyStatus(p.id, p.first_name, p.role, first, status, in_at, out_at, note)


def _emergency_phone(
    b: Booking, adults: list[Person], parties: tuple[PartyStatus, ...], now: datetime
) -> str:
    """The resident's emergency phone, only while they have stepped out mid-session."""
    if b.state not in RUNNING or now >= b.ends_at:
        return ""
    for person, party in zip(adults, parties, strict=True):
        if party.role == Role.RESIDENT.value and party.status == "out":
            phone: str = person.emergency_phone
            return phone
    return ""
