"""What the ten-year database holds beyond families and sessions: for the purge benchmark.

Volunteers (most of them long gone), consents and cards for every adult,
alerts on some sessions, known-person declarations, disclosure-log entries,
incidents, and an accident book that retention must never touch.
"""

from __future__ import annotations

import random
from collections.abc import Mapping, Sequence
from datetime import datetime, timedelta

from models import (
    AccidentEntry,
    Alert,
    Booking,
    Card,
    Consent,
    Declaration,
    Disclosure,
    Incident,
    Volunteer,
)
from models.base import BaseModel

VOLUNTEERS = 80
ACCIDENTS = 200
CHUNK = 500


def _insert(model: type[BaseModel], rows: Sequence[Mapping[str, object]]) -> None:
    for start in range(0, len(rows), CHUNK):
        model.insert_many(rows[start : start + CHUNK]).execute()


def _volunteers(rng: random.Random, now: datetime, years: int) -> None:
    rows = []
    for v in range(1, VOLUNTEERS + 1):
        joined = now - timedelta(days=rng.randrange(30, 365 * years))
        left = None
        if rng.random() < 0.6:
            left = min((joined + timedelta(days=rng.randrange(90, 365 * 3))).date(), now.date())
        rows.append({"id": v, "name": f"Volunteer {v}", "created_at": joined, "left_on": left})
    _insert(Volunteer, rows)


def _per_person(spans: list[tuple[datetime, datetime]]) -> None:
    cards, consents = [], []
    for i, (begin, _end) in enumerate(spans):
        for pid in (2 * i + 1, 2 * i + 2):
            cards.append({"person": pid, "token_hash": f"{pid:064x}", "issued_at": begin})
            consents.append({"person": pid, "recipient": "Solicitor", "given_on": begin.date()})
    _insert(Card, cards)
    _insert(Consent, consents)


def _alerts(rng: random.Random) -> None:
    sessions: list[tuple[int, int, datetime]] = list(
        Booking.select(Booking.id, Booking.case, Booking.starts_at).tuples()  # type: ignore[arg-type]
    )
    rows = [
        {"case": case_id, "booking": booking_id, "kind": "late", "created_at": starts}
        for booking_id, case_id, starts in sessions
        if rng.random() < 0.03
    ]
    _insert(Alert, rows)


def _logs(
    spans: list[tuple[datetime, datetime]], rng: random.Random, now: datetime, years: int
) -> None:
    declarations, disclosures, incidents, accidents = [], [], [], []
    for i, (begin, end) in enumerate(spans, start=1):
        if rng.random() < 0.1:
            declarations.append(
                {"volunteer": rng.randrange(1, VOLUNTEERS + 1), "case": i, "declared_on": begin}
            )
        if rng.random() < 0.3:
            disclosures.append(
                {"at": end, "kind": "referrer_export", "recipient": "Cafcass", "case": i}
            )
        if rng.random() < 0.05:
            incidents.append({"at": begin, "case": i, "description": "Raised voices at handover"})
    for n in range(ACCIDENTS):
        at = now - timedelta(days=rng.randrange(0, 365 * years))
        accidents.append(
            {"at": at, "recorded_at": at, "recorded_by_name": "Volunteer", "description": f"#{n}"}
        )
    _insert(Declaration, declarations)
    _insert(Disclosure, disclosures)
    _insert(Incident, incidents)
    _insert(AccidentEntry, accidents)


def add_extras(
    spans: list[tuple[datetime, datetime]], rng: random.Random, now: datetime, years: int
) -> None:
    _volunteers(rng, now, years)
    _per_person(spans)
    _alerts(rng)
    _logs(spans, rng, now, years)
