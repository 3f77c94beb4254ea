"""The referrer export: the dates and times a family attended, and nothing else.

One row per booking and party on record in the case (a case with no visiting
parent has resident rows only). Outcomes, for a party on a booking:
- the party checked in: `attended` (whatever happened later in the session);
- cancelled by the centre, or entry refused, or the session called off because
  the other party did not come, or curtailed or terminated before this party was
  due (their no-show grace included): `cancelled by centre`;
- cancelled by the family with notice: `cancelled with notice`;
- anything else that started without them: `did not attend`.
A booking is listed once someone has arrived for it, or once it has started,
unless nobody has arrived and it has not ended yet: until then it has no outcome.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from pathlib import Path

from kiosk.services.attendance.spans import NOT_SEEN, Span, spans_by
from kiosk.services.release import disclosures
from kiosk.services.release.export_files import AttendanceRow, to_csv, to_pdf
from kiosk.services.staff.auth import StaffMember
from kiosk.services.store import private_files, settings
from kiosk.services.store.errors import KioskError
from kiosk.services.store.faults import writes
from kiosk.services.store.forms import first_unshowable
from models import Attendance, Booking, BookingEvent, BookingState, Case, Person, Referral, Role

PARTIES = (Role.RESIDENT.value, Role.VISITING.value)
ATTENDED = "attended"
DID_NOT_ATTEND = "did not attend"
CANCELLED_BY_CENTRE = "cancelled by centre"
CANCELLED_WITH_NOTICE = "cancelled with notice"
OUTCOMES = (ATTENDED, DID_NOT_ATTEND, CANCELLED_BY_CENTRE, CANCELLED_WITH_NOTICE)
FORMATS = ("csv", "pdf")
ENDED_EARLY = (BookingState.CURTAILED.value, BookingState.TERMINATED.value)
CENTRE = "centre"


class ExportRefused(KioskError, ValueError):
    """An export that may not be made; the message says why in one line."""


class NeedsConfirmation(ExportRefused):
    """The recipient is not the case's referrer: confirm before releasing."""


@dataclass(frozen=True)
class ExportRequest:
    case_ref: str
    recipient: str
    fmt: str
    date_from: date | None = None
    date_until: date | None = None
    # The co-ordinator confirmed a recipient other than the case's referrer.
    other_recipient: bool = False
    # The co-ordinator confirmed replacing an existing file of that name.
    replace: bool = False


@dataclass(frozen=True)
class ExportResult:
    path: Path
    rows: int
    disclosure_id: int
    date_from: date
    date_until: date


def referrer_of(case_ref: str) -> str:
    """The referring organisation on file for the case, or "" when none is."""
    row = Referral.select(Referral.organisation).join(Case).where(Case.ref == case_ref).first()
    return str(row.organisation).strip() if row is not None else ""


def check_recipient(case_ref: str, recipient: str, confirmed: bool) -> None:
    if not recipient.strip():
        raise ExportRefused("an export needs a recipient (the organisation it is for)")
    if refusal := first_unshowable({"the recipient": recipient}):
        raise ExportRefused(refusal)
    referrer = referrer_of(case_ref)
    if recipient.strip().casefold() != referrer.casefold() and not confirmed:
        on_file = f"the referrer on file is {referrer!r}" if referrer else "no referrer is on file"
        raise NeedsConfirmation(
            f"{recipient.strip()!r} is not the case's referrer ({on_file}); "
            "the policy releases attendance to the referring agency: confirm to go ahead"
        )


def outcome(
    state: str,
    with_notice: str,
    outcome_party: str,
    party: str,
    arrived: bool,
    ended_before_due: bool = False,
) -> str:
    if arrived:
        return ATTENDED
    if state in ENDED_EARLY and ended_before_due:
        # The centre ended the session before this parent was due (or late past their
        # grace): they were never given the chance to attend.
        return CANCELLED_BY_CENTRE
    if state == BookingState.CANCELLED.value:
        # outcome_party says who cancelled (centre, resident, visiting);
        # with_notice says whether a parent gave notice ("yes" / "no").
        if outcome_party == CENTRE:
            return CANCELLED_BY_CENTRE
        return CANCELLED_WITH_NOTICE if with_notice == "yes" else DID_NOT_ATTEND
    if state == BookingState.REFUSED_ENTRY.value:
        return CANCELLED_BY_CENTRE
    if state == BookingState.NO_SHOW.value and outcome_party not in ("", party):
        # The other party did not come, so the centre called the session off.
        return CANCELLED_BY_CENTRE
    return DID_NOT_ATTEND


def settled(state: str, starts: datetime, ends: datetime, now: datetime, arrived: bool) -> bool:
    """Whether a booking has an outcome to report yet."""
    if arrived:
        return True
    if starts > now:
        return False
    return not (state == BookingState.BOOKED.value and ends > now)


def parties_of(case: Case) -> list[str]:
    """The parties (resident, visiting) on record in the case, in PARTIES order."""
    roles = {
        p.role
        for p in Person.select(Person.role).where(Person.case == case, Person.role.in_(PARTIES))
    }
    return [party for party in PARTIES if party in roles]


def _hhmm(at: datetime | None) -> str:
    # Not strftime: this runs for every cell of a long export.
    return f"{at.hour:02d}:{at.minute:02d}" if at is not None else ""


def period_of(
    case: Case, date_from: date | None, date_until: date | None, today: date
) -> tuple[date, date]:
    start = date_from or case.created_at.date()
    end = date_until or today
    if end < start:
        raise ExportRefused(f"the period ends ({end}) before it starts ({start})")
    return start, end


