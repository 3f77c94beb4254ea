"""The referrer export: exact columns, no personal data, guarded cells, logged."""

from __future__ import annotations

import csv
import io
from datetime import date, timedelta
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pypdf import PdfReader

from kiosk.clock import FixedClock
from kiosk.services.release import export_files, exports
from kiosk.services.release.exports import ExportRefused, ExportRequest, NeedsConfirmation
from kiosk.services.staff.auth import StaffMember
from models import Attendance, AuditEntry, Case, Child, DbConfig, Disclosure, Person, Role
from tests.support.builders import make_booking, make_case, person
from tests.support.release_data import (
    REFERRER,
    REFERRER_CONTACT,
    RESIDENT,
    VISITING,
    family_case,
    identifying,
)

EXPECTED_COLUMNS = [
    "case reference",
    "date",
    "scheduled start",
    "scheduled end",
    "party",
    "arrived",
    "left",
    "outcome",
]


def _personal_data(case: Case) -> list[str]:
    children = [c.first_name for c in Child.select().where(Child.case == case)]
    return identifying(RESIDENT) + identifying(VISITING) + list(REFERRER_CONTACT) + children


def _csv(path: Path) -> list[list[str]]:
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf"), "utf-8-sig: spreadsheets need the BOM"
    return list(csv.reader(io.StringIO(raw.decode("utf-8-sig"), newline="")))


def _export(tmp_path: Path, clock: FixedClock, fmt: str = "csv", **kw: object) -> Path:
    out = tmp_path / f"out.{fmt}"
    request = ExportRequest(case_ref="C-1", recipient=REFERRER, fmt=fmt, **kw)  # type: ignore[arg-type]
    exports.export_attendance(request, out, clock.now(), None)
    return out


def test_csv_columns_are_exactly_the_policys(
    db: DbConfig, clock: FixedClock, tmp_path: Path
) -> None:
    family_case("C-1", clock.now())
    rows = _csv(_export(tmp_path, clock))
    assert rows[0] == EXPECTED_COLUMNS
    assert all(len(r) == len(EXPECTED_COLUMNS) for r in rows)


def test_outcomes_and_times_per_party(db: DbConfig, clock: FixedClock, tmp_path: Path) -> None:
    family_case("C-1", clock.now())
    rows = _csv(_export(tmp_path, clock))[1:]
    # Four past sessions, two parties each; the future booking is not listed.
    assert len(rows) == 8
    assert {r[4] for r in rows} == {"resident", "visiting"}
    attended = rows[0:2]
    assert attended[0][4:] == ["resident", "10:01", "12:02", "attended"]
    assert attended[1][4:] == ["visiting", "09:44", "12:17", "attended"]
    assert attended[0][1:4] == [
        (clock.now().date() - timedelta(days=56)).isoformat(),
        "10:00",
        "12:00",
    ]
    assert [r[7] for r in rows[2:4]] == ["cancelled by centre", "did not attend"]
    assert [r[7] for r in rows[4:6]] == ["cancelled with notice"] * 2
    assert [r[7] for r in rows[6:8]] == ["cancelled by centre"] * 2
    assert {r[7] for r in rows} <= set(exports.OUTCOMES)


def test_no_personal_data_in_csv(db: DbConfig, clock: FixedClock, tmp_path: Path) -> None:
    case = family_case("C-1", clock.now())
    text = _export(tmp_path, clock).read_bytes().decode("utf-8-sig").casefold()
    for value in _personal_data(case):
        assert value.casefold() not in text, value
    assert "card left at home" not in text  # reasons and notes never leave


def test_pdf_reads_well_and_holds_no_personal_data(
    db: DbConfig, clock: FixedClock, tmp_path: Path
) -> None:
    case = family_case("C-1", clock.now())
    out = _export(tmp_path, clock, fmt="pdf", date_from=date(2026, 1, 1))
    text = "\n".join(page.extract_text() for page in PdfReader(out).pages)
    for expected in (
        "Child Contact Centre",
        "C-1",
        "2026-01-01 to 2026-11-21",
        REFERRER,
        "2026-11-21 09:00",
        "did not attend",
        "cancelled with notice",
    ):
        assert expected in text, expected
    for value in _personal_data(case):
        assert value.casefold() not in text.casefold(), value


def test_formula_injection_is_neutralised(db: DbConfig, clock: FixedClock, tmp_path: Path) -> None:
    family_case("C-1", clock.now())
    Case.update(ref='=HYPERLINK("http://x")').where(Case.ref == "C-1").execute()
    out = tmp_path / "out.csv"
    request = ExportRequest(
        case_ref='=HYPERLINK("http://x")', recipient="Anyone", fmt="csv", other_recipient=True
    )
    exports.export_attendance(request, out, clock.now(), None)
    for row in _csv(out)[1:]:
        assert row[0] == '\'=HYPERLINK("http://x")'
    for cell in ("=1+1", "+1", "-1", "@SUM(A1)", "\tx"):
        assert (
            exports.to_csv([exports.AttendanceRow(cell, *["x"] * 7)])
            .decode("utf-8-sig")
            .splitlines()[1]
            .startswith(("'", "\"'"))
        )


def test_recipient_is_required(db: DbConfig, clock: FixedClock, tmp_path: Path) -> None:
    family_case("C-1", clock.now())
    with pytest.raises(ExportRefused, match="needs a recipient"):
        exports.export_attendance(
            ExportRequest("C-1", "  ", "csv"), tmp_path / "x.csv", clock.now(), None
        )
    assert not (tmp_path / "x.csv").exists()
    assert Disclosure.select().count() == 0


