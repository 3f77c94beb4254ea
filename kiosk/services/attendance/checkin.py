"""Check-in and check-out by card scan or by name, and the door console's alerts.

A scan runs in two halves that never meet:
- the parent's half (`scan.own_view` reads, `scan.rules` decides): the person's
  own booking, own attendance and the clock decide what happens and what the
  parent is told;
- the console's half (`attendance.recording`, after the decision): recording the event,
  moving the booking's state, and raising alerts, which may look at both
  parties because only volunteers see them.

The door console's timer (start of contact, no-shows) is in `door.no_shows`.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime, timedelta

from kiosk.clock import Clock
from kiosk.services.attendance.alerts import AlertKind, raise_alert
from kiosk.services.attendance.recording import record_and_alert, who
from kiosk.services.cards import tokens as cards
from kiosk.services.scan.own_view import (
    clean_scan,
    find_card,
    own_view,
    scan_settings,
    todays_booking,
)
from kiosk.services.scan.rules import (
    OUT,
    Decision,
    Outcome,
    OwnView,
    ParentMessage,
    decide,
    not_a_card,
    parent_message,
    speak_to_volunteer,
)
from kiosk.services.store.faults import StoreError, fault_reason, read_only, reset_connection
from models import Case, Person, database

log = logging.getLogger(__name__)
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
            reset_connection()
            if attempt == 1 and read_only(exc):
                continue
            reason = fault_reason(exc)
            log.error("scan not recorded: %s", reason)
            raise ScanFault(reason) from exc
    raise AssertionError("unreachable")


def _scan(code: str, now: datetime) -> ScanOutcome:
    if not cards.is_well_formed(code):
        _refused("not a kiosk card code", now)
        return ScanOutcome(Outcome.NOT_A_CARD, not_a_card(), "not a kiosk card code")
    card = find_card(code)
    if card is None:
        return _refuse("unknown card", now)
    person: Person = card.person
    case: Case = person.case
    if card.revoked_at is not None:
        # Named as every other refusal is: a new card (each A4 sheet brings one) makes the old
        # one refused often, and the door must know whose it was to help.
        return _refuse(f"revoked card ({who(person, case)})", now, case.id)
    config = scan_settings()
    repeat = timedelta(seconds=int(config["duplicate_scan_seconds"]))
    booking, events, why_not = todays_booking(person, case, now, repeat)
    if booking is None:
        return _refuse(f"{why_not} ({who(person, case)})", now, case.id)
    view = own_view(person, case, booking, events, config)
    decision = decide(view, now, repeat)
    if decision.outcome is Outcome.SPEAK_TO_VOLUNTEER:
        _refused(f"{decision.reason} ({who(person, case)})", now, case.id, booking.id)
    else:
        record_and_alert(view, decision, person, case, booking, now)
    return ScanOutcome(
        decision.outcome,
        parent_message(view, decision, now),
        decision.reason,
        case.id,
        booking.id,
    )


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


@dataclass(frozen=True)
class ManualOutcome:
    # "in" or "out" when recorded; None when refused, with the reason for the volunteer.
    recorded: str | None
    reason: str


def manual(
    person: Person, recorded_by: int, reason: str, clock: Clock, *, intended: str
) -> ManualOutcome:
    """A volunteer checks a person in or out by hand (a forgotten card, say).

    The same booking choice, state moves and alerts as a scan, recorded as
    "manual" with the volunteer and the reason. No duplicate window (the
    volunteer means it), and a volunteer may let a first party go during
    the hold: the keep-apart alerts still say what the door must watch.

    `intended` is the direction the volunteer chose from what they saw. It is
    decided again here, holding the write lock, and nothing is recorded when the
    person has moved since (they scanned their card while the volunteer looked).
    """
    now = clock.now()
    case: Case = person.case
    with database.atomic(lock_type="IMMEDIATE"):
        booking, events, why_not = todays_booking(person, case, now)
        if booking is None:
            return ManualOutcome(None, why_not)
        view = own_view(person, case, booking, events, scan_settings())
        decision = decide(view, now, timedelta(0))
        if decision.outcome is Outcome.HOLD:
            decision = Decision(Outcome.CHECKED_OUT, OUT, None, "let out during the hold")
        elif decision.record is None:
            return ManualOutcome(None, decision.reason)
        if decision.record != intended:
            return ManualOutcome(None, _moved(view))
        record_and_alert(
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


def _moved(view: OwnView) -> str:
    """Where the person is now, for a volunteer who saw them the other way round."""
    last = view.last
    if last is None:
        return "this person is not checked in"
    return f"this person is now checked {last.kind} (since {last.at:%H:%M})"
