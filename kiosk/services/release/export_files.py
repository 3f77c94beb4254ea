"""The referrer export as files: its eight columns, as CSV or as a PDF page; the guarded
CSV every export shares.

Both are drawn from rows already reduced to dates and times; nothing here reads the database
but the centre's name for the PDF heading.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime

from kiosk.services.store import settings

COLUMNS = (
    "case reference",
    "date",
    "scheduled start",
    "scheduled end",
    "party",
    "arrived",
    "left",
    "outcome",
)
# A spreadsheet treats a cell starting with one of these as a formula.
FORMULA_START = ("=", "+", "-", "@", "\t")


@dataclass(frozen=True)
class AttendanceRow:
    case_ref: str
    date: str
    scheduled_start: str
    scheduled_end: str
    party: str
    arrived: str
    left: str
    outcome: str

    def cells(self) -> tuple[str, ...]:
        return (
            self.case_ref,
            self.date,
            self.scheduled_start,
            self.scheduled_end,
            self.party,
            self.arrived,
            self.left,
            self.outcome,
        )


def _guard(cell: str) -> str:
    return "'" + cell if cell.startswith(FORMULA_START) else cell


def guarded_csv(header: Sequence[str], rows: Iterable[Sequence[str]]) -> bytes:
    """utf-8-sig (so spreadsheets read it as UTF-8), every cell formula-guarded."""
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer)
    writer.writerow(header)
    for row in rows:
        writer.writerow([_guard(cell) for cell in row])
    return buffer.getvalue().encode("utf-8-sig")


def to_csv(rows: list[AttendanceRow]) -> bytes:
    return guarded_csv(COLUMNS, (row.cells() for row in rows))


def to_pdf(
    rows: list[AttendanceRow],
    case_ref: str,
    period: tuple[date, date],
    recipient: str,
    now: datetime,
) -> bytes:
    # fpdf2 takes half a second to import: loaded when a PDF is made, not at start-up.
    from kiosk.services.release import pdf

    doc = pdf.new_document(f"Attendance {case_ref}", f"Attendance record {case_ref}")
    pdf.heading(doc, settings.get("centre_name"))
    pdf.line(doc, "Attendance record", size=13)
    doc.ln(2)
    pdf.facts(
        doc,
        [
            ("Case reference", case_ref),
            ("Period", f"{period[0].isoformat()} to {period[1].isoformat()}"),
            ("Prepared for", recipient),
            ("Made on", now.strftime("%Y-%m-%d %H:%M")),
        ],
    )
    if rows:
        pdf.grid(doc, [c.capitalize() for c in COLUMNS], [r.cells() for r in rows])
    else:
        pdf.line(doc, "No sessions in this period.")
    pdf.line(
        doc,
        "Dates and times only: released to the referring agency under the centre's "
        "confidentiality policy.",
        size=8,
    )
    return pdf.to_bytes(doc)
