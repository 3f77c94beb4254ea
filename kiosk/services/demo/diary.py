"""The demo centre's rooms and the sessions ahead in its diary."""

from __future__ import annotations

from datetime import datetime, time, timedelta

from kiosk.services.cases import bookings
from kiosk.services.cases.booking_rules import NewBooking
from kiosk.services.cases.bookings import BookingRequest, Repeat
from kiosk.services.demo.data import ROOMS, WAITING_AREAS
from models import Case, Room, RoomKind


def rooms(now: datetime) -> None:
    for kind, names in ((RoomKind.CONTACT, ROOMS), (RoomKind.WAITING, WAITING_AREAS)):
        for name in names:
            Room.create(name=name, kind=kind.value, created_at=now - timedelta(days=400))


def ahead(cases: list[Case], now: datetime, starts: list[time], length: timedelta) -> None:
    """Four families booked fortnightly for the next four months, one weekday each, through
    the booking rules: the week view has sessions, and a series skips a bank holiday."""
    until = now.date() + timedelta(days=120)
    for i, case in enumerate(cases[:4]):
        start = datetime.combine(now.date() + timedelta(days=i + 1), starts[i])
        first = NewBooking(case.ref, start, start + length, ROOMS[i], "supported")
        outcome = bookings.book(BookingRequest(first, Repeat.FORTNIGHTLY, until), now)
        assert outcome.booked, outcome.refusals
