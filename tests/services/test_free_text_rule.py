"""Every free text a person types is held to the rule names are held to, when it is entered.

A reason for a check-in by name, an incident or accident entry, the reason a
session ended early, a declaration's note, a room, a disclosure, the policy and
an export's recipient: each is refused if it holds a control, format or
zero-width character (an escape sequence, a text-direction mark, a zero-width
space) or a letter that prints as nothing (a Hangul filler, the braille blank),
with one line naming the field, and nothing is recorded.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pytest
from peewee import Model

from kiosk.clock import FixedClock
from kiosk.services.door import actions, logbooks, manual
from kiosk.services.door.logbooks import AccidentReport
from kiosk.services.release import disclosures, exports, policy
from kiosk.services.staff import volunteers
from kiosk.services.staff.auth import StaffMember
from kiosk.services.store.errors import KioskError
from models import (
    AccidentEntry,
    Attendance,
    Booking,
    BookingState,
    Declaration,
    Disclosure,
    Incident,
    Policy,
    Role,
)
from tests.support.builders import door_day, make_coordinator, person
from tests.support.release_data import REFERRER, family_case

HOSTILE = {
    "escape": "\x1b[2J",
    "text-direction mark": "\u202e",
    "zero-width space": "\u200b",
    "line separator": "\u2028",
    "Hangul filler": "\u3164",
    "halfwidth Hangul filler": "\uffa0",
    "Hangul choseong filler": "\u115f",
    "Hangul jungseong filler": "\u1160",
    "braille blank": "\u2800",
}


@dataclass
class Ctx:
    volunteer: StaffMember
    coordinator: StaffMember
    clock: FixedClock
    folder: Path
    booking: Booking


@dataclass(frozen=True)
class Entry:
    field: str
    table: type[Model]
    enter: Callable[[Ctx, str], object]


def _end_early(ctx: Ctx, text: str) -> object:
    Booking.update(state=BookingState.BOTH_IN.value).where(Booking.id == ctx.booking.id).execute()
    return actions.end_early(
        ctx.volunteer, ctx.booking.id, actions.EndedEarly.CURTAILED, text, ctx.clock
    )


def _declare(ctx: Ctx, text: str) -> object:
    when = date(2026, 11, 1)
    return volunteers.declare(ctx.volunteer.id, "CASE-B", when, text, ctx.coordinator, ctx.clock)


def _export(ctx: Ctx, text: str) -> object:
    request = exports.ExportRequest("C-1", text, "csv", other_recipient=True)
    return exports.export_attendance(request, ctx.folder / "out.csv", ctx.clock.now(), None)


def _disclose(ctx: Ctx, recipient: str, what: str) -> object:
    now = ctx.clock.now()
    return disclosures.record_safeguarding(
        "C-1",
        recipient=recipient,
        reason="violence_risk",
        what=what,
        shared_at=now,
        now=now,
        by=ctx.coordinator,
    )


ENTRIES = [
    Entry(
        "The reason",
        Attendance,
        lambda c, t: manual.manual_check(
            c.volunteer, person(c.booking.case, Role.RESIDENT).id, t, c.clock, intended="in"
        ),
    ),
    Entry("The reason", Booking, _end_early),
    Entry("A description", Incident, lambda c, t: logbooks.incident(c.volunteer, None, t, c.clock)),
    Entry(
        "What happened",
        AccidentEntry,
        lambda c, t: logbooks.accident(c.volunteer, AccidentReport("Mia", t), c.clock),
    ),
    Entry(
        "What was done",
        AccidentEntry,
        lambda c, t: logbooks.accident(
            c.volunteer, AccidentReport("Mia", "Grazed knee", first_aid=t), c.clock
        ),
    ),
    Entry("the note", Declaration, _declare),
    Entry("who it was shared with", Disclosure, lambda c, t: _disclose(c, t, "Dates")),
    Entry("what was shared", Disclosure, lambda c, t: _disclose(c, "Police", t)),
    Entry(
        "the policy text",
        Policy,
        lambda c, t: policy.set_policy(t, "The board", date(2026, 1, 1), c.clock.now()),
    ),
    Entry(
        "who reviewed it",
        Policy,
        lambda c, t: policy.set_policy("Our policy", t, date(2026, 1, 1), c.clock.now()),
    ),
    Entry("the recipient", Disclosure, _export),
]


@pytest.fixture
def ctx(volunteer: StaffMember, clock: FixedClock, tmp_path: Path) -> Ctx:
    ba, _ = door_day(clock.now())
    family_case("C-1", clock.now())
    clock.set(clock.now().replace(hour=10, minute=5))
    return Ctx(volunteer, make_coordinator(clock.now()), clock, tmp_path, ba)


@pytest.mark.parametrize("entry", ENTRIES, ids=lambda e: f"{e.table.__name__}: {e.field}")
def test_free_text_with_control_characters_is_refused_naming_its_field(
    ctx: Ctx, entry: Entry
) -> None:
    before = entry.table.select().count()
    for bad in HOSTILE.values():
        with pytest.raises(KioskError) as refused:
            entry.enter(ctx, f"Forgot{bad} card")
        line = str(refused.value)
        assert entry.field in line and "control characters" in line and "\n" not in line
        assert entry.table.select().count() == before
        assert not (ctx.folder / "out.csv").exists()


@pytest.mark.parametrize("entry", ENTRIES, ids=lambda e: f"{e.table.__name__}: {e.field}")
def test_the_same_fields_take_ordinary_text_and_the_joiners_names_may_need(
    ctx: Ctx, entry: Entry
) -> None:
    # A zero-width joiner stands inside some names (Persian, Indic scripts), as in names.
    entry.enter(ctx, f"Forgot card, {REFERRER}, \u0645\u06cc\u200c\u062e\u0648\u0627\u0647\u0645")


def test_an_incident_may_take_several_lines(ctx: Ctx) -> None:
    logbooks.incident(ctx.volunteer, None, "Raised voices at the door.\nCalmed down.", ctx.clock)
    assert Incident.get().description == "Raised voices at the door.\nCalmed down."
