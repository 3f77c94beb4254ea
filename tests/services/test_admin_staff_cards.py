"""Volunteers, declarations, PINs and cards as plain service calls."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
import zxingcpp
from PIL import Image

from kiosk.clock import FixedClock
from kiosk.services.cards import issue as card_issue
from kiosk.services.cards.tokens import token_hash
from kiosk.services.cases import case_file as cases
from kiosk.services.staff import auth
from kiosk.services.staff.auth import StaffMember
from kiosk.services.staff.volunteers import (
    VolunteerData,
    declarations,
    declare,
    reset_secret,
    save_volunteer,
    withdraw_declaration,
)
from kiosk.services.store import settings
from kiosk.services.store.forms import FormError
from models import AuditEntry, Card, DbsLevel, Role, StaffRole, Volunteer
from tests.support.builders import sample_file

PRIYA = VolunteerData(
    "Priya Shah",
    StaffRole.VOLUNTEER,
    "101234567890",
    date(2025, 3, 1),
    DbsLevel.ENHANCED_BARRED,
    True,
)


def test_create_volunteer_who_can_then_sign_in(coordinator: StaffMember, clock: FixedClock) -> None:
    saved = save_volunteer(PRIYA, coordinator, clock, "135790")
    assert saved.id is not None and saved.has_secret
    assert saved.dbs_level is DbsLevel.ENHANCED_BARRED
    assert auth.sign_in("Priya Shah", "135790", clock).ok


def test_volunteer_problems_are_per_field(coordinator: StaffMember, clock: FixedClock) -> None:
    bad = replace(PRIYA, name=" ", dbs_number="1234", dbs_issued_on=date(2027, 1, 1))
    with pytest.raises(FormError) as caught:
        save_volunteer(bad, coordinator, clock, "12")
    assert {p.field for p in caught.value.problems} == {
        "name",
        "dbs_number",
        "dbs_issued_on",
        "secret",
    }
    assert Volunteer.select().count() == 1  # only the co-ordinator


def test_dbs_level_and_date_come_with_the_number(
    coordinator: StaffMember, clock: FixedClock
) -> None:
    with pytest.raises(FormError) as caught:
        save_volunteer(
            replace(PRIYA, dbs_level=None, dbs_issued_on=None), coordinator, clock, "135790"
        )
    assert {p.field for p in caught.value.problems} == {"dbs_level", "dbs_issued_on"}


def test_edit_and_reset_pin_lifts_a_lockout(coordinator: StaffMember, clock: FixedClock) -> None:
    saved = save_volunteer(PRIYA, coordinator, clock, "135790")
    for _ in range(auth.MAX_FAILURES):
        auth.sign_in("Priya Shah", "000000", clock)
    assert not auth.sign_in("Priya Shah", "135790", clock).ok  # locked
    edited = save_volunteer(replace(saved, dbs_update_service=False), coordinator, clock)
    assert edited.dbs_update_service is False
    reset_secret(saved.id or 0, "864200", coordinator, clock)
    assert auth.sign_in("Priya Shah", "864200", clock).ok
    assert AuditEntry.select().where(AuditEntry.action == "reset_secret").count() == 1


def test_declarations(coordinator: StaffMember, clock: FixedClock) -> None:
    case = cases.save_case(sample_file("K-1"), coordinator, clock)
    vol = save_volunteer(PRIYA, coordinator, clock, "135790")
    vid = vol.id or 0
    made = declare(vid, "K-1", date(2026, 11, 1), "neighbour", coordinator, clock)
    assert [d.case_ref for d in declarations(coordinator, vid)] == ["K-1"]
    with pytest.raises(FormError, match="already recorded"):
        declare(vid, "K-1", date(2026, 11, 1), "", coordinator, clock)
    with pytest.raises(FormError) as caught:
        declare(vid, "NOPE", None, "", coordinator, clock)
    assert {p.field for p in caught.value.problems} == {"decl_case", "decl_on"}
    withdraw_declaration(made.id, coordinator, clock)
    assert declarations(coordinator, vid) == []
    entry = AuditEntry.get(AuditEntry.action == "declare")
    assert (entry.target, entry.detail) == (f"volunteer:{vid}", f"case:{case.id}")


def _resident_id(coordinator: StaffMember, clock: FixedClock) -> int:
    saved = cases.save_case(sample_file(), coordinator, clock)
    resident = saved.person(Role.RESIDENT)
    assert resident is not None and resident.id is not None
    return resident.id


def test_issue_writes_a_card_that_decodes_and_names_nobody_else(
    coordinator: StaffMember, clock: FixedClock, tmp_path: Path
) -> None:
    person_id = _resident_id(coordinator, clock)
    issued = card_issue.issue(person_id, coordinator, clock, folder=tmp_path / "cards")
    assert issued.path == tmp_path / "cards" / f"card-{issued.card_id}.png"
    decoded = zxingcpp.read_barcodes(Image.open(issued.path))
    assert [d.text for d in decoded] == [issued.token]
    assert Card.get(Card.token_hash == token_hash(issued.token)).revoked_at is None
    raw = issued.path.read_bytes()
    for other in (b"Victor", b"Stone", b"07700 900222", b"victor@", b"Heron", b"ZZ9"):
        assert other not in raw
    status = card_issue.status(person_id, coordinator, tmp_path / "cards")
    assert status.card_id == issued.card_id and status.file == issued.path


def test_reissue_revokes_the_old_card_and_its_file(
    coordinator: StaffMember, clock: FixedClock, tmp_path: Path
) -> None:
    person_id = _resident_id(coordinator, clock)
    first = card_issue.issue(person_id, coordinator, clock, folder=tmp_path)
    second = card_issue.issue(person_id, coordinator, clock, folder=tmp_path)
    assert not first.path.exists() and second.path.exists()
    assert Card.get_by_id(first.card_id).revoked_at == clock.now()


def test_revoke(coordinator: StaffMember, clock: FixedClock, tmp_path: Path) -> None:
    person_id = _resident_id(coordinator, clock)
    issued = card_issue.issue(person_id, coordinator, clock, folder=tmp_path)
    assert card_issue.revoke(person_id, coordinator, clock, folder=tmp_path) == 1
    assert not issued.path.exists()
    assert Card.get_by_id(issued.card_id).revoked_at == clock.now()
    assert card_issue.status(person_id, coordinator, tmp_path).card_id is None
    assert card_issue.revoke(person_id, coordinator, clock, folder=tmp_path) == 0
    assert AuditEntry.get(AuditEntry.action == "revoke_card").target == f"person:{person_id}"


def test_unwritable_folder_issues_no_card(
    coordinator: StaffMember, clock: FixedClock, tmp_path: Path
) -> None:
    person_id = _resident_id(coordinator, clock)
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x")
    with pytest.raises(card_issue.CardFileError, match="cannot write the card"):
        card_issue.issue(person_id, coordinator, clock, folder=blocker)
    assert Card.select().count() == 0


def test_a_renderer_can_be_passed_in(
    coordinator: StaffMember, clock: FixedClock, tmp_path: Path
) -> None:
    person_id = _resident_id(coordinator, clock)
    faces: list[card_issue.CardFace] = []

    def render(face: card_issue.CardFace) -> tuple[bytes, str]:
        faces.append(face)
        return face.token.encode(), ".txt"

    issued = card_issue.issue(person_id, coordinator, clock, folder=tmp_path, render=render)
    assert issued.path.read_text() == issued.token
    assert faces[0].first_name == "Rosa" and faces[0].issued_on == date(2026, 11, 21)


def test_export_folder_is_a_setting(db: object, tmp_path: Path) -> None:
    assert card_issue.export_folder().name == "cards"
    settings.put(card_issue.EXPORT_FOLDER_KEY, str(tmp_path / "print"))
    assert card_issue.export_folder() == tmp_path / "print"
