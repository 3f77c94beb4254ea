"""The card screen's A4 sheets where the export folder cannot be made: one line, and the
kiosk keeps running (as the single card's Issue button does)."""

from __future__ import annotations

from pathlib import Path

from kiosk.clock import FixedClock
from kiosk.services.cases import case_file as cases
from kiosk.services.staff.auth import StaffMember
from kiosk.services.store import settings
from models import Card, Role
from screens.coordinator.card import CardScreen
from tests.support.builders import sample_file
from tests.support.pilots import ADMIN_SIZE, HostApp, click, text_of, until


def _blocked_exports(tmp_path: Path) -> Path:
    # A file where the folder's parent should be: refused whoever runs the tests (even root).
    (tmp_path / "blocked").write_text("not a folder\n")
    folder = tmp_path / "blocked" / "exports"
    settings.put("export_dir", str(folder))
    return folder


async def test_sheets_refuse_in_one_line_when_the_export_folder_cannot_be_made(
    coordinator: StaffMember, clock: FixedClock, tmp_path: Path
) -> None:
    person = cases.save_case(sample_file(), coordinator, clock).person(Role.RESIDENT)
    assert person is not None and person.id is not None
    person_id = person.id
    folder = _blocked_exports(tmp_path)
    app = HostApp(lambda: CardScreen(coordinator, clock, person_id, folder=tmp_path / "cards"))
    async with app.run_test(size=ADMIN_SIZE) as pilot:
        await click(pilot, "#issue")
        await click(pilot, "#yes")  # the question before a new card
        await until(pilot, lambda: "issued" in text_of(app.screen, "#status"))
        await click(pilot, "#todays-sheet")
        await until(pilot, lambda: "cannot make" in text_of(app.screen, "#errors"))
        said = text_of(app.screen, "#errors")
        assert said.startswith(f"cannot make the folder {folder}") and "\n" not in said
        await click(pilot, "#case-sheet")
        await click(pilot, "#yes")
        await until(pilot, lambda: "No card was issued" in text_of(app.screen, "#errors"))
        assert isinstance(app.screen, CardScreen)
        assert app.return_code is None
    # The one card issued before stays the only card; no sheet's cards were issued.
    assert Card.select().where(Card.person == person_id).count() == 1
    assert Card.select().count() == 1


async def test_a_replaced_cards_file_that_cannot_be_deleted_leaves_the_kiosk_running(
    coordinator: StaffMember, clock: FixedClock, tmp_path: Path
) -> None:
    # The card is on record as revoked whatever becomes of its file: a file the folder
    # will not let go (read-only, or here a folder in its place) is no reason to stop.
    person = cases.save_case(sample_file(), coordinator, clock).person(Role.RESIDENT)
    assert person is not None and person.id is not None
    person_id = person.id
    cards = tmp_path / "cards"
    app = HostApp(lambda: CardScreen(coordinator, clock, person_id, folder=cards))
    async with app.run_test(size=ADMIN_SIZE) as pilot:
        await click(pilot, "#issue")
        await click(pilot, "#yes")  # the question before a new card
        await until(pilot, lambda: "Card 1 issued" in text_of(app.screen, "#status"))
        (cards / "card-1.png").unlink()
        (cards / "card-1.png").mkdir()
        await click(pilot, "#issue")
        await click(pilot, "#yes")  # the question before a new card
        await until(pilot, lambda: "Card 2 issued" in text_of(app.screen, "#status"))
        (cards / "card-2.png").unlink()
        (cards / "card-2.png").mkdir()
        await click(pilot, "#revoke")
        await until(
            pilot,
            lambda: "1 card revoked: it no longer checks in" in text_of(app.screen, "#status"),
        )
        assert app.return_code is None
    assert Card.select().where(Card.revoked_at.is_null()).count() == 0
