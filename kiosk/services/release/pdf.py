"""A4 documents in the bundled Unicode font, for files that leave the centre.

fpdf2's built-in fonts only cover Latin-1; names such as "Zoë Łukasz" need a
TrueType font, so DejaVu Sans Condensed ships inside the package, reduced to
the European scripts (a quarter of the size, and four times quicker to load).

A character the font has no glyph for is drawn as "?" (the font has no U+FFFD):
fpdf2 would leave it out with only a warning, and "Gar★eth" would read "Gareth"
in the PDF while the JSON beside it says otherwise.
"""

from __future__ import annotations

from collections.abc import Sequence
from importlib.resources import as_file, files
from typing import TYPE_CHECKING

from kiosk import fpdf_loader

if TYPE_CHECKING:
    from fpdf import FPDF
    from fpdf.fonts import FontFace, TTFFont
else:
    # fpdf2 without the libraries only images and encryption need (kiosk/fpdf_loader.py).
    FPDF = fpdf_loader.load().FPDF
    from fpdf.fonts import FontFace, TTFFont

FONT = "DejaVuSansCondensed"
FONT_FILE = "fonts/DejaVuSansCondensed-subset.ttf"
HEADING_FILL = (225, 230, 238)


# Drawn in place of a character the font lacks; line breaks and tabs are layout, not glyphs.
MISSING = "?"
_LAYOUT = "\n\r\t"


class Document(FPDF):
    """An A4 page with "label · page n of N" at the foot of every page."""

    footer_label = ""

    def normalize_text(self, text: str) -> str:
        """Every piece of text fpdf2 measures or draws passes here: a character the
        current font cannot draw becomes a visible mark instead of nothing."""
        text = super().normalize_text(text)
        font = self.current_font
        if not isinstance(font, TTFFont):
            return text
        cmap = font.cmap
        return "".join(c if ord(c) in cmap or c in _LAYOUT else MISSING for c in text)

    def footer(self) -> None:
        self.set_y(-12)
        self.set_font(FONT, size=8)
        self.set_text_color(90, 90, 90)
        label = f"{self.footer_label} · " if self.footer_label else ""
        self.cell(0, 5, f"{label}page {self.page_no()} of {{nb}}", align="C")
        self.set_text_color(0, 0, 0)


def new_document(title: str, footer_label: str = "") -> FPDF:
    """A portrait A4 document with the bundled font set; title goes into the metadata."""
    pdf = Document(orientation="portrait", unit="mm", format="A4")
    pdf.footer_label = footer_label
    with as_file(files("kiosk").joinpath(FONT_FILE)) as path:
        pdf.add_font(FONT, "", str(path))
    pdf.set_title(title)
    pdf.set_creator("Contact Centre Kiosk")
    pdf.set_auto_page_break(auto=True, margin=15)
    pdf.set_margins(15, 15, 15)
    pdf.add_page()
    pdf.set_font(FONT, size=10)
    return pdf


def heading(pdf: FPDF, text: str, size: int = 16) -> None:
    pdf.set_font(FONT, size=size)
    pdf.multi_cell(0, size * 0.5, text, new_x="LMARGIN", new_y="NEXT")
    pdf.set_font(FONT, size=10)
    pdf.ln(2)


def line(pdf: FPDF, text: str, size: int = 10) -> None:
    pdf.set_font(FONT, size=size)
    pdf.multi_cell(0, size * 0.5, text, new_x="LMARGIN", new_y="NEXT")
    pdf.set_font(FONT, size=10)


# Characters of one cell on one table row: a row must fit on a page (fpdf2 refuses a
# taller one), and a narrow column of 800 characters is well within one.
CELL_CHARS = 800


def _page_sized(cells: Sequence[str]) -> list[list[str]]:
    """One row, or several when a cell is too long for a page: the rest of a long cell
    runs on in the rows below it, the other cells blank."""
    pieces = [_pieces(str(cell)) for cell in cells]
    depth = max(len(p) for p in pieces)
    return [[p[i] if i < len(p) else "" for p in pieces] for i in range(depth)]


def _pieces(text: str) -> list[str]:
    out: list[str] = []
    while len(text) > CELL_CHARS:
        cut = text.rfind(" ", 0, CELL_CHARS)
        cut = cut if cut > CELL_CHARS // 2 else CELL_CHARS
        out.append(text[:cut])
        text = text[cut:].lstrip()
    return [*out, text]


