"""Printable QR cards as SVG, PNG or PDF.

A card carries the centre's name, the holder's first name and the QR code,
nothing else: a lost card must not tell a finder who the family is. All three
formats share one portrait layout the size of a bank card, in millimetres.
"""

from __future__ import annotations

import functools
import io
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING
from xml.etree import ElementTree as ET

import qrcode
import qrcode.constants
from PIL import Image, ImageDraw, ImageFont
from qrcode.image.svg import SvgPathImage

from models.errors import KioskError

if TYPE_CHECKING:
    from fpdf import FPDF

SUFFIXES = (".svg", ".png", ".pdf")

# Portrait ID-1 card (ISO/IEC 7810), millimetres.
CARD_W, CARD_H = 54.0, 85.6
QR_SIZE = 44.0
QR_TOP = 17.0
CENTRE_Y, CENTRE_SIZE = 9.0, 3.6
NAME_Y, NAME_SIZE = 71.0, 7.0
SIDE_MARGIN = 3.0
# Without a font to measure with, an SVG line is assumed this wide per character.
SVG_EM_PER_CHAR = 0.62
PNG_DPI = 300
PT_PER_MM = 72 / 25.4
# Fonts with wide coverage, where an operating system usually keeps them;
# names such as "Łucja" or "Zoë" must print as written.
FONT_CANDIDATES = (
    "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf",
    "/usr/share/fonts/dejavu/DejaVuSans-Bold.ttf",
    "/usr/share/fonts/TTF/DejaVuSans-Bold.ttf",
    "/Library/Fonts/Arial Unicode.ttf",
    "C:/Windows/Fonts/arialbd.ttf",
)


class CardFormatError(KioskError, ValueError):
    """The output file's name does not end in a format we can write."""


@dataclass(frozen=True)
class CardFace:
    """What a card shows: the centre, the holder's own first name and the code, nothing else."""

    centre_name: str
    first_name: str
    token: str
    issued_on: date | None = None


def _qr(code: str) -> qrcode.QRCode:  # type: ignore[type-arg]
    # Medium error correction survives a scuffed card; upper-case base32 keeps
    # the code in QR's compact alphanumeric mode.
    qr = qrcode.QRCode(error_correction=qrcode.constants.ERROR_CORRECT_M, border=4)
    qr.add_data(code)
    qr.make(fit=True)
    return qr


def fit_lines(
    text: str, width_at: Callable[[str, float], float], size: float
) -> tuple[list[str], float]:
    """Lines and font size (mm) so text fits the card: shrink, then wrap in two.

    width_at(line, size) measures a line in millimetres in the output's font.
    """
    limit = CARD_W - 2 * SIDE_MARGIN
    words = text.split()
    halves = [[" ".join(words[:cut]), " ".join(words[cut:])] for cut in range(1, len(words))]
    # Prefer one line, then the most balanced two-line split.
    halves.sort(key=lambda pair: abs(len(pair[0]) - len(pair[1])))
    candidates = [[text], *halves[:1]]
    for lines in candidates:
        for step in range(0, 6):
            trial = size * (1 - step * 0.1)
            if all(width_at(line, trial) <= limit for line in lines):
                return lines, trial
    return candidates[-1], size * 0.5


def _font_path() -> Path | None:
    return next((Path(p) for p in FONT_CANDIDATES if Path(p).is_file()), None)


def render_svg(face: CardFace) -> bytes:
    """An SVG card built with qrcode's SVG factory and the standard library."""
    qr_img = qrcode.make(face.token, image_factory=SvgPathImage, box_size=10, border=4)
    modules_mm = float(qr_img.units(qr_img.pixel_size, text=False))
    svg = ET.Element(
        "svg",
        xmlns="http://www.w3.org/2000/svg",
        width=f"{CARD_W}mm",
        height=f"{CARD_H}mm",
        viewBox=f"0 0 {CARD_W} {CARD_H}",
    )
    ET.SubElement(svg, "rect", x="0", y="0", width="100%", height="100%", fill="white")
    _svg_text(svg, face.centre_name, CENTRE_Y, CENTRE_SIZE)
    scale = QR_SIZE / modules_mm
    group = ET.SubElement(
        svg,
        "g",
        transform=f"translate({(CARD_W - QR_SIZE) / 2} {QR_TOP}) scale({scale:.5f})",
    )
    assert qr_img.path is not None
    group.append(qr_img.path)
    _svg_text(svg, face.first_name, NAME_Y, NAME_SIZE)
    # ElementTree escapes text, so a name can never become markup.
    body = bytes(ET.tostring(svg, encoding="utf-8"))
    return b'<?xml version="1.0" encoding="UTF-8"?>\n' + body


