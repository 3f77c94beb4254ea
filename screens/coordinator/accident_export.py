"""Exporting the accident book for an insurer or the HSE: PDF or CSV, logged as a disclosure."""

from __future__ import annotations

import dataclasses
from pathlib import Path

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import Button, Input, Label

from kiosk.clock import Clock
from kiosk.services.release import accident_export
from kiosk.services.staff.auth import StaffMember
from kiosk.services.store.forms import counted, optional_date
from kiosk.services.store.private_files import FileExists, typed_path
from screens.coordinator.release_form import ReleaseFormScreen
from screens.widgets.confirm import confirm_replace
from screens.widgets.refusals import refusals_shown


@dataclasses.dataclass(frozen=True)
class _Request:
    out: Path
    recipient: str
    period: accident_export.Period
    replace: bool = False


class AccidentExportScreen(ReleaseFormScreen):
    CSS_PATH = "accident_export.tcss"
    AUTO_FOCUS = "#recipient"
    TITLE_TEXT = "Export the accident book"
    EXPLANATION = "Every entry and its corrections, in the HSE accident book's fields."

    def __init__(self, actor: StaffMember, clock: Clock, out_dir: Path) -> None:
        super().__init__(actor, clock)
        self.out_dir = out_dir

    def compose_fields(self) -> ComposeResult:
        yield Label("Prepared for (e.g. the insurer, the HSE)")
        yield Input(id="recipient")
        yield Label("Accidents from and until (blank: every entry)")
        with Horizontal(id="period"):
            yield Input(id="from", placeholder="From date")
            yield Input(id="until", placeholder="Until date")
        yield Label("Save as: the ending chooses the format, .pdf (printable) or .csv")
        default = self.out_dir / accident_export.default_path(self.clock.now()).name
        yield Input(id="output", value=str(default))
        yield Button("Export", id="export", variant="primary")

    @on(Button.Pressed, "#export")
    @on(Input.Submitted, "#output")
    def export(self) -> None:
        try:
            request = _Request(
                out=typed_path(self.query_one("#output", Input).value),
                recipient=self.query_one("#recipient", Input).value,
                period=(
                    optional_date(self.query_one("#from", Input).value, "From"),
                    optional_date(self.query_one("#until", Input).value, "Until"),
                ),
            )
        except ValueError as exc:  # a mistyped date, named by its field
            self.report(str(exc), error=True)
            return
        self._export(request)

    @refusals_shown
    def _export(self, request: _Request) -> None:
        try:
            done = accident_export.export_book(
                request.out,
                self.clock.now(),
                self.actor,
                recipient=request.recipient,
                period=request.period,
                replace=request.replace,
            )
        except FileExists as exc:
            # Named outside the except block: the answer comes after it has ended.
            path = exc.path
            confirm_replace(
                self,
                path,
                replace=lambda: self._export(dataclasses.replace(request, replace=True)),
                keep=lambda: self.report(f"Not exported: {path} is kept.", error=True),
            )
            return
        self.report(
            f"Saved {counted(done.accidents, 'accident')} "
            f"({counted(done.entries, 'entry', 'entries')} with corrections) to "
            f"{done.path}. Logged as disclosure {done.disclosure_id}."
        )
