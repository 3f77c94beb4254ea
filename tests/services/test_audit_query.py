"""Filtering the audit log by date, actor and action."""

from __future__ import annotations

from datetime import date, datetime

from kiosk.services.release import audit_query
from kiosk.services.release.audit_query import AuditFilter
from kiosk.services.staff.auth import StaffMember
from kiosk.services.store import audit
from tests.support.builders import volunteer_row


def _log(coordinator: StaffMember) -> None:
    staff = volunteer_row(coordinator)
    audit.record(
        "sign_in", datetime(2026, 11, 1, 9, 0), target=f"volunteer:{staff.id}", actor=staff
    )
    audit.record("view_case", datetime(2026, 11, 2, 10, 0), target="case:1", actor=staff)
    audit.record("export", datetime(2026, 11, 3, 11, 0), target="disclosure:1", actor_label="cli")
    audit.record("sign_in_failed", datetime(2026, 11, 3, 12, 0), actor_label="unknown")


def test_everything_newest_first(coordinator: StaffMember) -> None:
    _log(coordinator)
    lines = audit_query.search(AuditFilter())
    assert [line.action for line in lines] == ["sign_in_failed", "export", "view_case", "sign_in"]
    assert lines[-1].actor == "Alex Morgan" and lines[1].actor == "cli"


def test_filters_combine(coordinator: StaffMember) -> None:
    _log(coordinator)
    by_date = audit_query.search(AuditFilter(since=date(2026, 11, 2), until=date(2026, 11, 2)))
    assert [line.action for line in by_date] == ["view_case"]
    assert [line.action for line in audit_query.search(AuditFilter(actor="alex"))] == [
        "view_case",
        "sign_in",
    ]
    assert [line.target for line in audit_query.search(AuditFilter(action="export"))] == [
        "disclosure:1"
    ]
    assert audit_query.search(AuditFilter(actor="alex", action="export")) == []
    # LIKE's wildcards are taken literally.
    assert audit_query.search(AuditFilter(actor="%")) == []


def test_actions_for_the_filter(coordinator: StaffMember) -> None:
    _log(coordinator)
    assert audit_query.actions() == ["export", "sign_in", "sign_in_failed", "view_case"]
