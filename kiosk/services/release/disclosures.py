"""The disclosure log: every release of information, and safeguarding disclosures.

The policies release exactly one thing routinely (attendance dates and times to
the referring agency). Anything more is a safeguarding disclosure, made only
for one of the two reasons below, and written here with what was shared, with
whom and when.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum

from kiosk.services.staff.auth import StaffMember
from kiosk.services.store import audit
from kiosk.services.store.errors import KioskError
from kiosk.services.store.faults import writes
from kiosk.services.store.forms import first_unshowable
from models import Case, Disclosure

CLI_ACTOR = "cli"


class Kind(StrEnum):
    REFERRER_EXPORT = "referrer_export"
    SAFEGUARDING = "safeguarding"
    SUBJECT_ACCESS = "subject_access"
    ACCIDENT_BOOK = "accident_book"


class Reason(StrEnum):
    """The only two grounds on which the policy allows sharing more than dates and times."""

    CHILD_AT_RISK = "child_at_risk"
    VIOLENCE_RISK = "violence_risk"

    @property
    def label(self) -> str:
        return REASON_LABELS[self]


REASON_LABELS = {
    Reason.CHILD_AT_RISK: "a child is at risk of harm",
    Reason.VIOLENCE_RISK: "someone is at risk of physical violence",
}

# Offered on the screen; any other agency may be typed.
SAFEGUARDING_RECIPIENTS = ("Children's Services", "Police")


class DisclosureRefused(KioskError, ValueError):
    """A disclosure that may not be made or recorded; the message says why in one line."""


@dataclass(frozen=True)
class DisclosureView:
    id: int
    at: datetime
    kind: str
    recipient: str
    case_ref: str
    what: str
    reason: str
    made_by: str
    period_from: date | None
    period_until: date | None
    # The incident a safeguarding disclosure was made from, if any.
    incident_id: int | None = None


def log(
    kind: Kind,
    *,
    recipient: str,
    case: Case | None,
    what: str,
    at: datetime,
    now: datetime,
    by: StaffMember | None,
    reason: str = "",
    period: tuple[date | None, date | None] = (None, None),
    incident: int | None = None,
) -> int:
    """Write one disclosure-log row and its audit entry; returns the disclosure's id.

    The audit entry names the disclosure and the case, never what was shared.
    Call inside the caller's transaction so a failed release logs nothing.
    """
    row = Disclosure.create(
        at=at,
        made_by=by.id if by is not None else None,
        made_by_label=by.name if by is not None else CLI_ACTOR,
        kind=kind.value,
        recipient=recipient,
        case=case,
        what=what,
        reason=reason,
        period_from=period[0],
        period_until=period[1],
        incident=incident,
    )
    audit.record(
        f"disclosure_{kind.value}",
        now,
        target=f"disclosure:{row.id}",
        detail=" ".join(
            ref
            for ref in (
                f"case:{case.id}" if case is not None else "",
                f"incident:{incident}" if incident is not None else "",
            )
            if ref
        ),
        actor=by,
        actor_label="" if by is not None else CLI_ACTOR,
    )
    return int(row.id)


@writes
def record_safeguarding(
    case_ref: str,
    *,
    recipient: str,
    reason: Reason | str,
    what: str,
    shared_at: datetime,
    now: datetime,
    by: StaffMember | None,
) -> DisclosureView:
    """Record a disclosure to Children's Services or the police, after the fact."""
    case = Case.get_or_none(Case.ref == case_ref.strip())
    if case is None:
        raise DisclosureRefused(f"no case {case_ref.strip()!r}")
    try:
        grounds = Reason(reason)
    except ValueError:
        allowed = ", ".join(r.value for r in Reason)
        raise DisclosureRefused(f"the reason must be one of: {allowed}") from None
    if not recipient.strip():
        raise DisclosureRefused("say who the information was shared with")
    if not what.strip():
        raise DisclosureRefused("say what was shared")
    typed = {"who it was shared with": recipient, "what was shared": what}
    if refusal := first_unshowable(typed, multiline=frozenset({"what was shared"})):
        raise DisclosureRefused(refusal)
    if shared_at > now:
        raise DisclosureRefused("the time of sharing is in the future")
    disclosure_id = log(
        Kind.SAFEGUARDING,
        recipient=recipient.strip(),
        case=case,
        what=what.strip(),
        reason=grounds.value,
        at=shared_at,
        now=now,
        by=by,
    )
    return view(disclosure_id)


def _view(row: Disclosure) -> DisclosureView:
    return DisclosureView(
        id=row.id,
        at=row.at,
        kind=row.kind,
        recipient=row.recipient,
        case_ref=row.case.ref if row.case is not None else "",
        what=row.what,
        reason=row.reason,
        made_by=row.made_by_label,
        period_from=row.period_from,
        period_until=row.period_until,
        incident_id=row.incident_id,  # type: ignore[attr-defined]
    )


def view(disclosure_id: int) -> DisclosureView:
    return _view(Disclosure.get_by_id(disclosure_id))


def for_case(case_ref: str) -> list[DisclosureView]:
    """The case's disclosure log, newest first."""
    query = (
        Disclosure.select(Disclosure, Case)
        .join(Case)
        .where(Case.ref == case_ref)
        .order_by(Disclosure.at.desc(), Disclosure.id.desc())
    )
    return [_view(row) for row in query]