def _svg_text(parent: ET.Element, text: str, y: float, size: float) -> None:
    lines, fitted = fit_lines(text, lambda line, sz: len(line) * sz * SVG_EM_PER_CHAR, size)
    top = y - (len(lines) - 1) * fitted * 1.15
    for i, line in enumerate(lines):
        node = ET.SubElement(
            parent,
            "text",
            x=str(CARD_W / 2),
            y=f"{top + i * fitted * 1.15:.2f}",
            fill="black",
            style=f"font-family:sans-serif;font-weight:bold;font-size:{fitted:.2f}px",
        )
        node.set("text-anchor", "middle")
        if len(line) * fitted * SVG_EM_PER_CHAR > CARD_W - 2 * SIDE_MARGIN:
            # Still too long: let the viewer squeeze it into the card's width.
            node.set("textLength", str(CARD_W - 2 * SIDE_MARGIN))
            node.set("lengthAdjust", "spacingAndGlyphs")
        node.text = line


def _px(mm: float) -> int:
    return round(mm / 25.4 * PNG_DPI)


def _mm(px: float) -> float:
    return px * 25.4 / PNG_DPI


@functools.lru_cache(maxsize=32)
def _pil_font(size_mm: float) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    path = _font_path()
    if path is not None:
        return ImageFont.truetype(str(path), _px(size_mm))
    return ImageFont.load_default(size=_px(size_mm))


def render_png(face: CardFace) -> bytes:
    """A 300 dpi PNG card."""
    card = Image.new("L", (_px(CARD_W), _px(CARD_H)), 255)
    qr_img = _qr(face.token).make_image().get_image().convert("L")
    side = _px(QR_SIZE)
    # Nearest-neighbour keeps the modules' edges sharp for scanners.
    qr_img = qr_img.resize((side, side), Image.Resampling.NEAREST)
    card.paste(qr_img, ((card.width - side) // 2, _px(QR_TOP)))
    draw = ImageDraw.Draw(card)
    for text, y, size in (
        (face.centre_name, CENTRE_Y, CENTRE_SIZE),
        (face.first_name, NAME_Y, NAME_SIZE),
    ):
        lines, fitted = fit_lines(
            text, lambda line, sz: _mm(draw.textlength(line, font=_pil_font(sz))), size
        )
        font = _pil_font(fitted)
        top = y - (len(lines) - 1) * fitted * 1.15
        for i, line in enumerate(lines):
            at = (card.width // 2, _px(top + i * fitted * 1.15))
            draw.text(at, line, fill=0, font=font, anchor="ms")
    out = io.BytesIO()
    card.save(out, format="PNG", dpi=(PNG_DPI, PNG_DPI))
    return out.getvalue()


def render_pdf(face: CardFace) -> bytes:
    """A one-page PDF the size of the card, with real text and vector modules."""
    # fpdf2 is slow to import: loaded when a PDF card is made, not at start-up.
    from kiosk.fpdf_loader import fpdf_class

    pdf = fpdf_class()(unit="mm", format=(CARD_W, CARD_H))
    pdf.set_margin(0)
    pdf.set_auto_page_break(False)
    pdf.add_page()
    family = _pdf_font(pdf)
    style = "B" if family == "Helvetica" else ""
    for text, y, size in (
        (face.centre_name, CENTRE_Y, CENTRE_SIZE),
        (face.first_name, NAME_Y, NAME_SIZE),
    ):
        safe = text if family != "Helvetica" else text.encode("latin-1", "replace").decode()

        def width_at(line: str, sz: float) -> float:
            pdf.set_font(family, style, sz * PT_PER_MM)
            return float(pdf.get_string_width(line))

        lines, fitted = fit_lines(safe, width_at, size)
        pdf.set_font(family, style, fitted * PT_PER_MM)
        top = y - (len(lines) - 1) * fitted * 1.15
        for i, line in enumerate(lines):
            # A cell's text sits on its vertical middle; y is the baseline.
            pdf.set_xy(0, top + i * fitted * 1.15 - fitted * 0.85)
            pdf.cell(CARD_W, fitted, line, align="C")
    matrix = _qr(face.token).get_matrix()
    module = QR_SIZE / len(matrix)
    left = (CARD_W - QR_SIZE) / 2
    pdf.set_fill_color(0)
    for row, cells in enumerate(matrix):
        for col, dark in enumerate(cells):
            if dark:
                pdf.rect(left + col * module, QR_TOP + row * module, module, module, style="F")
    return bytes(pdf.output())


def _pdf_font(pdf: FPDF) -> str:
    path = _font_path()
    if path is None:
        # Core fonts only know Latin-1; letters outside it print as "?".
        return "Helvetica"
    pdf.add_font("CardFont", "", str(path))
    return "CardFont"


RENDERERS: dict[str, Callable[[CardFace], bytes]] = {
    ".svg": render_svg,
    ".png": render_png,
    ".pdf": render_pdf,
}


def renderer_for(path: Path) -> Callable[[CardFace], bytes]:
    """The renderer for path's suffix; raises CardFormatError before anything is issued."""
    try:
        return RENDERERS[path.suffix.lower()]
    except KeyError:
        raise CardFormatError(
            f"cannot write {path.name!r}: the card file must end in .svg, .png or .pdf"
        ) from None
