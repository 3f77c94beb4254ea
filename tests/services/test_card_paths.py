"""One card-issuing path: the screen and `kiosk card` issue, audit and count use alike."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path

import pytest

from kiosk.cli import main
from kiosk.clock import FixedClock
from kiosk.services import store
from kiosk.services.cards import issue as card_issue
from kiosk.services.staff.auth import StaffMember
from models import AuditEntry, Card, Case, DbConfig, Person, Role
from tests.support.builders import PASSPHRASE, make_case

OPENED = datetime(2024, 1, 10, 9, 0)


def _last_used(ref: str) -> tuple[datetime, set[datetime]]:
    case = Case.get(Case.ref == ref)
    return case.last_used_at, {p.last_used_at for p in Person.select().where(Person.case == case)}


def test_a_card_issued_from_the_screen_counts_as_use_of_the_case_and_is_audited(
    coordinator: StaffMember,
    clock: FixedClock,
    tmp_path: Path,
) -> None:
    case = make_case("CASE-1", OPENED)
    rosa = Person.get(Person.case == case, Person.role == Role.RESIDENT.value)
    issued = card_issue.issue(rosa.id, coordinator, clock, folder=tmp_path)
    # Retention counts from the last use: an issued card restarts the clock.
    assert _last_used("CASE-1") == (clock.now(), {clock.now()})
    entry = AuditEntry.get(AuditEntry.action == "issue_card")
    assert (entry.target, entry.detail, entry.actor_label) == (
        f"person:{rosa.id}",
        f"card:{issued.card_id}",
        f"volunteer:{coordinator.id}",
    )


def test_a_card_issued_by_the_command_counts_as_use_of_the_case(
    db: DbConfig, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    make_case("CASE-1", OPENED)
    store.close()
    monkeypatch.setenv("KIOSK_PASSPHRASE", PASSPHRASE)
    out = tmp_path / "rosa.png"
    assert (
        main(
            ["card", "--db", str(db.path), "--case", "CASE-1", "--role", "resident", "-o", str(out)]
        )
        == 0
    )
    store.open_store(db)
    last, people = _last_used("CASE-1")
    assert last > OPENED + timedelta(days=365) and people == {last}
    entry = AuditEntry.get(AuditEntry.action == "issue_card")
    card_id = Card.get(Card.revoked_at.is_null()).id
    assert (entry.detail, entry.actor_label) == (f"card:{card_id}", "cli")
