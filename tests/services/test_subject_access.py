"""Subject access: the subject's own data complete, every other adult redacted."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from pypdf import PdfReader

from kiosk.clock import FixedClock
from kiosk.services.release import subject_access
from kiosk.services.release.subject_access import SubjectAccessRefused
from kiosk.services.staff.auth import StaffMember
from kiosk.services.store.private_files import FileExists
from models import AuditEntry, BookingState, Card, Consent, DbConfig, Disclosure, Person, Role
from tests.support import release_data as family
from tests.support.builders import add_person, make_booking, make_case, person


def _outputs(result: subject_access.SubjectAccessResult) -> tuple[str, str]:
    as_json = result.json_path.read_text(encoding="utf-8")
    as_pdf = "\n".join(p.extract_text() for p in PdfReader(result.pdf_path).pages)
    return as_json, as_pdf


def _prepare(clock: FixedClock) -> None:
    case = family.family_case("C-1", clock.now())
    resident = person(case, Role.RESIDENT)
    Consent.create(
        person=resident, recipient="Her solicitor", scope="attendance", given_on=date(2026, 3, 1)
    )
    Card.create(person=resident, token_hash="a" * 64, issued_at=clock.now())
    # A third adult (a grandparent who brings the children) is redacted too.
    add_person(
        case,
        Role.ADULT,
        "Gwendolyn",
        clock.now(),
        last_name="Ashcombe",
        phone="07700 900333",
        email="gwen@example.test",
        address="7 Mill Lane, Ashby",
        postcode="ZZ3 3GG",
    )


@pytest.mark.parametrize(
    ("role", "own", "other"),
    [
        ("resident", family.RESIDENT, family.VISITING),
        ("visiting", family.VISITING, family.RESIDENT),
    ],
)
def test_own_data_complete_and_other_adults_absent(
    db: DbConfig,
    clock: FixedClock,
    tmp_path: Path,
    role: str,
    own: dict[str, str],
    other: dict[str, str],
) -> None:
    _prepare(clock)
    result = subject_access.export("C-1", role, tmp_path / "sar", clock.now(), None)
    as_json, as_pdf = _outputs(result)
    third = ["Gwendolyn", "Ashcombe", "07700 900333", "gwen@example.test", "7 Mill Lane", "ZZ3 3GG"]
    for text in (as_json, as_pdf):
        for value in family.identifying(other) + third + list(family.REFERRER_CONTACT):
            assert value.casefold() not in text.casefold(), value
        assert "07700900222" not in text and "07700900111" not in text.replace(own["phone"], "")
    held = json.loads(as_json)
    for key, label in [
        ("first_name", "first name"),
        ("last_name", "last name"),
        ("phone", "phone"),
        ("email", "e-mail"),
        ("address", "address"),
        ("postcode", "postcode"),
    ]:
        assert held["you"][label] == own[key]
        assert own[key] in as_pdf
    assert held["children"] == ["Mia", "Leo"]
    assert held["case"]["referred by"] == family.REFERRER
    assert len(held["sessions"]) == 5
    assert {s["outcome"] for s in held["sessions"]} >= {"attended", "booked"}


def test_resident_sees_own_events_with_other_names_scrubbed(
    db: DbConfig, clock: FixedClock, tmp_path: Path
) -> None:
    _prepare(clock)
    held = json.loads(
        subject_access.export("C-1", "resident", tmp_path, clock.now(), None).json_path.read_text()
    )
    events = held["your check-ins and check-outs"]
    assert [e["event"] for e in events] == ["check-in", "check-out"]
    assert events[0]["note"] == "Card left at home; [redacted] confirmed by phone [redacted]"
    assert held["consents you gave"] == [
        {"to": "Her solicitor", "scope": "attendance", "given on": "2026-03-01"}
    ]
    assert len(held["cards"]) == 1
    assert held["sessions"][0]["you arrived"] == "10:01"
    # Risk notes are never part of this route.
    assert "must not learn" not in json.dumps(held)


def test_subject_access_is_logged(
    coordinator: StaffMember, clock: FixedClock, tmp_path: Path
) -> None:
    _prepare(clock)
    staff = coordinator
    result = subject_access.export("C-1", "visiting", tmp_path, clock.now(), staff)
    row = Disclosure.get_by_id(result.disclosure_id)
    assert row.kind == "subject_access" and row.made_by_id == staff.id
    assert f"person:{result.person_id}" in row.recipient
    assert "Victor" not in row.recipient
    entry = AuditEntry.get(AuditEntry.action == "disclosure_subject_access")
    assert entry.target == f"disclosure:{row.id}"


def test_adult_role_and_ambiguity(db: DbConfig, clock: FixedClock, tmp_path: Path) -> None:
    _prepare(clock)
    result = subject_access.export("C-1", "adult", tmp_path, clock.now(), None)
    as_json, _ = _outputs(result)
    assert "Gwendolyn" in as_json and "Rosalind" not in as_json and "Victor" not in as_json
    case = Person.get_by_id(result.person_id).case
    add_person(case, Role.ADULT, "Bert", clock.now())
    with pytest.raises(SubjectAccessRefused, match="several other adults"):
        subject_access.export("C-1", "adult", tmp_path, clock.now(), None)
    # The same subject again: the files are there, so replacing them must be asked for.
    with pytest.raises(FileExists, match="already exists"):
        subject_access.export(
            "C-1", "adult", tmp_path, clock.now(), None, person_id=result.person_id
        )
    subject_access.export(
        "C-1", "adult", tmp_path, clock.now(), None, person_id=result.person_id, replace=True
    )


def test_unknown_case_or_role(db: DbConfig, clock: FixedClock, tmp_path: Path) -> None:
    _prepare(clock)
    with pytest.raises(SubjectAccessRefused, match="no case"):
        subject_access.export("NOPE", "resident", tmp_path, clock.now(), None)
    with pytest.raises(SubjectAccessRefused, match="unknown role"):
        subject_access.export("C-1", "judge", tmp_path, clock.now(), None)
    assert Disclosure.select().count() == 0


@pytest.mark.parametrize("other_arrived", [False, True])
def test_a_session_under_way_reads_the_same_whatever_the_other_parent_did(
    db: DbConfig, clock: FixedClock, tmp_path: Path, other_arrived: bool
) -> None:
    # Subject access goes to a parent: the outcome of today's session must not say whether
    # the other parent has arrived (the separation rule), only what follows from their own.
    case = make_case("C-2", clock.now())
    booking = make_booking(case, clock.now().replace(hour=8, minute=30))
    if other_arrived:
        checkin_at = clock.now().replace(hour=8, minute=20)
        family.checked(booking, person(case, Role.RESIDENT), "in", checkin_at)
        booking.state = BookingState.FIRST_IN.value
        booking.save()
    result = subject_access.export("C-2", "visiting", tmp_path, clock.now(), None)
    held = json.loads(result.json_path.read_text(encoding="utf-8"))
    assert [s["outcome"] for s in held["sessions"]] == ["booked"]


def test_a_field_longer_than_a_page_is_still_made_whole(
    coordinator: StaffMember, clock: FixedClock, tmp_path: Path
) -> None:
    # An imported address of 'flat ' x 1,600 (8,000 characters) ended the kiosk: the
    # PDF's table row was taller than a page (fpdf2 ValueError).
    _prepare(clock)
    long_address = "flat " * 1600
    Person.update(address=long_address).where(
        Person.id == person(family.Case.get(family.Case.ref == "C-1"), Role.VISITING).id
    ).execute()
    result = subject_access.export("C-1", "visiting", tmp_path, clock.now(), coordinator)
    data = json.loads(result.json_path.read_text(encoding="utf-8"))
    assert long_address.strip() in json.dumps(data)
    text = "".join(page.extract_text() for page in PdfReader(result.pdf_path).pages)
    assert text.count("flat") >= 1600
