"""Exporting the figures shown: PDF, CSV or Markdown, small numbers withheld or exact, audited.

The same export as `kiosk stats` (kiosk/services/stats/files.py): a file created
new (replaced only when the co-ordinator says so), the export in the audit log,
a database fault said in one line.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import Button, Input, Label, RadioButton, RadioSet

from kiosk.clock import Clock
from kiosk.services.staff.auth import StaffMember
from kiosk.services.stats import files
from kiosk.services.stats.period import Period
from kiosk.services.store.private_files import FileExists, typed_path
from screens.coordinator.release_form import ReleaseFormScreen
from screens.widgets.confirm import confirm_replace
from screens.widgets.marked_toggle import MarkedRadioButton
from screens.widgets.refusals import refusals_shown

FORMAT_CHOICES = (
    ("pdf", "PDF (printable, with charts)"),
    ("csv", "CSV (spreadsheet)"),
    ("md", "Markdown (text)"),
)


def default_name(period: Period, fmt: str) -> str:
    """A file name from the period's dates only: no person, no case."""
    return f"figures-{period.first:%Y-%m-%d}-to-{period.last:%Y-%m-%d}.{fmt}"


class StatsExportScreen(ReleaseFormScreen):
    CSS_PATH = "stats_export.tcss"
    AUTO_FOCUS = "#format"
    TITLE_TEXT = "Export the figures"

    def __init__(self, actor: StaffMember, clock: Clock, out_dir: Path, period: Period) -> None:
        super().__init__(actor, clock)
        self.out_dir, self.period = out_dir, period
        self.EXPLANATION = (
            f"The figures for {period.label}: counts and rates only, no person in them. "
            "Small numbers withheld for trustees and funders. Every export is audited."
        )

    def compose_fields(self) -> ComposeResult:
        # Side by side: the whole dialog fits 80x24 without scrolling.
        with Horizontal(id="choices"):
            with RadioSet(id="format"):
                for fmt, label in FORMAT_CHOICES:
                    yield MarkedRadioButton(label, id=f"fmt-{fmt}", value=fmt == "pdf")
            with RadioSet(id="figures"):
                yield MarkedRadioButton("Small numbers withheld (<3)", id="withheld", value=True)
                yield MarkedRadioButton("Exact, for internal use only", id="exact")
        yield Label("Save as (a new file; its ending follows the format)")
        yield Input(id="output", value=str(self.out_dir / default_name(self.period, "pdf")))
        with Horizontal(id="export-buttons"):
            yield Button("Export", id="export", variant="primary")
            yield Button("Back", id="back")

    def _fmt(self) -> str:
        return next(f for f, _ in FORMAT_CHOICES if self.query_one(f"#fmt-{f}", RadioButton).value)

    @on(RadioSet.Changed, "#format")
    def _follow_format(self) -> None:
        # A name still ending in another format's ending follows the choice.
        output = self.query_one("#output", Input)
        path = Path(output.value.strip())
        if path.suffix.lower().lstrip(".") in files.FORMATS:
            output.value = str(path.with_suffix(f".{self._fmt()}"))

    @on(Button.Pressed, "#back")
    def _back(self) -> None:
        self.dismiss()

    @on(Button.Pressed, "#export")
    @on(Input.Submitted, "#output")
    @refusals_shown
    def export(self) -> None:
        fmt = self._fmt()
        out = typed_path(self.query_one("#output", Input).value)
        exact = self.query_one("#exact", RadioButton).value
        files.format_for(out, fmt)
        self._export(files.StatsRequest(self.period, fmt, exact=exact), out)

    @refusals_shown
    def _export(self, request: files.StatsRequest, out: Path) -> None:
        try:
            done = files.export(request, out, self.clock.now(), self.actor)
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
        kind = "exact figures, for internal use" if request.exact else "small numbers withheld"
        self.report(f"Saved the figures ({kind}) to {done}. Logged in the audit log.")
