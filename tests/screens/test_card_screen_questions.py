"""The card screen as a new co-ordinator meets it: a new card is asked about first, naming
the person and the case, with the focus on keeping the card; a card with no file of its
own is not made to sound like a fault; and an error and a success never show together."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot

from kiosk.clock import FixedClock
from kiosk.services.cards import issue as card_issue
from kiosk.services.cases import case_file as cases
from kiosk.services.staff.auth import StaffMember
from kiosk.services.store import settings
from models import Card, Role
from screens.coordinator.card import CardScreen
from screens.widgets.confirm import ConfirmScreen
from tests.support.builders import sample_file
from tests.support.pilots import PARENT_SIZE, HostApp, click, text_of, until

Compare = Callable[..., bool]


def _resident(coordinator: StaffMember, clock: FixedClock) -> tuple[int, str, str]:
    saved = cases.save_case(sample_file(), coordinator, clock)
    person = saved.person(Role.RESIDENT)
    assert person is not None and person.id is not None
    return person.id, person.first_name, saved.ref


async def test_issue_new_card_asks_first_naming_the_person_and_case_and_enter_keeps_it(
    coordinator: StaffMember, clock: FixedClock, tmp_path: Path
) -> None:
    person_id, name, ref = _resident(coordinator, clock)
    first = card_issue.issue(person_id, coordinator, clock, folder=tmp_path)
    app = HostApp(lambda: CardScreen(coordinator, clock, person_id, folder=tmp_path))
    async with app.run_test(size=PARENT_SIZE) as pilot:
        await click(pilot, "#issue")
        assert isinstance(app.screen, ConfirmScreen)
        question = text_of(app.screen, "#question")
        assert f"Issue a new card to {name} (case {ref})?" in question
        assert f"{name}'s card now stops working." in question
        await pilot.press("enter")  # the stray Enter: the focus is on keeping the card
        assert isinstance(app.screen, CardScreen)
        await click(pilot, "#issue")
        await pilot.press("enter")
    assert [c.id for c in Card.select().where(Card.revoked_at.is_null())] == [first.card_id]


async def test_a_card_without_a_file_is_explained_not_alarming(
    coordinator: StaffMember, clock: FixedClock, tmp_path: Path
) -> None:
    person_id, _, _ = _resident(coordinator, clock)
    issued = card_issue.issue(person_id, coordinator, clock, folder=tmp_path)
    (tmp_path / f"card-{issued.card_id}.png").unlink()  # printed, then tidied away
    app = HostApp(lambda: CardScreen(coordinator, clock, person_id, folder=tmp_path))
    async with app.run_test(size=PARENT_SIZE):
        said = text_of(app.screen, "#card-state")
    assert "has been removed" not in said
    assert "No card file in the card folder (printed on a sheet" in said


async def test_todays_sheet_says_what_it_gathers_and_clears_the_success_line(
    coordinator: StaffMember, clock: FixedClock, tmp_path: Path
) -> None:
    person_id, _, _ = _resident(coordinator, clock)
    settings.put("export_dir", str(tmp_path / "exports"))
    app = HostApp(lambda: CardScreen(coordinator, clock, person_id, folder=tmp_path / "cards"))
    async with app.run_test(size=PARENT_SIZE) as pilot:
        await click(pilot, "#case-sheet")
        await click(pilot, "#yes")
        await until(pilot, lambda: "new cards on the sheet" in text_of(app.screen, "#status"))
        await click(pilot, "#todays-sheet")
        said = text_of(app.screen, "#errors")
        assert "gathers the cards issued one by one today" in said
        assert "none are waiting to print" in said
        assert text_of(app.screen, "#status") == ""  # the sheet's success is not still shown
        await click(pilot, "#issue")
        await click(pilot, "#yes")
        await until(pilot, lambda: "issued" in text_of(app.screen, "#status"))
        assert not app.screen.query_one("#errors").display


async def test_printing_after_an_error_clears_the_error(
    coordinator: StaffMember, clock: FixedClock, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    person_id, _, _ = _resident(coordinator, clock)
    card_issue.issue(person_id, coordinator, clock, folder=tmp_path / "cards")
    settings.put("export_dir", str(tmp_path / "exports"))
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    (bin_dir / "lp").write_text("#!/bin/sh\ncat > /dev/null\n")
    (bin_dir / "lp").chmod(0o755)
    monkeypatch.setenv("PATH", f"{bin_dir}{os.pathsep}{os.environ['PATH']}")
    app = HostApp(lambda: CardScreen(coordinator, clock, person_id, folder=tmp_path / "cards"))
    async with app.run_test(size=PARENT_SIZE) as pilot:
        await click(pilot, "#case-sheet")
        await click(pilot, "#yes")
        await until(pilot, lambda: "new cards on the sheet" in text_of(app.screen, "#status"))
        await click(pilot, "#todays-sheet")
        assert app.screen.query_one("#errors").display
        await click(pilot, "#print")
        await until(pilot, lambda: "to the printer." in text_of(app.screen, "#status"))
        assert not app.screen.query_one("#errors").display


def test_the_new_card_question_at_80x24(
    coordinator: StaffMember, clock: FixedClock, tmp_path: Path, snap_compare: Compare
) -> None:
    person_id, _, _ = _resident(coordinator, clock)
    issued = card_issue.issue(person_id, coordinator, clock, folder=tmp_path)
    # Printed and tidied away: the screen behind names no temporary folder.
    (tmp_path / f"card-{issued.card_id}.png").unlink()
    app = HostApp(lambda: CardScreen(coordinator, clock, person_id, folder=tmp_path))

    async def ask(pilot: Pilot[Any]) -> None:
        await click(pilot, "#issue")

    assert snap_compare(app, terminal_size=PARENT_SIZE, run_before=ask)
