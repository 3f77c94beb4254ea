"""The audit log says which case a record belongs to, and refuses an action it never held."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest

from kiosk.cli import main
from kiosk.clock import FixedClock
from kiosk.services import store
from kiosk.services.cases import case_file as cases
from kiosk.services.release import audit_query
from kiosk.services.release.audit_query import AuditFilter
from kiosk.services.staff.auth import StaffMember
from kiosk.services.store import audit
from models import Booking, Case, DbConfig, Person
from tests.support.builders import make_booking, sample_file


def test_each_line_names_the_case_of_its_record(
    coordinator: StaffMember, clock: FixedClock
) -> None:
    saved = cases.save_case(sample_file(), coordinator, clock)
    rosa = Person.get(Person.case == saved.id, Person.first_name == "Rosa")
    booking = make_booking(Case.get_by_id(saved.id), clock.now())
    at = clock.now()
    audit.record("issue_card", at, target=f"person:{rosa.id}", actor_label="cli")
    audit.record("cancel_booking", at, target=f"booking:{booking.id}", actor_label="cli")
    audit.record("view_case", at, target="case:9999", actor_label="cli")  # since purged
    audit.record("sign_in", at, target=f"volunteer:{coordinator.id}", actor_label="cli")
    lines = {line.target: line.case_ref for line in audit_query.search(AuditFilter())}
    assert lines[f"case:{saved.id}"] == saved.ref
    assert lines[f"person:{rosa.id}"] == saved.ref
    assert lines[f"booking:{booking.id}"] == saved.ref
    assert lines["case:9999"] == ""
    assert lines[f"volunteer:{coordinator.id}"] == ""
    # A reference, never a person's details.
    assert not any("Rosa" in r or "Quill" in r for r in lines.values())
    assert Booking.select().count() == 1


def test_an_unknown_action_is_refused_naming_those_held(
    db: DbConfig, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    audit.record("sign_in", datetime(2026, 11, 1, 9, 0), actor_label="cli")
    audit.record("view_case", datetime(2026, 11, 1, 9, 5), target="case:1", actor_label="cli")
    store.close()
    secret = tmp_path / "passphrase"
    secret.write_text(db.passphrase + "\n", encoding="utf-8")
    args = ["audit", "--db", str(db.path), "--passphrase-file", str(secret)]
    assert main([*args, "--action", "nonsense"]) == 2
    out = capsys.readouterr()
    assert out.out == ""
    assert out.err.strip().count("\n") == 0
    assert "'nonsense'" in out.err and "sign_in, view_case" in out.err
    assert main([*args, "--action", "sign_in", "--from", "01/11/2026"]) == 0
    assert capsys.readouterr().out.count("\n") == 1


def test_the_terminal_names_the_case_as_the_screen_does(
    db: DbConfig,
    tmp_path: Path,
    coordinator: StaffMember,
    clock: FixedClock,
    capsys: pytest.CaptureFixture[str],
) -> None:
    saved = cases.save_case(sample_file(), coordinator, clock)
    audit.record("view_case", clock.now(), target=f"case:{saved.id}", actor_label="cli")
    store.close()
    secret = tmp_path / "passphrase"
    secret.write_text(db.passphrase + "\n", encoding="utf-8")
    args = ["audit", "--db", str(db.path), "--passphrase-file", str(secret)]
    assert main([*args, "--action", "view_case"]) == 0
    out = capsys.readouterr().out
    assert f"\tcase:{saved.id} ({saved.ref})\t" in out
    assert "Rosa" not in out  # a reference, never a person's details
