"""Cards on A4: bank-card sized cards laid out nine to a page with cut marks.

For a whole case (`kiosk card --sheet`, the card screen): a new card for every adult
of the case, issued in one transaction with the sheet written, so either every card
is new and on the sheet or nothing changed. For every card issued today: the card
files already in the card folder, laid out again (a code is printable only when it
is issued: the database keeps no code to draw again).

Each card is the PNG of the one card renderer (render.py), placed at its real size;
the cut marks stand in the gaps, so a guillotine or scissors along them give cards of
54 x 85.6 mm, standing upright. A sheet carries only what the cards carry: centre, first name, code.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from kiosk.services.cards import render
from kiosk.services.cards.issue import (
    CardError,
    CardFileError,
    IssuedCard,
    drop_files,
    export_folder,
    issue_in_transaction,
)
from kiosk.services.staff.auth import StaffMember
from kiosk.services.staff.permissions import require_coordinator
from kiosk.services.store import card_files, private_files, settings
from kiosk.services.store.faults import reads, writes
from models import Card, Case, Person

if TYPE_CHECKING:
    from fpdf import FPDF

A4_W, A4_H = 210.0, 297.0
COLUMNS, ROWS = 3, 3
PER_PAGE = COLUMNS * ROWS
GAP = 8.0
# Cut marks: lines this long in the gaps, this far from the card's edge.
MARK, MARK_OFFSET = 3.0, 1.0


@dataclass(frozen=True)
class Sheet:
    path: Path
    cards: tuple[IssuedCard, ...]


def card_positions(count: int) -> list[tuple[int, float, float]]:
    """(page, x, y) in mm of each card's top left corner, centred on the A4 page."""
    left = (A4_W - COLUMNS * render.CARD_W - (COLUMNS - 1) * GAP) / 2
    top = (A4_H - ROWS * render.CARD_H - (ROWS - 1) * GAP) / 2
    places = []
    for n in range(count):
        page, slot = divmod(n, PER_PAGE)
        row, col = divmod(slot, COLUMNS)
        x = left + col * (render.CARD_W + GAP)
        y = top + row * (render.CARD_H + GAP)
        places.append((page, x, y))
    return places


def sheet_pdf(pngs: list[bytes]) -> bytes:
    """An A4 PDF of these card images, nine to a page, each with its cut marks."""
    from kiosk.fpdf_loader import fpdf_class

    pdf = fpdf_class()(unit="mm", format="A4")
    pdf.set_auto_page_break(False)
    pdf.set_line_width(0.2)
    pdf.set_draw_color(0)
    for n, (page, x, y) in enumerate(card_positions(len(pngs))):
        if page == pdf.page:  # pdf.page counts the pages so far
            pdf.add_page()
        pdf.image(io.BytesIO(pngs[n]), x=x, y=y, w=render.CARD_W, h=render.CARD_H)
        _cut_marks(pdf, x, y)
    return bytes(pdf.output())


def _cut_marks(pdf: FPDF, x: float, y: float) -> None:
    """Short lines beyond each corner, along both edges, never over the card."""
    w, h = render.CARD_W, render.CARD_H
    for cx, dx in ((x, -1), (x + w, 1)):
        for cy, dy in ((y, -1), (y + h, 1)):
            near, far = MARK_OFFSET, MARK_OFFSET + MARK
            pdf.line(cx + dx * near, cy, cx + dx * far, cy)
            pdf.line(cx, cy + dy * near, cx, cy + dy * far)


@writes
def _issue_all(
    case_ref: str,
    now: datetime,
    path: Path,
    replace: bool,
    actor: StaffMember | None,
    written: list[Path],
) -> tuple[list[IssuedCard], list[int]]:
    """Every adult's new card and the sheet, in one transaction; the cards replaced."""
    case = Case.get_or_none(Case.ref == case_ref)
    if case is None:
        raise CardError(f"no case {case_ref!r}")
    adults = list(Person.select().where(Person.case == case).order_by(Person.id))
    if not adults:
        raise CardError(f"case {case_ref} has no adults to issue cards to")
    pngs: list[bytes] = []

    def place(_card_id: int, face: render.CardFace) -> Path:
        pngs.append(render.render_png(face))
        return path

    issued, replaced = [], []
    for adult in adults:
        card, old = issue_in_transaction(adult.id, now, place, actor)
        issued.append(card)
        replaced += old
    # Written inside the transaction: a sheet that cannot be written issues nothing.
    written.append(private_files.write_new(path, sheet_pdf(pngs), replace=replace))
    return issued, replaced


def issue_case_sheet(
    case_ref: str,
    path: Path,
    now: datetime,
    *,
    actor: StaffMember | None = None,
    replace: bool = False,
) -> Sheet:
    """A new card for every adult of the case, all on one A4 PDF; all or nothing."""
    if actor is not None:
        require_coordinator(actor)
    sheet_path_checked(path)
    with private_files.removed_on_failure() as written:
        try:
            issued, replaced = _issue_all(case_ref, now, path, replace, actor, written)
        except OSError as exc:
            raise CardFileError(f"cannot write {path}: {exc.strerror or exc}") from exc
    # As for one card: a revoked card's file is not printed by mistake.
    drop_files(export_folder(), replaced)
    return Sheet(path, tuple(issued))


def sheet_path_checked(path: Path) -> None:
    """Raises CardFormatError unless path ends .pdf (the command asks before the passphrase)."""
    if path.suffix.lower() != ".pdf":
        raise render.CardFormatError(f"cannot write {path.name!r}: a sheet is a .pdf file")


def new_sheet_path(now: datetime) -> Path:
    """Where the card screen writes a sheet: the export folder, named by the time only.

    Raises CardFileError when the folder cannot be made (a folder set to where the
    kiosk may not write): one line on the screen, before any card is issued.
    """
    folder = settings.export_dir()
    try:
        private_files.make_folder(folder)
    except OSError as exc:
        raise CardFileError(f"cannot make the folder {folder}: {exc.strerror or exc}.") from exc
    return folder / f"card-sheet-{now:%Y%m%d-%H%M%S}.pdf"


# Said in the co-ordinator's words: cards issued on a case's sheet are on that sheet
# already, so "none today" would read as wrong on a day of sheets.
NONE_WAITING = (
    "Today's sheet gathers the cards issued one by one today; none are waiting to print "
    "(cards issued on a case's sheet are on that sheet)."
)


@reads
def _issued_today(now: datetime) -> list[int]:
    midnight = now.replace(hour=0, minute=0, second=0, microsecond=0)
    query = (
        Card.select(Card.id)
        .where(
            Card.revoked_at.is_null(),
            Card.issued_at >= midnight,
            Card.issued_at < midnight + timedelta(days=1),
        )
        .order_by(Card.id)
    )
    return [c.id for c in query]


def todays_sheet(
    actor: StaffMember, now: datetime, path: Path, *, folder: Path | None = None
) -> int:
    """Every card issued today whose PNG is in the card folder, on one sheet; how many."""
    require_coordinator(actor)
    folder = folder or export_folder()
    try:
        pngs = [
            f.read_bytes()
            for card_id in _issued_today(now)
            for f in card_files.files(folder, card_id)
            if f.suffix == ".png"
        ]
    except OSError as exc:  # a card folder the kiosk may not read
        raise CardFileError(f"cannot read the cards in {folder}: {exc.strerror or exc}") from exc
    if not pngs:
        raise CardError(NONE_WAITING)
    try:
        private_files.write_new(path, sheet_pdf(pngs))
    except OSError as exc:
        raise CardFileError(f"cannot write {path}: {exc.strerror or exc}") from exc
    return len(pngs)
