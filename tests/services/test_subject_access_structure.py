"""What subject access scrubs and how its release is tied to the preview.

Only free text people typed is scrubbed (never a date, a time or a number of
minutes), a bare house number is never a term; the preview shows every
free-text value released, redactions marked, and the export refuses when what
it would release is not what was previewed. The files are named without the
case reference, which may spell another adult's name or postcode.
"""

from __future__ import annotations

import json
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from kiosk.clock import FixedClock
from kiosk.services.release import subject_access
from kiosk.services.release.subject_access import SubjectAccessRefused
from models import Attendance, Case, DbConfig, Disclosure, Referral
from tests.services.test_redaction_leaks import OTHER, SUBJECT
from tests.support.redaction_notes import REF, notes


def _held(tmp_path: Path, clock: FixedClock) -> dict[str, object]:
    result = subject_access.export(REF, "resident", tmp_path / "sar", clock.now(), None)
    held: dict[str, object] = json.loads(result.json_path.read_text(encoding="utf-8"))
    return held


def test_a_house_number_alone_never_redacts_a_time(
    db: DbConfig, clock: FixedClock, tmp_path: Path
) -> None:
    # "12, Danbury Close" made "12" a term: "12:00" became "[redacted]:00" (failed before).
    other = {**OTHER, "address": "12, Danbury Close, Leeds"}
    notes(clock, SUBJECT, other, "arrived 14:12 with the children", "came at 12 today")
    held = _held(tmp_path, clock)
    assert held["sessions"][0]["end"] == "12:00"  # type: ignore[index]
    assert [e["note"] for e in held["your check-ins and check-outs"]] == [  # type: ignore[attr-defined]
        "arrived 14:12 with the children",
        "came at 12 today",
    ]


def test_the_referrers_organisation_keeps_its_town(
    db: DbConfig, clock: FixedClock, tmp_path: Path
) -> None:
    # Redacting the town in the organisation's name told the subject the other adult's town.
    other = {**OTHER, "address": "12 Danbury Close, Harrogate"}
    ref = notes(clock, SUBJECT, other, "moved to Harrogate")
    Referral.create(case=Case.get(Case.ref == ref), organisation="Harrogate Family Court Service")
    held = _held(tmp_path, clock)
    assert held["case"]["referred by"] == "Harrogate Family Court Service"  # type: ignore[index]
    assert held["your check-ins and check-outs"][0]["note"] == "moved to [redacted]"  # type: ignore[index]


def test_the_files_are_named_without_the_case_reference(
    db: DbConfig, clock: FixedClock, tmp_path: Path
) -> None:
    notes(clock, SUBJECT, OTHER, "came alone")
    Case.update(ref="BRENNAN.ZZ554AP").execute()
    result = subject_access.export(
        "BRENNAN.ZZ554AP", "resident", tmp_path / "sar", clock.now(), None
    )
    for path in (result.json_path, result.pdf_path):
        assert "BRENNAN" not in path.name and "ZZ554AP" not in path.name
        assert path.name.startswith(f"subject-access-case{Case.get().id}-resident-")


def test_the_preview_shows_every_released_value_even_with_nothing_redacted(
    db: DbConfig, clock: FixedClock
) -> None:
    notes(clock, SUBJECT, OTHER, "came alone and happy", "rang Gareth about lunch")
    seen = subject_access.preview(REF, "resident", clock.now())
    shown = {v.where: v.text for v in seen.values}
    assert shown["your check-ins and check-outs 1: note"] == "came alone and happy"
    assert shown["your check-ins and check-outs 2: note"] == "rang [redacted] about lunch"
    marked = next(v for v in seen.values if v.marks)
    assert [marked.text[a:b] for a, b in marked.marks] == ["[redacted]"]
    assert not any("12:00" in v.text or v.where.endswith(": end") for v in seen.values)


def test_the_export_refuses_when_the_records_changed_since_the_preview(
    db: DbConfig, clock: FixedClock, tmp_path: Path
) -> None:
    notes(clock, SUBJECT, OTHER, "came alone")
    seen = subject_access.preview(REF, "resident", clock.now())
    first = Attendance.get()
    Attendance.create(
        booking=first.booking,
        person=first.person,
        kind="out",
        at=datetime(2026, 11, 7, 11, 0) + timedelta(minutes=5),
        method="manual",
        reason="left with the children",
    )
    with pytest.raises(SubjectAccessRefused, match=r"^the records changed since the preview"):
        subject_access.export(
            REF, "resident", tmp_path / "sar", clock.now(), None, previewed=seen.digest
        )
    assert Disclosure.select().count() == 0 and not (tmp_path / "sar").exists()
    again = subject_access.preview(REF, "resident", clock.now())
    subject_access.export(
        REF, "resident", tmp_path / "sar", clock.now(), None, previewed=again.digest
    )
    assert "not previewed" not in Disclosure.get().what


def test_an_export_without_a_preview_is_logged_as_such(
    db: DbConfig, clock: FixedClock, tmp_path: Path
) -> None:
    notes(clock, SUBJECT, OTHER, "came alone")
    subject_access.export(REF, "resident", tmp_path / "sar", clock.now(), None)
    assert "not previewed" in Disclosure.get().what