def test_other_recipient_needs_confirmation(
    db: DbConfig, clock: FixedClock, tmp_path: Path
) -> None:
    family_case("C-1", clock.now())
    out = tmp_path / "x.csv"
    with pytest.raises(NeedsConfirmation, match="not the case's referrer"):
        exports.export_attendance(
            ExportRequest("C-1", "Some Solicitors LLP", "csv"), out, clock.now(), None
        )
    assert not out.exists() and Disclosure.select().count() == 0
    confirmed = ExportRequest("C-1", "Some Solicitors LLP", "csv", other_recipient=True)
    exports.export_attendance(confirmed, out, clock.now(), None)
    assert out.exists()
    assert Disclosure.get().recipient == "Some Solicitors LLP"


def test_referrer_match_ignores_case_and_spaces(db: DbConfig, clock: FixedClock) -> None:
    family_case("C-1", clock.now())
    exports.check_recipient("C-1", f"  {REFERRER.upper()} ", confirmed=False)


def test_each_export_is_logged(coordinator: StaffMember, clock: FixedClock, tmp_path: Path) -> None:
    case = family_case("C-1", clock.now())
    staff = coordinator
    request = ExportRequest(
        "C-1", REFERRER, "pdf", date_from=date(2026, 9, 1), date_until=date(2026, 11, 1)
    )
    result = exports.export_attendance(request, tmp_path / "a.pdf", clock.now(), staff)
    exports.export_attendance(
        ExportRequest("C-1", REFERRER, "csv"), tmp_path / "b.csv", clock.now(), None
    )
    first, second = Disclosure.select().order_by(Disclosure.id)
    assert first.id == result.disclosure_id
    assert (first.kind, first.recipient, first.case_id) == ("referrer_export", REFERRER, case.id)
    assert (first.period_from, first.period_until) == (date(2026, 9, 1), date(2026, 11, 1))
    assert first.made_by_id == staff.id and first.made_by_label == "Alex Morgan"
    assert second.made_by_label == "cli"
    entries = list(AuditEntry.select().where(AuditEntry.action == "disclosure_referrer_export"))
    assert [e.target for e in entries] == [f"disclosure:{first.id}", f"disclosure:{second.id}"]
    assert [e.actor_label for e in entries] == [f"volunteer:{staff.id}", "cli"]
    # The audit names records; it does not copy the recipient or anything personal.
    for e in entries:
        assert REFERRER not in e.detail and REFERRER not in e.target


def test_period_limits_rows(db: DbConfig, clock: FixedClock) -> None:
    family_case("C-1", clock.now())
    first_day = clock.now().date() - timedelta(days=56)
    rows = exports.attendance_rows("C-1", first_day, first_day, clock.now())
    assert {r.date for r in rows} == {first_day.isoformat()}


def test_unwritable_file_logs_nothing(db: DbConfig, clock: FixedClock, tmp_path: Path) -> None:
    family_case("C-1", clock.now())
    with pytest.raises(ExportRefused, match="cannot write"):
        exports.export_attendance(
            ExportRequest("C-1", REFERRER, "csv"),
            tmp_path / "no" / "such" / "x.csv",
            clock.now(),
            None,
        )
    assert Disclosure.select().count() == 0
    assert AuditEntry.select().count() == 0


def test_unknown_case_refused(db: DbConfig, clock: FixedClock, tmp_path: Path) -> None:
    with pytest.raises(ExportRefused, match="no case"):
        exports.export_attendance(
            ExportRequest("NOPE", REFERRER, "csv"), tmp_path / "x", clock.now(), None
        )


def test_session_under_way_without_arrivals_has_no_row_yet(db: DbConfig, clock: FixedClock) -> None:
    case = family_case("C-1", clock.now())
    make_booking(case, clock.now() - timedelta(minutes=30))
    today = clock.now().date()
    assert exports.attendance_rows("C-1", today, today, clock.now()) == []
    clock.advance(hours=2)
    outcomes = [r.outcome for r in exports.attendance_rows("C-1", today, today, clock.now())]
    assert outcomes == ["did not attend", "did not attend"]


@given(st.text(min_size=1, max_size=30))
def test_no_cell_can_start_a_formula(cell: str) -> None:
    data = exports.to_csv([exports.AttendanceRow(*[cell] * 8)])
    (_, row) = list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))
    for value in row:
        assert value == cell or value == "'" + cell
        assert not value.startswith(export_files.FORMULA_START)


def test_no_rows_for_a_party_not_on_record(db: DbConfig, clock: FixedClock) -> None:
    case = make_case("C-2", clock.now() - timedelta(days=30))
    Person.delete().where(Person.case == case, Person.role == Role.VISITING.value).execute()
    make_booking(case, clock.now() - timedelta(days=7))
    since = clock.now().date() - timedelta(days=30)
    rows = exports.attendance_rows("C-2", since, clock.now().date(), clock.now())
    assert [(r.party, r.outcome) for r in rows] == [("resident", "did not attend")]


def test_a_session_someone_arrived_for_is_listed_before_it_starts(
    db: DbConfig, clock: FixedClock
) -> None:
    case = make_case("C-3", clock.now() - timedelta(days=30))
    booking = make_booking(case, clock.now() + timedelta(minutes=10))
    Attendance.create(
        booking=booking,
        person=person(case, Role.VISITING),
        kind="in",
        at=clock.now() - timedelta(minutes=5),
        method="scan",
    )
    today = clock.now().date()
    rows = exports.attendance_rows("C-3", today, today, clock.now())
    assert [(r.party, r.outcome) for r in rows] == [
        ("resident", "did not attend"),
        ("visiting", "attended"),
    ]
