"""Incidents reach the co-ordinator and are followed up: read, noted, acted on, closed."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
from peewee import IntegrityError
from pypdf import PdfReader

from kiosk.clock import FixedClock
from kiosk.services.door import logbooks
from kiosk.services.release import disclosures, exports, subject_access
from kiosk.services.release.exports import ExportRequest
from kiosk.services.safeguarding import follow_up, incidents
from kiosk.services.safeguarding.incidents import Action, IncidentRefused, Status
from kiosk.services.staff.auth import StaffMember
from kiosk.services.store.forms import FormError
from models import AuditEntry, Booking, Disclosure, Incident, IncidentNote
from tests.support.builders import door_day
from tests.support.release_data import REFERRER, RESIDENT, family_case

CONCERN = "Mia said her dad shouted at her in the car park"
NOTE = "Spoke to Mia's mother; she is worried about handovers"
WHAT = "The concern as recorded at the door, and the date of the session"


def _concern(volunteer: StaffMember, clock: FixedClock, text: str = CONCERN) -> int:
    ba, _ = door_day(clock.now())
    return logbooks.incident(volunteer, ba.id, text, clock)


def _audit_text() -> str:
    return "\n".join(f"{a.action} {a.target} {a.detail}" for a in AuditEntry.select())


def test_a_new_concern_is_new_until_the_coordinator_opens_it(
    volunteer: StaffMember, coordinator: StaffMember, clock: FixedClock
) -> None:
    number = _concern(volunteer, clock)
    clock.advance(minutes=30)
    centre_wide = logbooks.incident(volunteer, None, "A man waited outside the gate", clock)
    concerns = incidents.new_concerns()
    assert concerns.count == 2 and concerns.newest is not None
    assert concerns.newest.id == centre_wide
    assert "2 new safeguarding concerns" in concerns.message
    assert "by Priya Shah about the centre" in concerns.message
    assert "gate" not in concerns.message  # the home never shows what a concern says
    listed = incidents.list_incidents(coordinator)
    assert [(i.id, i.status, i.case_ref, i.recorded_by) for i in listed] == [
        (centre_wide, Status.NEW, "", "Priya Shah"),
        (number, Status.NEW, "CASE-A", "Priya Shah"),
    ]

    detail = incidents.open_incident(coordinator, number, clock.now())

    assert detail.description == CONCERN
    assert (detail.summary.recorded_by, detail.summary.at) == (
        "Priya Shah",
        clock.now() - timedelta(minutes=30),
    )
    assert incidents.new_concerns().count == 1
    assert [i.status for i in incidents.list_incidents(coordinator)] == [
        Status.NEW,
        Status.UNDER_REVIEW,
    ]
    viewed = AuditEntry.get(AuditEntry.action == "incident_viewed")
    assert (viewed.target, viewed.actor_id) == (f"incident:{number}", coordinator.id)
    assert "Mia" not in _audit_text() and "gate" not in _audit_text()


def test_a_volunteer_may_not_read_or_follow_up_an_incident(
    volunteer: StaffMember, clock: FixedClock
) -> None:
    number = _concern(volunteer, clock)
    with pytest.raises(IncidentRefused, match="Only the co-ordinator"):
        incidents.list_incidents(volunteer)
    with pytest.raises(IncidentRefused):
        incidents.open_incident(volunteer, number, clock.now())
    with pytest.raises(IncidentRefused):
        follow_up.add_note(volunteer, number, "I know more", clock.now())
    assert Incident.get_by_id(number).opened_at is None
    assert not AuditEntry.select().where(AuditEntry.action == "incident_viewed").exists()
    assert not IncidentNote.select().exists()


def test_follow_up_notes_are_appended_with_author_and_time(
    volunteer: StaffMember, coordinator: StaffMember, clock: FixedClock
) -> None:
    number = _concern(volunteer, clock)
    first = follow_up.add_note(coordinator, number, NOTE, clock.now())
    clock.advance(hours=1)
    follow_up.add_note(coordinator, number, "Called the referrer", clock.now())
    with pytest.raises(FormError, match="Note: write something first") as refused:
        follow_up.add_note(coordinator, number, "  ", clock.now())
    assert refused.value.problems[0].field == "note"
    with pytest.raises(FormError, match="Note: contains control characters"):
        follow_up.add_note(coordinator, number, "bad \x1b[2J", clock.now())

    notes = incidents.open_incident(coordinator, number, clock.now()).notes

    assert [(n.author, n.at, n.text) for n in notes] == [
        ("Alex Morgan", clock.now() - timedelta(hours=1), NOTE),
        ("Alex Morgan", clock.now(), "Called the referrer"),
    ]
    with pytest.raises(IntegrityError, match="append-only"):
        IncidentNote.update(text="changed").where(IncidentNote.id == first).execute()
    added = AuditEntry.select().where(AuditEntry.action == "incident_note_added")
    assert [a.detail for a in added] == [f"note:{first}", f"note:{first + 1}"]
    assert "Spoke" not in _audit_text() and "referrer" not in _audit_text()


def test_a_referral_creates_its_disclosure_record_linked_both_ways(
    volunteer: StaffMember, coordinator: StaffMember, clock: FixedClock
) -> None:
    number = _concern(volunteer, clock)
    with pytest.raises(FormError) as incomplete:
        follow_up.record_action(coordinator, number, Action.CHILDRENS_SERVICES, clock.now())
    assert [p.field for p in incomplete.value.problems] == ["reason", "what"]
    assert not Disclosure.select().exists()

    taken = follow_up.record_action(
        coordinator,
        number,
        Action.CHILDRENS_SERVICES,
        clock.now(),
        reason="child_at_risk",
        what=WHAT,
    )

    assert taken.disclosure_id is not None
    shared = disclosures.view(taken.disclosure_id)
    assert (shared.kind, shared.recipient, shared.reason, shared.case_ref) == (
        "safeguarding",
        "Children's Services",
        "child_at_risk",
        "CASE-A",
    )
    assert (shared.what, shared.made_by, shared.incident_id) == (WHAT, "Alex Morgan", number)
    assert [d.id for d in disclosures.for_case("CASE-A")] == [taken.disclosure_id]
    detail = incidents.open_incident(coordinator, number, clock.now())
    assert detail.action is Action.CHILDRENS_SERVICES
    assert [d.id for d in detail.disclosures] == [taken.disclosure_id]
    assert detail.notes[-1].text == (
        f"What was done: referred to Children's Services (disclosure {taken.disclosure_id})."
    )
    logged = AuditEntry.get(AuditEntry.action == "incident_action_recorded")
    assert logged.detail == f"childrens_services disclosure:{taken.disclosure_id}"
    assert "worried" not in _audit_text() and "session" not in _audit_text()


def test_closing_needs_what_was_done_and_an_outcome_and_ends_follow_up(
    volunteer: StaffMember, coordinator: StaffMember, clock: FixedClock
) -> None:
    number = _concern(volunteer, clock)
    with pytest.raises(FormError) as refused:
        follow_up.close(coordinator, number, "", clock.now())
    assert [p.field for p in refused.value.problems] == ["action", "outcome"]
    follow_up.record_action(coordinator, number, Action.NOTHING_FURTHER, clock.now())
    assert not Disclosure.select().exists()
    clock.advance(days=2)

    follow_up.close(coordinator, number, "Mother reassured; no further concern", clock.now())

    detail = incidents.open_incident(coordinator, number, clock.now())
    assert detail.summary.status is Status.CLOSED
    assert (detail.closed_at, detail.closed_by) == (clock.now(), "Alex Morgan")
    assert detail.outcome == "Mother reassured; no further concern"
    assert [i.id for i in incidents.list_incidents(coordinator, Status.CLOSED)] == [number]
    assert incidents.list_incidents(coordinator, Status.UNDER_REVIEW) == []
    for late in (
        lambda: follow_up.add_note(coordinator, number, "more", clock.now()),
        lambda: follow_up.close(coordinator, number, "again", clock.now()),
        lambda: follow_up.record_action(coordinator, number, Action.POLICE, clock.now()),
    ):
        with pytest.raises(IncidentRefused, match=f"Incident {number} is closed"):
            late()
    assert "reassured" not in _audit_text()


def test_an_unknown_incident_is_refused(coordinator: StaffMember, clock: FixedClock) -> None:
    with pytest.raises(IncidentRefused, match="There is no incident 7"):
        incidents.open_incident(coordinator, 7, clock.now())


def _everything_written(folder: Path) -> str:
    """The text of every file in folder: CSV and JSON as they are, PDFs as extracted."""
    texts = []
    for path in sorted(folder.iterdir()):
        if path.suffix == ".pdf":
            texts.append("\n".join(p.extract_text() for p in PdfReader(path).pages))
        else:
            texts.append(path.read_text(encoding="utf-8-sig"))
    return "\n".join(texts)


def test_no_referrer_export_or_subject_access_carries_an_incident(
    volunteer: StaffMember, coordinator: StaffMember, clock: FixedClock, tmp_path: Path
) -> None:
    case = family_case("C-1", clock.now())
    booking = Booking.select().where(Booking.case == case).order_by(Booking.starts_at).first()
    number = logbooks.incident(volunteer, booking.id, CONCERN, clock)
    follow_up.add_note(coordinator, number, NOTE, clock.now())
    follow_up.record_action(
        coordinator, number, Action.POLICE, clock.now(), reason="violence_risk", what=WHAT
    )
    follow_up.close(coordinator, number, "Police attended the next session", clock.now())
    folder = tmp_path / "out"
    folder.mkdir()
    for fmt in ("csv", "pdf"):
        request = ExportRequest("C-1", REFERRER, fmt)
        exports.export_attendance(request, folder / f"referrer.{fmt}", clock.now(), coordinator)
    for role in ("resident", "visiting"):
        subject_access.export("C-1", role, folder / role, clock.now(), coordinator)
        for path in (folder / role).iterdir():
            path.rename(folder / f"{role}-{path.name}")
        (folder / role).rmdir()
    written = _everything_written(folder)
    assert "attended" in written and RESIDENT["first_name"] in written  # the files are real
    for secret in (CONCERN, "shouted", NOTE, "worried", WHAT, "Police attended"):
        assert secret.casefold() not in written.casefold(), secret
