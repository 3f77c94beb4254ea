"""The readable PDF of a subject access export, drawn from the already-redacted data."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from kiosk.services.release import pdf

if TYPE_CHECKING:
    from fpdf import FPDF

SESSION_WIDTHS = (22, 13, 13, 28, 22, 18, 16, 48)


def _labelled(items: dict[str, str]) -> list[tuple[str, str]]:
    return [(k[:1].upper() + k[1:], v) for k, v in items.items()]


def _rows(
    title: str, items: list[dict[str, str]], doc: FPDF, widths: tuple[int, ...] | None = None
) -> None:
    pdf.line(doc, title, size=12)
    doc.ln(1)
    if not items:
        pdf.line(doc, "None held.")
        doc.ln(3)
        return
    headings = [k[:1].upper() + k[1:] for k in items[0]]
    pdf.table(doc, headings, [list(i.values()) for i in items], widths)


def render_pdf(held: dict[str, Any]) -> bytes:
    doc = pdf.new_document("Subject access", "Subject access")
    pdf.heading(doc, str(held["centre"]))
    pdf.line(doc, "Information we hold about you", size=13)
    pdf.line(doc, f"Made on {held['made on']}", size=9)
    doc.ln(3)
    pdf.line(doc, "About you", size=12)
    doc.ln(1)
    pdf.key_values(doc, _labelled(held["you"]))
    pdf.line(doc, "Your case", size=12)
    doc.ln(1)
    pdf.key_values(doc, _labelled(held["case"]))
    children = held["children"]
    pdf.line(doc, "Children", size=12)
    pdf.line(doc, ", ".join(children) if children else "None recorded.")
    doc.ln(3)
    _rows("Consents you gave", held["consents you gave"], doc)
    _rows("Your cards", held["cards"], doc)
    _rows("Sessions", held["sessions"], doc, SESSION_WIDTHS)
    _rows("Your check-ins and check-outs", held["your check-ins and check-outs"], doc)
    pdf.line(doc, "Not included", size=12)
    for note in held["not included"]:
        pdf.line(doc, f"• {note}", size=9)
    return pdf.to_bytes(doc)
