"""Safeguarding disclosures: only for the two grounds, complete, and logged."""

from __future__ import annotations

from datetime import timedelta

import pytest

from kiosk.clock import FixedClock
from kiosk.services.release import disclosures
from kiosk.services.release.disclosures import DisclosureRefused, Reason
from kiosk.services.staff.auth import StaffMember
from models import AuditEntry, DbConfig, Disclosure
from tests.support.release_data import family_case


def test_safeguarding_disclosure_is_recorded_and_audited(
    coordinator: StaffMember, clock: FixedClock
) -> None:
    case = family_case("C-1", clock.now())
    shared_at = clock.now() - timedelta(hours=2)
    view = disclosures.record_safeguarding(
        "C-1",
        recipient="Children's Services",
        reason=Reason.CHILD_AT_RISK,
        what="Attendance record and the incident of 14 November",
        shared_at=shared_at,
        now=clock.now(),
        by=coordinator,
    )
    row = Disclosure.get_by_id(view.id)
    assert (row.kind, row.recipient, row.reason) == (
        "safeguarding",
        "Children's Services",
        "child_at_risk",
    )
    assert row.at == shared_at and row.case_id == case.id and row.made_by_id == coordinator.id
    assert view.what == "Attendance record and the incident of 14 November"
    entry = AuditEntry.get(AuditEntry.action == "disclosure_safeguarding")
    assert entry.target == f"disclosure:{view.id}" and entry.detail == f"case:{case.id}"
    assert "incident" not in entry.detail  # the audit names records, never what was shared
    assert [d.id for d in disclosures.for_case("C-1")] == [view.id]


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"reason": "the father asked"}, "reason must be one of"),
        ({"recipient": " "}, "who the information was shared with"),
        ({"what": ""}, "what was shared"),
        ({"case_ref": "NOPE"}, "no case"),
    ],
)
def test_incomplete_disclosure_refused(
    db: DbConfig, clock: FixedClock, changes: dict[str, str], message: str
) -> None:
    family_case("C-1", clock.now())
    args: dict[str, object] = {
        "case_ref": "C-1",
        "recipient": "Police",
        "reason": Reason.VIOLENCE_RISK.value,
        "what": "Dates of attendance",
    }
    args.update(changes)
    with pytest.raises(DisclosureRefused, match=message):
        disclosures.record_safeguarding(
            str(args.pop("case_ref")),
            shared_at=clock.now(),
            now=clock.now(),
            by=None,
            **args,  # type: ignore[arg-type]
        )
    assert Disclosure.select().count() == 0


def test_future_time_refused(db: DbConfig, clock: FixedClock) -> None:
    family_case("C-1", clock.now())
    with pytest.raises(DisclosureRefused, match="future"):
        disclosures.record_safeguarding(
            "C-1",
            recipient="Police",
            reason="violence_risk",
            what="x",
            shared_at=clock.now() + timedelta(hours=1),
            now=clock.now(),
            by=None,
        )
