"""The report as a PDF a trustee can read: a summary table, then the charts.

A4 in the bundled font (release/pdf.py). Exact figures say so in red under the
heading and in every page's footer; otherwise the footer says small numbers are
withheld.
"""

from __future__ import annotations

import io
from typing import TYPE_CHECKING

from kiosk.services.release import pdf
from kiosk.services.stats.charts import HEIGHT_IN, WIDTH_IN, charts
from kiosk.services.stats.figures import EXACT_NOTE, NONE, NOTES, WITHHELD_NOTE, Line, shown
from kiosk.services.stats.period import day
from kiosk.services.stats.report import Report

if TYPE_CHECKING:
    from fpdf import FPDF

LABEL_W, FIGURE_W, ROW_H = 110.0, 35.0, 5.2
EXACT_FOOTER = "EXACT FIGURES, FOR INTERNAL USE ONLY"
RED = (170, 30, 30)
HEADING_H = 14.0  # "Month by month" and the space around it, in mm


def to_pdf(report: Report, exact: bool) -> bytes:
    footer = EXACT_FOOTER if exact else f"{report.period.label}: small numbers withheld"
    # The title is what a viewer's window and a file list show: exact figures say so there too.
    title = f"Figures {report.period.label}" + (f" - {EXACT_FOOTER}" if exact else "")
    doc = pdf.new_document(title, footer)
    pdf.heading(doc, report.centre)
    pdf.line(doc, f"Figures for trustees and funders: {report.period.label}", size=13)
    doc.ln(2)
    if exact:
        doc.set_text_color(*RED)
        pdf.line(doc, EXACT_NOTE, size=11)
        doc.set_text_color(0, 0, 0)
        doc.ln(2)
    _facts(doc, report)
    _summary(doc, report, exact)
    for note in (*NOTES, EXACT_NOTE if exact else WITHHELD_NOTE):
        pdf.line(doc, note, size=8)
    _charts(doc, report, exact)
    return pdf.to_bytes(doc)


def _facts(doc: FPDF, report: Report) -> None:
    period, earlier = report.period, report.earlier
    pdf.facts(
        doc,
        [
            ("Period", f"{day(period.first)} to {day(period.last)}"),
            (
                "Compared with",
                f"{day(earlier.first)} to {day(earlier.last)}"
                if earlier
                else "nothing: the records do not cover a year earlier whole",
            ),
            (
                "Records begin",
                day(report.records_begin) if report.records_begin else "no records yet",
            ),
            ("Made on", f"{day(report.made_at.date())} {report.made_at:%H:%M}"),
        ],
    )


def _row(doc: FPDF, cells: tuple[str, str, str], *, shaded: bool = False) -> None:
    if doc.get_y() + ROW_H > doc.h - doc.b_margin:
        doc.add_page()
    fill = shaded
    if shaded:
        doc.set_fill_color(*pdf.HEADING_FILL)
    doc.cell(LABEL_W, ROW_H, cells[0], border="B", fill=fill)
    doc.cell(FIGURE_W, ROW_H, cells[1], border="B", fill=fill, align="R")
    doc.cell(
        FIGURE_W, ROW_H, cells[2], border="B", fill=fill, align="R", new_x="LMARGIN", new_y="NEXT"
    )


def _before(line: Line, exact: bool) -> str:
    return shown(line.before, exact=exact) if line.before is not None else NONE


def _summary(doc: FPDF, report: Report, exact: bool) -> None:
    doc.set_font(pdf.FONT, size=9)
    doc.set_draw_color(200, 200, 200)
    doc.set_line_width(0.1)
    earlier = report.earlier.label if report.earlier else "a year earlier"
    section = ""
    for line in report.lines:
        if line.section != section:
            section = line.section
            _row(doc, (section, report.period.label, earlier), shaded=True)
        _row(
            doc,
            (
                "    " + line.label.strip() if line.label.startswith(" ") else line.label,
                shown(line.now, exact=exact),
                _before(line, exact),
            ),
        )
    doc.set_font(pdf.FONT, size=10)
    doc.ln(3)


def _charts(doc: FPDF, report: Report, exact: bool) -> None:
    width = doc.epw
    height = width * HEIGHT_IN / WIDTH_IN
    # A new page unless the heading and a first chart fit below the summary: the
    # summary's last line alone on a page once left the page after it blank.
    if doc.get_y() + HEADING_H + height > doc.h - doc.b_margin:
        doc.add_page()
    else:
        doc.ln(4)  # apart from the notes above
    pdf.line(doc, "Month by month", size=13)
    doc.ln(2)
    for png in charts(report, exact=exact):
        if doc.get_y() + height > doc.h - doc.b_margin:
            doc.add_page()
        doc.image(io.BytesIO(png), x=doc.l_margin, w=width, h=height)
        doc.ln(4)
