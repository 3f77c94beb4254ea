"""Subject access: everything held about one adult, other adults redacted, logged.

The files are made only after the co-ordinator has seen every redaction in
context, and every free-text value as it will be released (redactions marked),
for exactly what they asked (case, whose, which adult, added terms): changing
any of them asks for the preview again, and the export refuses if the records
changed since (the preview's digest is passed to it).
"""

from __future__ import annotations

from pathlib import Path

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import Button, Input, Label, RadioButton, RadioSet, Static

from kiosk.clock import Clock
from kiosk.services.cases.records import role_noun
from kiosk.services.release import subject_access
from kiosk.services.release.redaction import Redaction, Released, summary
from kiosk.services.staff.auth import StaffMember
from kiosk.services.store.private_files import FileExists, typed_path
from screens.coordinator.release_form import ReleaseFormScreen
from screens.widgets.confirm import confirm_replace
from screens.widgets.marked_toggle import MarkedRadioButton
from screens.widgets.refusals import refusals_shown

Request = tuple[str, str, str, tuple[str, ...]]


def _line(r: Redaction) -> Text:
    """One redaction as the co-ordinator checks it: the removed words highlighted in place."""
    line = Text(f"{r.where} ({r.kind}): ", style="bold")
    line.append(f"{r.before} " if r.before else "", style="")
    line.append(r.said, style="reverse")
    line.append(f" {r.after}" if r.after else "", style="")
    return line


def _value(v: Released) -> Text:
    """One value as it will be released, each redaction marked where it stands."""
    line = Text(f"{v.where}: ", style="bold")
    done = 0
    for start, end in v.marks:
        line.append(v.text[done:start])
        line.append(v.text[start:end], style="reverse")
        done = end
    line.append(v.text[done:])
    return line


def _person_id(text: str) -> int | None:
    if not text:
        return None
    # At most nine digits: a longer number is no person's, and would overflow SQLite.
    if not (text.isascii() and text.isdigit() and len(text) <= 9):
        raise subject_access.SubjectAccessRefused(f"Person: {text!r} is not a person's number")
    return int(text)


class SubjectAccessScreen(ReleaseFormScreen):
    CSS_PATH = "subject_access.tcss"
    TITLE_TEXT = "Subject access request"
    EXPLANATION = (
        "Makes a JSON file and a readable PDF of everything held about one adult. "
        "Every detail of any other adult is withheld: preview the redactions, add any "
        "words to redact, then make the files. Logged as a disclosure."
    )

    def __init__(self, actor: StaffMember, clock: Clock, out_dir: Path) -> None:
        super().__init__(actor, clock)
        self.out_dir = out_dir
        self.previewed: Request | None = None
        self.digest = ""

    def compose_fields(self) -> ComposeResult:
        yield Label("Case reference")
        yield Input(id="case")
        yield Label("Whose information")
        with RadioSet(id="role"):
            for role in subject_access.ROLES:
                yield MarkedRadioButton(f"The {role_noun(role)}", id=f"role-{role}")
        yield Label("Person id (only when the case has several adults in that role)")
        yield Input(id="person", type="integer")
        yield Label("Also redact (words or phrases, separated by commas)")
        yield Input(id="added")
        yield Label("Folder")
        yield Input(id="folder", value=str(self.out_dir))
        with Horizontal(id="buttons"):
            yield Button("Preview the redactions", id="preview", variant="primary")
            yield Button("Make the files", id="make", variant="warning", disabled=True)
        yield Static("", id="summary", markup=False)
        yield Static("", id="redactions", markup=False)
        yield Static("", id="released", markup=False)

    def _role(self) -> str:
        for role in subject_access.ROLES:
            if self.query_one(f"#role-{role}", RadioButton).value:
                return role
        return ""

    def _request(self) -> Request:
        added = self.query_one("#added", Input).value.split(",")
        return (
            self.query_one("#case", Input).value.strip(),
            self._role(),
            self.query_one("#person", Input).value.strip(),
            tuple(a.strip() for a in added if a.strip()),
        )

    @on(Input.Changed, "#case, #person, #added")
    @on(RadioSet.Changed, "#role")
    def _changed(self) -> None:
        # What was previewed is no longer what would be made.
        self.query_one("#make", Button).disabled = self._request() != self.previewed

    @on(Button.Pressed, "#preview")
    @refusals_shown
    def preview(self) -> None:
        case, role, person, added = request = self._request()
        if not role:
            raise subject_access.SubjectAccessRefused("choose whose information it is")
        now = self.clock.now()
        seen = subject_access.preview(case, role, now, _person_id(person), added=added)
        self.query_one("#summary", Static).update(f"Would redact: {seen.summary}.")
        lines = [_line(r) for r in seen.redactions]
        self.query_one("#redactions", Static).update(Text("\n").join(lines))
        released = [Text("Everything written by people, as it will be released:", style="bold")]
        released += [_value(v) for v in seen.values]
        self.query_one("#released", Static).update(Text("\n").join(released))
        self.previewed, self.digest = request, seen.digest
        self.query_one("#make", Button).disabled = False
        self.report(
            "Read each redaction and everything released below, then make the files "
            "or add words to redact."
        )
        # The preview is what the co-ordinator must read: bring it to the top of the screen.
        summary_line = self.query_one("#summary", Static)
        self.call_after_refresh(summary_line.scroll_visible, top=True, animate=False)

    @on(Button.Pressed, "#make")
    def make(self) -> None:
        self._make(replace=False)

    @refusals_shown
    def _make(self, *, replace: bool) -> None:
        case, role, person, added = request = self._request()
        if request != self.previewed:
            raise subject_access.SubjectAccessRefused("preview the redactions first")
        folder = self.query_one("#folder", Input).value.strip()
        try:
            result = subject_access.export(
                case,
                role,
                typed_path(folder) if folder else self.out_dir,
                self.clock.now(),
                self.actor,
                person_id=_person_id(person),
                replace=replace,
                added=added,
                previewed=self.digest,
            )
        except FileExists as exc:
            # Named outside the except block: the answer comes after it has ended.
            path = exc.path
            confirm_replace(
                self,
                path,
                replace=lambda: self._make(replace=True),
                keep=lambda: self.report(f"Not made: {path} is kept.", error=True),
            )
            return
        self.report(
            f"Saved {result.json_path.name} and {result.pdf_path.name} in "
            f"{result.json_path.parent}. Logged as disclosure {result.disclosure_id} "
            f"({summary(result.redactions)})."
        )
