"""The rules every session must pass, whether booked, imported or moved.

Refusals: the centre open that day, the room free, the family booked once at a
time, the entrance clear of other families. Warnings, which the co-ordinator may confirm: a parent
without a pre-visit, a date already past.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from kiosk.services.centre import closures
from kiosk.services.centre.windows import windows
from models import Booking, BookingState, Case, Person, Role

# A session never runs past a day, so a clash can only come from a booking that
# starts within a day either side: this keeps every rule on the starts_at index.
SESSION_REACH = timedelta(days=1)
FREES_THE_ROOM = (BookingState.CANCELLED.value,)


@dataclass(frozen=True)
class NewBooking:
    """One session as the form, the importer or a move asks for it."""

    case_ref: str
    starts_at: datetime
    ends_at: datetime
    room: str
    service: str


def when(starts_at: datetime) -> str:
    return starts_at.strftime("%a %d %b %Y %H:%M")


def _nearby(new: NewBooking, ignore: int | None) -> list[Booking]:
    query = (
        Booking.select(Booking, Case)
        .join(Case)
        .where(
            Booking.starts_at > new.starts_at - SESSION_REACH,
            Booking.starts_at < new.ends_at + SESSION_REACH,
            Booking.state.not_in(FREES_THE_ROOM),
        )
    )
    if ignore is not None:
        query = query.where(Booking.id != ignore)
    return list(query)


def _overlaps(other: Booking, new: NewBooking) -> bool:
    return bool(other.starts_at < new.ends_at and other.ends_at > new.starts_at)


def clashes(new: NewBooking, case: Case, *, ignore: int | None = None) -> list[str]:
    """The room, family and entrance rules for one session of `case`.

    `ignore` is a booking being moved: it does not clash with where it was.
    """
    reasons: list[str] = []
    mine = windows(new.starts_at, new.ends_at, case.arrival_gap_min, case.departure_hold_min)
    room = new.room.strip().casefold()
    at = when(new.starts_at)
    for other in _nearby(new, ignore):
        span = f"{other.starts_at:%H:%M}-{other.ends_at:%H:%M}"
        if other.room.casefold() == room and _overlaps(other, new):
            reasons.append(f"{at}: {new.room.strip()} is booked {span} (case {other.case.ref})")
        if other.case.id == case.id:
            # One family cannot be in two sessions at once (the board would show both).
            if _overlaps(other, new):
                reasons.append(f"{at}: case {case.ref} already has a session {span} ({other.room})")
            continue
        theirs = windows(
            other.starts_at,
            other.ends_at,
            other.case.arrival_gap_min,
            other.case.departure_hold_min,
        )
        for m in mine:
            for t in theirs:
                if m.meets(t):
                    reasons.append(
                        f"{at}: the {m.kind} window {m.starts:%H:%M}-{m.ends:%H:%M} meets case "
                        f"{other.case.ref}'s {t.kind} window {t.starts:%H:%M}-{t.ends:%H:%M} "
                        "in the entrance"
                    )
    return reasons


def previsit_warnings(case: Case) -> list[str]:
    """Booking before both parents have had a pre-visit needs the co-ordinator's word."""
    seen = {
        p.role: p.pre_visit_on
        for p in Person.select(Person.role, Person.pre_visit_on).where(
            Person.case == case, Person.role.in_([Role.RESIDENT.value, Role.VISITING.value])
        )
    }
    return [
        f"the {role.value} parent has not had a pre-visit"
        for role in (Role.RESIDENT, Role.VISITING)
        if seen.get(role.value) is None
    ]


def past_warning(starts_at: datetime, now: datetime) -> list[str]:
    """A session that starts before now: a typed 2026-11-04 for 2026-12-04 would put a
    false "did not attend" into the referrer export, so it needs the co-ordinator's word."""
    return [f"{when(starts_at)} is in the past"] if starts_at < now else []


def closed(starts_at: datetime) -> list[str]:
    """The centre is closed that day (its own closure, or a bank holiday of its nation)."""
    day = closures.closed_on(starts_at.date())
    return [f"{starts_at:%a %d %b %Y}: the centre is closed ({day.reason})"] if day else []