def table(
    pdf: FPDF,
    headings: Sequence[str],
    rows: Sequence[Sequence[str]],
    col_widths: Sequence[float] | None = None,
    size: int = 9,
    headed: bool = True,
) -> None:
    """A ruled table; its heading row (when headed) repeats on every page."""
    pdf.set_font(FONT, size=size)
    style = FontFace(fill_color=HEADING_FILL)
    with pdf.table(
        col_widths=tuple(col_widths) if col_widths else None,
        headings_style=style,
        line_height=size * 0.55,
        text_align="LEFT",
        first_row_as_headings=headed,
        repeat_headings=1,
    ) as tbl:
        for cells in [headings, *rows] if headed else rows:
            for part in _page_sized(cells):
                row = tbl.row()
                for cell in part:
                    row.cell(cell)
    pdf.set_font(FONT, size=10)
    pdf.ln(3)


def grid(
    pdf: FPDF,
    headings: Sequence[str],
    rows: Sequence[Sequence[str]],
    size: int = 9,
) -> None:
    """A one-line-per-row table drawn with text and rules: many times quicker than
    fpdf2's table() for long lists of short cells. Columns are as wide as their
    widest cell, the last one takes what is left; the heading row repeats on
    every page."""
    height = size * 0.5
    pad = 1.0
    pdf.set_font(FONT, size=size)
    col_widths = _fit(pdf, headings, rows, pad)

    def draw(cells: Sequence[str], shaded: bool) -> None:
        if pdf.get_y() + height > pdf.h - pdf.b_margin:
            pdf.add_page()
            draw(headings, True)
        x, y = pdf.l_margin, pdf.get_y()
        if shaded:
            pdf.set_fill_color(*HEADING_FILL)
            pdf.rect(x, y, sum(col_widths), height, style="F")
        for cell, width in zip(cells, col_widths, strict=True):
            pdf.text(x + pad, y + height * 0.72, cell)
            x += width
        pdf.line(pdf.l_margin, y + height, pdf.l_margin + sum(col_widths), y + height)
        pdf.set_y(y + height)

    pdf.set_draw_color(170, 170, 170)
    pdf.set_line_width(0.1)
    draw(headings, True)
    for cells in rows:
        draw(cells, False)
    pdf.set_font(FONT, size=10)
    pdf.ln(3)


def _fit(
    pdf: FPDF, headings: Sequence[str], rows: Sequence[Sequence[str]], pad: float
) -> list[float]:
    # Distinct values only: an export repeats the same few dates and times.
    columns = [{h, *(row[i] for row in rows)} for i, h in enumerate(headings)]
    widths = [max(pdf.get_string_width(v) for v in col) + 3 * pad for col in columns]
    spare = pdf.epw - sum(widths)
    widths[-1] += max(spare, 0)
    return widths


def facts(pdf: FPDF, pairs: Sequence[tuple[str, str]], label_width: float = 38) -> None:
    """Short label/value lines without rules (cheap: plain cells)."""
    for label, value in pairs:
        pdf.set_text_color(90, 90, 90)
        pdf.cell(label_width, 6, label)
        pdf.set_text_color(0, 0, 0)
        pdf.cell(0, 6, value, new_x="LMARGIN", new_y="NEXT")
    pdf.ln(3)


def wrapped_facts(
    pdf: FPDF, pairs: Sequence[tuple[str, str]], label_width: float = 38, size: int = 9
) -> None:
    """Label/value lines, a long value wrapping under itself, and a rule under them.

    Many times quicker than a table for a long run of small records (an accident
    book of hundreds of entries).
    """
    height = size * 0.5
    pdf.set_font(FONT, size=size)
    for label, value in pairs:
        pdf.set_text_color(90, 90, 90)
        pdf.cell(label_width, height, label)
        pdf.set_text_color(0, 0, 0)
        pdf.multi_cell(0, height, value, new_x="LMARGIN", new_y="NEXT")
    pdf.set_draw_color(170, 170, 170)
    pdf.set_line_width(0.1)
    y = pdf.get_y() + 1.5
    pdf.line(pdf.l_margin, y, pdf.w - pdf.r_margin, y)
    pdf.set_y(y + 2.5)
    pdf.set_font(FONT, size=10)


def key_values(pdf: FPDF, pairs: Sequence[tuple[str, str]]) -> None:
    """Label/value pairs as a two-column table without a heading row."""
    if not pairs:
        return
    table(pdf, (), pairs, col_widths=(1, 2), headed=False)


def to_bytes(pdf: FPDF) -> bytes:
    return bytes(pdf.output())
