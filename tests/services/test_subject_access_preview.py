"""Before the files are released: every redaction previewed in context, terms added, and the
disclosure log counting what was redacted without ever saying what."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kiosk.clock import FixedClock
from kiosk.services.release import subject_access
from kiosk.services.release.subject_access import SubjectAccessRefused
from models import AuditEntry, DbConfig, Disclosure
from tests.support import release_data as family


def test_the_preview_shows_each_redaction_in_context_and_writes_nothing(
    db: DbConfig, clock: FixedClock, tmp_path: Path
) -> None:
    family.family_case("C-1", clock.now())
    seen = subject_access.preview("C-1", "resident", clock.now())
    assert [(r.where, r.kind, r.said) for r in seen.redactions] == [
        ("your check-ins and check-outs 1: note", "name", "Victor Hargreave"),
        ("your check-ins and check-outs 1: note", "phone", "07700 900222"),
    ]
    first = seen.redactions[0]
    assert first.before == "Card left at home;" and first.after == "confirmed by phone [redacted]"
    assert seen.summary == "2 redactions: 1 name, 1 phone number"
    assert not (tmp_path / "sar").exists()
    assert Disclosure.select().count() == 0 and AuditEntry.select().count() == 0


def test_an_added_term_is_previewed_redacted_and_counted(
    db: DbConfig, clock: FixedClock, tmp_path: Path
) -> None:
    family.family_case("C-1", clock.now())
    added = ["Card left", "  "]
    seen = subject_access.preview("C-1", "resident", clock.now(), added=added)
    assert ("added term", "Card left") in [(r.kind, r.said) for r in seen.redactions]
    result = subject_access.export("C-1", "resident", tmp_path, clock.now(), None, added=added)
    held = json.loads(result.json_path.read_text(encoding="utf-8"))
    assert held["your check-ins and check-outs"][0]["note"] == (
        "[redacted] at home; [redacted] confirmed by phone [redacted]"
    )
    assert [r.kind for r in result.redactions] == [r.kind for r in seen.redactions]


def test_the_disclosure_log_counts_the_redactions_and_never_says_what(
    db: DbConfig, clock: FixedClock, tmp_path: Path
) -> None:
    family.family_case("C-1", clock.now())
    result = subject_access.export(
        "C-1", "resident", tmp_path, clock.now(), None, added=["Card left"]
    )
    row = Disclosure.get_by_id(result.disclosure_id)
    assert row.what.endswith("3 redactions: 1 name, 1 phone number, 1 added term; not previewed")
    for said in ("Victor", "Hargreave", "07700", "Card left"):
        assert said not in row.what and said not in row.recipient
    entry = AuditEntry.get(AuditEntry.action == "disclosure_subject_access")
    assert "Victor" not in entry.detail and "Card" not in entry.detail


@pytest.mark.parametrize("term", ["Victor\x1b[2J", "Vic\u202etor"])
def test_an_added_term_with_control_characters_is_refused_naming_the_field(
    db: DbConfig, clock: FixedClock, tmp_path: Path, term: str
) -> None:
    family.family_case("C-1", clock.now())
    with pytest.raises(SubjectAccessRefused, match=r"^a term to redact contains control"):
        subject_access.preview("C-1", "resident", clock.now(), added=[term])
    with pytest.raises(SubjectAccessRefused, match=r"^a term to redact contains control"):
        subject_access.export("C-1", "resident", tmp_path / "sar", clock.now(), None, added=[term])
    assert Disclosure.select().count() == 0 and not (tmp_path / "sar").exists()