def attendance_rows(
    case_ref: str, date_from: date, date_until: date, now: datetime
) -> list[AttendanceRow]:
    """The export's rows for one case and period; only bookings with an outcome (see settled)."""
    case = Case.get_or_none(Case.ref == case_ref)
    if case is None:
        raise ExportRefused(f"no case {case_ref!r}")
    lo = datetime.combine(date_from, time.min)
    # Not capped at now: a family may arrive before a session starts.
    hi = datetime.combine(date_until + timedelta(days=1), time.min)
    bookings: list[tuple[int, datetime, datetime, str, str, str]] = list(
        Booking.select(
            Booking.id,
            Booking.starts_at,
            Booking.ends_at,
            Booking.state,
            Booking.with_notice,
            Booking.outcome_party,
        )
        .where(Booking.case == case.id, Booking.starts_at >= lo, Booking.starts_at < hi)
        .order_by(Booking.starts_at)
        .tuples()  # type: ignore[arg-type]
    )
    times = _arrivals_and_departures([b[0] for b in bookings])
    ended = _ended_early_at([b[0] for b in bookings])
    parties = parties_of(case)
    rows: list[AttendanceRow] = []
    for booking_id, starts, ends, state, notice, outcome_party in bookings:
        anyone = any(times.get((booking_id, p), NOT_SEEN).arrived for p in PARTIES)
        if not settled(state, starts, ends, now, anyone):
            continue
        for party in parties:
            span = times.get((booking_id, party), NOT_SEEN)
            arrived, left = span.arrived, span.departed
            rows.append(
                AttendanceRow(
                    case_ref=case.ref,
                    date=starts.date().isoformat(),
                    scheduled_start=_hhmm(starts),
                    scheduled_end=_hhmm(ends),
                    party=party,
                    arrived=_hhmm(arrived),
                    left=_hhmm(left),
                    outcome=outcome(
                        state,
                        notice,
                        outcome_party,
                        party,
                        arrived is not None,
                        _before_due(ended.get(booking_id), case, starts, party),
                    ),
                )
            )
    return rows


def _ended_early_at(booking_ids: list[int]) -> dict[int, datetime]:
    """When the centre curtailed or terminated each of these bookings, if it did."""
    events = BookingEvent.select(BookingEvent.booking, BookingEvent.at).where(
        BookingEvent.booking.in_(booking_ids), BookingEvent.kind.in_(ENDED_EARLY)
    )
    return {e.booking_id: e.at for e in events}  # type: ignore[attr-defined]


def _before_due(ended_at: datetime | None, case: Case, starts: datetime, party: str) -> bool:
    """Whether the session ended before the party was due, their no-show grace included."""
    if ended_at is None:
        return False
    due = starts - timedelta(minutes=case.arrival_gap_min) if party == case.first_party else starts
    return ended_at < due + timedelta(minutes=case.no_show_grace_min)


def _arrivals_and_departures(booking_ids: list[int]) -> dict[tuple[int, str], Span]:
    """First check-in and last check-out per (booking, party)."""
    if not booking_ids:
        return {}
    events: Iterable[tuple[int, str, str, datetime]] = (
        Attendance.select(Attendance.booking, Person.role, Attendance.kind, Attendance.at)
        .join(Person)
        .where(Attendance.booking.in_(booking_ids))
        .order_by(Attendance.at)
        .tuples()  # type: ignore[assignment]
    )
    return spans_by(((booking_id, role), kind, at) for booking_id, role, kind, at in events)


def export_attendance(
    request: ExportRequest, out: Path, now: datetime, by: StaffMember | None
) -> ExportResult:
    """Write the export to out and log the disclosure, all or nothing.

    A file written before the database refused the log, or its commit, is removed:
    nothing leaves the centre that the disclosure log does not show.
    """
    with private_files.removed_on_failure() as written:
        return _export(request, out, now, by, written)


@writes
def _export(
    request: ExportRequest, out: Path, now: datetime, by: StaffMember | None, written: list[Path]
) -> ExportResult:
    # The rows are read and the disclosure logged under one write lock: what is
    # logged is what the file holds.
    if request.fmt not in FORMATS:
        raise ExportRefused(f"unknown format {request.fmt!r} (csv or pdf)")
    case_ref = request.case_ref.strip()
    case = Case.get_or_none(Case.ref == case_ref)
    if case is None:
        raise ExportRefused(f"no case {case_ref!r}")
    check_recipient(case_ref, request.recipient, request.other_recipient)
    recipient = request.recipient.strip()
    period = period_of(case, request.date_from, request.date_until, now.date())
    rows = attendance_rows(case_ref, *period, now)
    data = to_csv(rows) if request.fmt == "csv" else to_pdf(rows, case_ref, period, recipient, now)
    disclosure_id = disclosures.log(
        disclosures.Kind.REFERRER_EXPORT,
        recipient=recipient,
        case=case,
        what=f"attendance dates and times ({request.fmt}, {len(rows)} rows)",
        reason="" if not request.other_recipient else "recipient confirmed by the co-ordinator",
        at=now,
        now=now,
        by=by,
        period=period,
    )
    # Written last, inside the transaction: if the file cannot be written, nothing is logged.
    _write(out, data, replace=request.replace)
    written.append(out)
    return ExportResult(out, len(rows), disclosure_id, *period)


def _write(out: Path, data: bytes, *, replace: bool) -> None:
    with private_files.refused_as(ExportRefused, str(out)):
        settings.make_export_folder(out)
        private_files.write_new(out, data, replace=replace)
