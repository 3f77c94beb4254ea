"""The co-ordinator's purge: what is due, a confirmation, a progress bar, the result."""

from __future__ import annotations

from datetime import date
from typing import ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import Button, ProgressBar, Static

from kiosk.clock import Clock
from kiosk.services import store
from kiosk.services.retention import purge as retention
from kiosk.services.staff.auth import StaffMember
from kiosk.services.store.errors import KioskError
from kiosk.services.store.faults import StoreFault
from kiosk.services.store.forms import counted
from screens.widgets.refusals import refusals_shown

STAGES = {"delete": "Deleting records", "checkpoint": "Scrubbing", "vacuum": "Compacting"}

SINGULAR = {"people": "person", "children": "child", "attendance": "attendance event"}


def _count(n: int, kind: str) -> str:
    if kind == "attendance":
        kind = "attendance events"
    return f"{n} {SINGULAR.get(kind, kind.rstrip('s')) if n == 1 else kind}"


class PurgeScreen(Screen[None]):
    CSS_PATH = "purge.tcss"
    # Where a refusal is shown: see screens/widgets/refusals.py.
    STATUS_LINE = "#result"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "back", "Back", id="purge.back", tooltip="Leave the purge")
    ]

    def __init__(self, actor: StaffMember, clock: Clock) -> None:
        super().__init__()
        self.actor = actor
        self.clock = clock
        self.report: retention.DueReport | None = None
        self.running = False

    def compose(self) -> ComposeResult:
        with Vertical(id="purge"):
            yield Static("Retention: records due for destruction", id="title", markup=False)
            yield Static("", id="summary", markup=False)
            with VerticalScroll(id="details"):
                yield Static("", id="counts", markup=False)
                # Case references and volunteers' names: never markup.
                yield Static("", id="refs", markup=False)
            with Horizontal(id="actions"):
                yield Button("Destroy these records", id="destroy", variant="error")
                yield Button("Back", id="back")
            with Vertical(id="confirm"):
                yield Static("", id="confirm-text", markup=False)
                with Horizontal():
                    yield Button("Yes, destroy them", id="confirm-yes", variant="error")
                    yield Button("Cancel", id="confirm-no")
            yield ProgressBar(id="progress", show_eta=False)
            yield Static("", id="stage", markup=False)
            yield Static("", id="result", markup=False)

    @refusals_shown
    def on_mount(self) -> None:
        self._set_visible(confirm=False, progress=False)
        if not self.actor.is_coordinator:
            self._summary("Only the co-ordinator can destroy records.")
            self.query_one("#destroy").display = False
            return
        self.report = retention.due(self.clock.now().date())
        self._show_report(self.report)

    def _summary(self, text: str) -> None:
        self.query_one("#summary", Static).update(text)

    def _set_visible(self, *, confirm: bool, progress: bool) -> None:
        self.query_one("#confirm").display = confirm
        self.query_one("#progress").display = progress
        self.query_one("#stage").display = progress

    def _show_report(self, report: retention.DueReport) -> None:
        self._summary(
            f"As of {report.as_of:%d %B %Y}: cases last used before {report.case_cutoff:%d %B %Y}"
            f" and volunteers who left before {report.volunteer_cutoff:%d %B %Y}."
        )
        if report.is_empty:
            self.query_one("#counts", Static).update("Nothing is due.")
            self.query_one("#destroy").display = False
            return
        counts = [_count(report.counts[k], k) for k in retention.KINDS if report.counts[k]]
        self.query_one("#counts", Static).update("Due: " + ", ".join(counts) + ".")
        refs = []
        if report.case_refs:
            refs.append("Cases: " + ", ".join(report.case_refs))
        if report.volunteer_names:
            refs.append("Volunteers: " + ", ".join(report.volunteer_names))
        self.query_one("#refs", Static).update("\n".join(refs))

    @on(Button.Pressed, "#destroy")
    def ask(self) -> None:
        if self.report is None or self.report.is_empty:
            return
        what = [
            counted(n, noun)
            for n, noun in (
                (len(self.report.case_refs), "case"),
                (len(self.report.volunteer_names), "volunteer record"),
            )
            if n
        ]
        self.query_one("#confirm-text", Static).update(
            f"Destroy {' and '.join(what)} for good? This cannot be undone."
        )
        self.query_one("#actions").display = False
        self._set_visible(confirm=True, progress=False)
        self.query_one("#confirm-no", Button).focus()
        # Below a long list on a small terminal: brought into view once it is laid out.
        self.call_after_refresh(self.query_one("#confirm").scroll_visible, animate=False)

    @on(Button.Pressed, "#confirm-no")
    def cancel(self) -> None:
        self._set_visible(confirm=False, progress=False)
        self.query_one("#actions").display = True

    @on(Button.Pressed, "#confirm-yes")
    def start(self) -> None:
        if self.report is None or self.running:
            return
        self.running = True
        self._set_visible(confirm=False, progress=True)
        self.run_purge(self.report.as_of)

    @work(thread=True, exclusive=True)
    def run_purge(self, as_of: date) -> None:
        """In a thread so the progress bar moves; it opens its own connection.

        A refusal (a database fault, say) is one line and nothing was destroyed;
        anything else stops the app with its crash report (kiosk/crash_report.py).
        """
        try:
            result = retention.purge(
                as_of,
                self.clock.now(),
                actor=self.actor,
                progress=lambda step: self.app.call_from_thread(self._on_step, step),
            )
        except StoreFault as exc:
            line = f"{exc.cause}. Nothing was destroyed; try again when it clears."
            self.app.call_from_thread(self._on_failed, line)
        except KioskError as exc:
            self.app.call_from_thread(self._on_failed, f"Nothing was destroyed: {exc}")
        else:
            self.app.call_from_thread(self._on_done, result)
        finally:
            # peewee keeps one connection per thread: close this thread's own.
            store.close()

    def _on_step(self, step: retention.PurgeStep) -> None:
        bar = self.query_one("#progress", ProgressBar)
        bar.update(total=max(step.total, 1), progress=step.done)
        self.query_one("#stage", Static).update(f"{STAGES[step.stage]}: {step.done}/{step.total}")

    def _on_done(self, result: retention.PurgeResult) -> None:
        self.running = False
        self.query_one("#stage").display = False
        text = retention.summary(result)
        if not result.wal_cleared:
            text += " Another program was reading: run the purge again later to finish scrubbing."
        if result.card_files_left:
            text += f" {result.card_files_left} card files could not be removed: delete them."
        self.query_one("#result", Static).update(text)
        self.query_one("#details").display = False
        self.query_one("#actions").display = True
        self.query_one("#destroy").display = False
        self.query_one("#back", Button).focus()

    def _on_failed(self, line: str) -> None:
        self.running = False
        self._set_visible(confirm=False, progress=False)
        self.query_one("#result", Static).update(line)
        self.query_one("#actions").display = True

    @on(Button.Pressed, "#back")
    def action_back(self) -> None:
        if not self.running:
            self.dismiss()
