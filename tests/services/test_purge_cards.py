"""A purge takes the destroyed people's card files with them, and nobody else's."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from kiosk.clock import FixedClock
from kiosk.services.cards import issue as card_issue
from kiosk.services.retention import purge as retention
from kiosk.services.staff.auth import StaffMember
from kiosk.services.store import settings
from models import Card, Case, Role
from tests.support.builders import make_case, person


def _cards(case: Case, staff: StaffMember, clock: FixedClock) -> list[Path]:
    """A card for each parent, issued the usual way into the card folder."""
    return [
        card_issue.issue(person(case, r).id, staff, clock).path for r in Role if r != Role.ADULT
    ]


def test_purge_removes_the_card_files_of_the_people_it_destroys(
    coordinator: StaffMember,
    clock: FixedClock,
    tmp_path: Path,
) -> None:
    folder = tmp_path / "cards"
    settings.put(card_issue.EXPORT_FOLDER_KEY, str(folder))
    now = clock.now()
    old = make_case("OLD", now, resident="Olive", visiting="Oscar")
    kept = make_case("KEPT", now, resident="Kara", visiting="Kit")
    old_files, kept_files = _cards(old, coordinator, clock), _cards(kept, coordinator, clock)
    # A revoked card's file that was left behind (removed by hand, say, then restored).
    revoked = Card.create(
        person=person(old, Role.RESIDENT), token_hash="x", issued_at=now, revoked_at=now
    )
    stray = folder / f"card-{revoked.id}.pdf"
    stray.write_bytes(b"old card")
    other = folder / "notes.txt"
    other.write_text("not a card", encoding="utf-8")
    # Issuing counted as use; the old case then goes unused for four years.
    Case.update(last_used_at=now - timedelta(days=4 * 365)).where(Case.id == old.id).execute()
    assert all(p.exists() for p in [*old_files, *kept_files, stray])

    result = retention.purge(now.date(), now)

    assert result.case_refs == ["OLD"]
    assert not any(p.exists() for p in [*old_files, stray])
    assert all(p.exists() for p in kept_files) and other.exists()
    assert result.card_files == 3
