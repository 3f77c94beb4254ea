"""Subject access: everything held about one adult, other adults redacted, logged."""

from __future__ import annotations

from pathlib import Path

from textual import on
from textual.app import ComposeResult
from textual.widgets import Button, Input, Label, RadioButton, RadioSet

from kiosk.clock import Clock
from kiosk.services.cases.records import role_noun
from kiosk.services.release import subject_access
from kiosk.services.staff.auth import StaffMember
from kiosk.services.store.private_files import FileExists, typed_path
from screens.coordinator.release_form import ReleaseFormScreen
from screens.widgets.confirm import confirm_replace
from screens.widgets.refusals import refusals_shown


class SubjectAccessScreen(ReleaseFormScreen):
    CSS_PATH = "subject_access.tcss"
    TITLE_TEXT = "Subject access request"
    EXPLANATION = (
        "Makes a JSON file and a readable PDF of everything held about one adult. "
        "Every detail of any other adult is withheld. Logged as a disclosure."
    )

    def __init__(self, actor: StaffMember, clock: Clock, out_dir: Path) -> None:
        super().__init__(actor, clock)
        self.out_dir = out_dir

    def compose_fields(self) -> ComposeResult:
        yield Label("Case reference")
        yield Input(id="case")
        yield Label("Whose information")
        with RadioSet(id="role"):
            for role in subject_access.ROLES:
                yield RadioButton(f"The {role_noun(role)}", id=f"role-{role}")
        yield Label("Person id (only when the case has several adults in that role)")
        yield Input(id="person", type="integer")
        yield Label("Folder")
        yield Input(id="folder", value=str(self.out_dir))
        yield Button("Make the files", id="make", variant="primary")

    def _role(self) -> str:
        for role in subject_access.ROLES:
            if self.query_one(f"#role-{role}", RadioButton).value:
                return role
        return ""

    @on(Button.Pressed, "#make")
    def make(self) -> None:
        self._make(replace=False)

    @refusals_shown
    def _make(self, *, replace: bool) -> None:
        person = self.query_one("#person", Input).value.strip()
        folder = self.query_one("#folder", Input).value.strip()
        if not self._role():
            raise subject_access.SubjectAccessRefused("choose whose information it is")
        if person and not (person.isascii() and person.isdigit() and len(person) <= 9):
            raise subject_access.SubjectAccessRefused(
                f"Person: {person!r} is not a person's number"
            )
        try:
            result = subject_access.export(
                self.query_one("#case", Input).value,
                self._role(),
                typed_path(folder) if folder else self.out_dir,
                self.clock.now(),
                self.actor,
                person_id=int(person) if person else None,
                replace=replace,
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
            f"{result.json_path.parent}. Logged as disclosure {result.disclosure_id}."
        )
