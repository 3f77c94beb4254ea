"""The co-ordinator's referrer export: a case's attendance dates and times, logged."""

from __future__ import annotations

import dataclasses
from pathlib import Path

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.content import Content
from textual.widgets import Button, Checkbox, Input, Label, RadioButton, RadioSet, Static

from kiosk.clock import Clock
from kiosk.services.release import exports
from kiosk.services.staff.auth import StaffMember
from kiosk.services.store.forms import DATE_HINT, optional_date
from kiosk.services.store.private_files import FileExists, typed_path
from screens.coordinator.release_form import ReleaseFormScreen
from screens.widgets.confirm import confirm_replace
from screens.widgets.marked_toggle import MarkedCheckbox, MarkedRadioButton
from screens.widgets.print_job import print_in_background, sending
from screens.widgets.refusals import refusals_shown


class ExportAttendanceScreen(ReleaseFormScreen):
    CSS_PATH = "export_attendance.tcss"
    TITLE_TEXT = "Attendance export for a referrer"
    EXPLANATION = (
        "Only dates, times, party and outcome leave the centre, and only to the "
        "referring agency. Every export is written in the disclosure log."
    )

    def __init__(self, actor: StaffMember, clock: Clock, out_dir: Path) -> None:
        super().__init__(actor, clock)
        self.out_dir = out_dir
        self.written: Path | None = None

    def compose_fields(self) -> ComposeResult:
        yield Label("Case reference")
        yield Input(id="case", placeholder="e.g. RCC-2025-001")
        yield Static("", id="referrer", markup=False)
        yield Label("Recipient (organisation)")
        yield Input(id="recipient", placeholder="the referring agency")
        with Horizontal(id="period"):
            yield Input(id="from", placeholder=f"From {DATE_HINT} (blank: case opened)")
            yield Input(id="until", placeholder=f"Until {DATE_HINT} (blank: today)")
        with RadioSet(id="format"):
            yield MarkedRadioButton("CSV (spreadsheet)", id="fmt-csv", value=True)
            yield MarkedRadioButton("PDF (printable)", id="fmt-pdf")
        yield Label("Save as (blank: a file in the export folder)")
        yield Input(id="output", placeholder=str(self.out_dir))
        yield MarkedCheckbox(
            "The recipient is not the referrer on file: I confirm this release", id="other"
        )
        with Horizontal(id="export-buttons"):
            yield Button("Export", id="export", variant="primary")
            # The file just written, to the printer (CUPS) where one is set up.
            yield Button("Print", id="print", disabled=True)

    @on(Input.Changed, "#case")
    @refusals_shown
    def _show_referrer(self, event: Input.Changed) -> None:
        referrer = exports.referrer_of(event.value.strip())
        text = f"Referrer on file: {referrer}" if referrer else ""
        self.query_one("#referrer", Static).update(Content(text))

    @on(Input.Submitted, "#case")
    @refusals_shown
    def _fill_recipient(self) -> None:
        recipient = self.query_one("#recipient", Input)
        if not recipient.value.strip():
            recipient.value = exports.referrer_of(self.query_one("#case", Input).value.strip())
        recipient.focus()

    def _fmt(self) -> str:
        return "pdf" if self.query_one("#fmt-pdf", RadioButton).value else "csv"

    def _output(self, case_ref: str, fmt: str) -> Path:
        typed = self.query_one("#output", Input).value.strip()
        if typed:
            return typed_path(typed)
        # The file name carries the case reference only, never a name.
        stamp = self.clock.now().strftime("%Y%m%d-%H%M")
        safe = "".join(c if c.isalnum() or c in "-_" else "_" for c in case_ref)
        return self.out_dir / f"attendance-{safe}-{stamp}.{fmt}"

    @on(Button.Pressed, "#export")
    @refusals_shown
    def export(self) -> None:
        case_ref = self.query_one("#case", Input).value.strip()
        fmt = self._fmt()
        try:
            request = exports.ExportRequest(
                case_ref=case_ref,
                recipient=self.query_one("#recipient", Input).value,
                fmt=fmt,
                date_from=optional_date(self.query_one("#from", Input).value, "From"),
                date_until=optional_date(self.query_one("#until", Input).value, "Until"),
                other_recipient=self.query_one("#other", Checkbox).value,
            )
        except ValueError as exc:  # a mistyped date
            self.report(str(exc), error=True)
            return
        self._export(request, self._output(case_ref, fmt))

    @refusals_shown
    def _export(self, request: exports.ExportRequest, out: Path) -> None:
        try:
            result = exports.export_attendance(request, out, self.clock.now(), self.actor)
        except exports.NeedsConfirmation as exc:
            self.report(f"{exc}: tick the box below the file name.", error=True)
            return
        except FileExists as exc:
            # Named outside the except block: the answer comes after it has ended.
            path = exc.path
            confirm_replace(
                self,
                path,
                replace=lambda: self._export(dataclasses.replace(request, replace=True), out),
                keep=lambda: self.report(f"Not exported: {path} is kept.", error=True),
            )
            return
        self.report(
            f"Saved {result.rows} rows ({result.date_from} to {result.date_until}) to "
            f"{result.path}. Logged as disclosure {result.disclosure_id}."
        )
        self.written = result.path
        self.query_one("#print", Button).disabled = False

    @on(Button.Pressed, "#print")
    def _print(self) -> None:
        if self.written is None:
            return
        self.query_one("#print", Button).disabled = True
        self.report(sending(self.written))
        print_in_background(self, self.written, self._printed)

    def _printed(self, line: str, sent: bool) -> None:
        self.query_one("#print", Button).disabled = self.written is None
        self.report(line, error=not sent)
