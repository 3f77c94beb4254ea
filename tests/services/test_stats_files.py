"""The figures as files that leave the system: no person in them, small numbers withheld."""

from __future__ import annotations

import csv
import io
from datetime import date
from pathlib import Path

import pytest
from pypdf import PdfReader

from kiosk.cli import main
from kiosk.services import store
from kiosk.services.stats import files, period
from kiosk.services.stats.figures import EXACT_NOTE, WITHHELD, WITHHELD_NOTE, count, shown
from kiosk.services.stats.pdf_report import EXACT_FOOTER
from kiosk.services.store.private_files import FileExists
from models import AuditEntry, Booking, DbConfig
from tests.support.stats_centre import NOW, identifying, small_centre

OCTOBER = period.calendar(period.MONTH, date(2026, 10, 1))


def _export(tmp_path: Path, fmt: str, *, exact: bool = False, name: str = "figures") -> Path:
    out = tmp_path / f"{name}{'-exact' if exact else ''}.{fmt}"
    return files.export(files.StatsRequest(OCTOBER, fmt, exact=exact), out, NOW, None)


def _text(path: Path) -> str:
    if path.suffix == ".pdf":
        return "\n".join(page.extract_text() for page in PdfReader(path).pages)
    return path.read_bytes().decode("utf-8-sig")


def _all_rows(path: Path) -> list[list[str]]:
    return list(csv.reader(io.StringIO(_text(path), newline="")))


def _rows(path: Path) -> dict[str, list[str]]:
    return {row[1]: row[2:] for row in _all_rows(path) if len(row) == 4}


@pytest.mark.parametrize("fmt", files.FORMATS)
@pytest.mark.parametrize("exact", [False, True])
def test_no_name_phone_postcode_case_reference_room_or_session_date(
    db: DbConfig, tmp_path: Path, fmt: str, exact: bool
) -> None:
    small_centre()
    text = _text(_export(tmp_path, fmt, exact=exact)).casefold()
    # The markers: every adult's names, phone and postcode, every case reference, the staff.
    for value in identifying():
        assert value.casefold() not in text, value
    assert "room" not in text
    for starts in Booking.select(Booking.starts_at):
        assert starts.starts_at.date().isoformat() not in text
        assert f"{starts.starts_at:%d/%m/%Y}" not in text
    assert "10:00" not in text  # a session's time


def test_a_figure_from_one_or_two_families_is_withheld_unless_exact() -> None:
    assert [shown(count(n, n), exact=False) for n in (0, 1, 2, 3)] == ["0", "<3", "<3", "3"]
    # Many sessions, still one family: withheld.
    assert shown(count(40, 1), exact=False) == WITHHELD
    assert shown(count(40, 1), exact=True) == "40"
    # Figures about staff have no families behind them.
    assert shown(count(1, None), exact=False) == "1"


def test_the_csv_withholds_small_numbers(db: DbConfig, tmp_path: Path) -> None:
    small_centre()
    path = _export(tmp_path, "csv")
    rows = _rows(path)
    assert rows["figure"] == ["October 2026", "October 2025"]
    assert rows["Sessions booked"] == ["9", "<3"]
    assert rows["Sessions held"] == ["4", "<3"]
    assert rows["of which curtailed"] == ["<3", "0"]
    assert rows["Attendance rate, resident parent"] == ["83%", "*"]
    assert rows["Safeguarding incidents recorded"] == ["3", "0"]
    assert rows["Accidents recorded"] == ["<3", "0"]
    assert rows["Volunteers' hours on duty"] == ["*", "0 h"]
    assert EXACT_NOTE not in _text(path)
    assert _all_rows(path)[-1] == [WITHHELD_NOTE]


def test_exact_figures_say_so_at_the_top_and_foot(db: DbConfig, tmp_path: Path) -> None:
    small_centre()
    path = _export(tmp_path, "csv", exact=True)
    rows = _rows(path)
    assert rows["of which curtailed"] == ["1", "0"]
    assert rows["Sessions held"] == ["4", "2"]
    assert _all_rows(path)[0] == _all_rows(path)[-1] == [EXACT_NOTE]
    md = _text(_export(tmp_path, "md", exact=True))
    assert md.count(EXACT_NOTE) == 2 and md.startswith("# ")


def test_exact_figures_on_every_page_of_the_pdf(db: DbConfig, tmp_path: Path) -> None:
    small_centre()
    pages = PdfReader(_export(tmp_path, "pdf", exact=True)).pages
    assert len(pages) >= 2
    for page in pages:
        assert EXACT_FOOTER in page.extract_text()
    summary = pages[0].extract_text()
    assert "Sessions held" in summary and "Referrals by" not in summary
    # The title a viewer shows, too (failed before the fix: "Figures October 2026").
    metadata = PdfReader(_export(tmp_path, "pdf", exact=True, name="again")).metadata
    assert metadata is not None and EXACT_FOOTER in str(metadata.title)
    withheld = PdfReader(_export(tmp_path, "pdf")).pages
    for page in withheld:
        assert EXACT_FOOTER not in page.extract_text()
        assert "small numbers withheld" in page.extract_text()


def test_each_export_is_in_the_audit_log(db: DbConfig, tmp_path: Path) -> None:
    small_centre()
    _export(tmp_path, "md")
    _export(tmp_path, "csv", exact=True)
    logged = [e.detail for e in AuditEntry.select().where(AuditEntry.action == "stats_export")]
    assert logged == [
        f"md, October 2026, small numbers withheld, to {tmp_path / 'figures.md'}",
        f"csv, October 2026, exact figures for internal use, to {tmp_path / 'figures-exact.csv'}",
    ]


def test_a_file_is_never_replaced_unasked(db: DbConfig, tmp_path: Path) -> None:
    small_centre()
    path = _export(tmp_path, "csv")
    before = path.read_bytes()
    with pytest.raises(FileExists):
        _export(tmp_path, "csv")
    assert path.read_bytes() == before
    assert AuditEntry.select().where(AuditEntry.action == "stats_export").count() == 1


def test_the_command_with_both_date_forms(
    db: DbConfig, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    small_centre()
    store.close()
    secret = tmp_path / "passphrase"
    secret.write_text(db.passphrase + "\n", encoding="utf-8")
    base = ["stats", "--db", str(db.path), "--passphrase-file", str(secret)]
    out = tmp_path / "q.csv"
    args = ["--from", "2026-07-01", "--until", "30/09/2026", "--format", "csv", "-o", str(out)]
    assert main([*base, *args]) == 0
    assert "01/07/2026 to 30/09/2026, small numbers withheld," in capsys.readouterr().out
    assert main([*base, *args]) == 2
    assert "add --force" in capsys.readouterr().err
    assert main([*base, *args, "--force", "--exact"]) == 0
    assert _text(out).startswith(EXACT_NOTE)
    month = [
        "--period",
        "month",
        "--from",
        "09/10/2026",
        "--format",
        "md",
        "-o",
        str(tmp_path / "m.md"),
    ]
    assert main([*base, *month]) == 0
    assert "# " in _text(tmp_path / "m.md") and "October 2026" in _text(tmp_path / "m.md")
    assert main([*base, "--from", "2026-10-01", "--until", "2026-09-01", *args[4:], "--force"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "until:" in err
    store.open_store(db)
    assert AuditEntry.select().where(AuditEntry.action == "stats_export").count() == 3
