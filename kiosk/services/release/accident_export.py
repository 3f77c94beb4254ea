"""The accident book as a file for an insurer or the HSE: PDF or CSV, by the file's ending.

The fields are the HSE accident book's: when it happened, the person hurt (their
name as written, never a case reference), what happened, where, the injury, the
first aid given and who recorded it. Each correction follows the entry it
corrects. The file is written new (or replaces one only when the person
confirmed it) inside the transaction that logs it as a disclosure: nothing
leaves the centre that the disclosure log does not show.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from kiosk.services.release import disclosures
from kiosk.services.release.accident_book import (
    AccidentBookRefused,
    AccidentLine,
    BookEntry,
    coordinator_only,
    read_book,
)
from kiosk.services.release.export_files import guarded_csv
from kiosk.services.staff.auth import StaffMember
from kiosk.services.store import private_files, settings
from kiosk.services.store.faults import writes
from kiosk.services.store.forms import counted

if TYPE_CHECKING:
    from fpdf import FPDF

COLUMNS = (
    "entry",
    "corrects entry",
    "date",
    "time",
    "person hurt",
    "what happened",
    "where",
    "injury",
    "first aid given",
    "recorded by",
    "recorded on",
)
FORMATS = {".pdf": "pdf", ".csv": "csv"}
PREFIX = "accident-book"
NOT_STATED = "not stated"

Period = tuple[date | None, date | None]


@dataclass(frozen=True)
class AccidentExport:
    path: Path
    accidents: int
    # Every entry written: the accidents and their corrections.
    entries: int
    disclosure_id: int


def default_path(now: datetime, fmt: str = "pdf") -> Path:
    """A new file in the export folder, named by the time it is made."""
    return settings.export_dir() / f"{PREFIX}-{now:%Y%m%d-%H%M}.{fmt}"


def format_of(out: Path) -> str:
    """ "pdf" or "csv" from the file's ending; anything else is refused in one line."""
    fmt = FORMATS.get(out.suffix.lower())
    if fmt is None:
        raise AccidentBookRefused(f"{out.name}: the file's ending chooses the format, .pdf or .csv")
    return fmt


def export_book(
    out: Path,
    now: datetime,
    by: StaffMember | None,
    *,
    recipient: str = "",
    period: Period = (None, None),
    replace: bool = False,
) -> AccidentExport:
    """Write the book (or the accidents of `period`) to out and log it, all or nothing."""
    fmt = format_of(out)
    if period[0] is not None and period[1] is not None and period[0] > period[1]:
        raise AccidentBookRefused("From: the first day is after the last")
    with private_files.removed_on_failure() as written:
        return _export(out, fmt, now, by, recipient.strip() or NOT_STATED, period, replace, written)


@writes
def _export(
    out: Path,
    fmt: str,
    now: datetime,
    by: StaffMember | None,
    recipient: str,
    period: Period,
    replace: bool,
    written: list[Path],
) -> AccidentExport:
    coordinator_only(by)
    book = read_book(by, newest_first=False, period=period)
    entries = sum(len(g.lines) for g in book)
    data = to_csv(book) if fmt == "csv" else to_pdf(book, recipient, period, now)
    disclosure_id = disclosures.log(
        disclosures.Kind.ACCIDENT_BOOK,
        recipient=recipient,
        case=None,
        what=f"the accident book ({fmt}, {counted(len(book), 'accident')}, "
        f"{counted(entries, 'entry', 'entries')})",
        at=now,
        now=now,
        by=by,
        period=period,
    )
    # Written last, inside the transaction: if the file cannot be written, nothing is logged.
    with private_files.refused_as(AccidentBookRefused, str(out)):
        settings.make_export_folder(out)
        private_files.write_new(out, data, replace=replace)
    written.append(out)
    return AccidentExport(out, len(book), entries, disclosure_id)


def _cells(line: AccidentLine) -> tuple[str, ...]:
    return (
        str(line.id),
        str(line.corrects or ""),
        f"{line.at:%Y-%m-%d}",
        f"{line.at:%H:%M}",
        line.person_hurt,
        line.what_happened,
        line.place,
        line.injury,
        line.first_aid,
        line.recorded_by,
        f"{line.recorded_at:%Y-%m-%d %H:%M}",
    )


def to_csv(book: list[BookEntry]) -> bytes:
    return guarded_csv(COLUMNS, (_cells(line) for g in book for line in g.lines))


def _period_text(period: Period) -> str:
    since, until = period
    if since is None and until is None:
        return "every entry"
    return f"{since or 'the first entry'} to {until or 'the last entry'}"


def _facts(line: AccidentLine) -> list[tuple[str, str]]:
    # An entry made before the book had separate fields holds them all in "What happened".
    return [
        ("Date and time", f"{line.at:%Y-%m-%d %H:%M}"),
        ("Person hurt", line.person_hurt or "—"),
        ("Where", line.place or "—"),
        ("What happened", line.what_happened),
        ("Injury", line.injury or "—"),
        ("First aid given", line.first_aid or "—"),
        ("Recorded by", f"{line.recorded_by}, {line.recorded_at:%Y-%m-%d %H:%M}"),
    ]


def _entry(doc: FPDF, title: str, line: AccidentLine, size: int = 10) -> None:
    """One entry under its title, kept on one page: a reader must not have to turn over
    between an entry's heading and its fields."""
    from kiosk.services.release import pdf

    facts = _facts(line)
    # 4.5 mm a line; a long answer wraps at about 90 characters in its column.
    lines = sum(1 + len(value) // 90 for _, value in facts)
    if doc.will_page_break(12 + 4.5 * lines):
        doc.add_page()
    pdf.line(doc, title, size=size)
    doc.ln(1)
    pdf.wrapped_facts(doc, facts)


def to_pdf(book: list[BookEntry], recipient: str, period: Period, now: datetime) -> bytes:
    # fpdf2 takes half a second to import: loaded when a PDF is made, not at start-up.
    from kiosk.services.release import pdf

    doc = pdf.new_document("Accident book", "Accident book")
    pdf.heading(doc, settings.get("centre_name"))
    pdf.line(doc, "Accident book", size=13)
    doc.ln(2)
    pdf.facts(
        doc,
        [
            ("Entries", _period_text(period)),
            ("Prepared for", recipient),
            ("Made on", now.strftime("%Y-%m-%d %H:%M")),
        ],
    )
    if not book:
        pdf.line(doc, "No entries.")
    for group in book:
        _entry(doc, f"Entry {group.entry.id}", group.entry, size=11)
        for fix in group.corrections:
            _entry(doc, f"Correction: entry {fix.id}, correcting entry {fix.corrects}", fix)
    pdf.line(
        doc,
        "Entries are never changed or deleted: a correction is a new entry, shown after "
        "the entry it corrects.",
        size=8,
    )
    return pdf.to_bytes(doc)
