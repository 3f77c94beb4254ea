"""The centre's settings: name, nation, waiting areas, new cases' timings, the kiosk's
timings, folders, and the confidentiality policy with its review.

Save stores every changed setting or none (each problem beside its field), and
each change is audited. Escape with changes not saved asks first.
"""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.widget import Widget
from textual.widgets import Button, Input, Select, Static

from kiosk.services.centre import centre_settings, rooms
from kiosk.services.centre.centre_settings import SettingView
from kiosk.services.release import policy
from kiosk.services.store.errors import KioskError
from kiosk.services.store.forms import DATE_HINT, Problem, parse_date
from kiosk.services.store.private_files import typed_path
from screens.coordinator.admin_form import AdminFormScreen, form_foot, form_row
from screens.widgets.confirm import leave_unsaved
from screens.widgets.form_errors import show_problems
from screens.widgets.refusals import refusals_shown

POLICY_FIELDS = ("policy-file", "policy-by", "policy-on")


def _field(s: SettingView) -> Widget:
    if s.kind in ("nation", "waiting"):
        options = list(centre_settings.NATIONS) if s.kind == "nation" else rooms.waiting_areas()
        if s.value and s.value not in options:
            options.append(s.value)  # shown as it is, so Save names what is wrong with it
        # Names as typed, never as markup: "[/]" in a waiting area's name is text. A
        # nation is stored in lower case ("england") and shown as a name ("England").
        choices = [(Text(_shown(o) if s.kind == "nation" else o), o) for o in options]
        return Select(choices, value=s.value or Select.NULL, id=s.key)
    return Input(s.value, id=s.key)


class SettingsScreen(AdminFormScreen):
    CSS_PATH = "admin_form.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "leave", "Back", id="settings.back", tooltip="Back to the menu"),
        Binding("ctrl+s", "save", "Save", id="settings.save", tooltip="Save the settings"),
    ]

    def compose(self) -> ComposeResult:
        self.stored = centre_settings.show()
        view = policy.current()
        yield Static("Settings", classes="title")
        with VerticalScroll(id="form"):
            with Vertical(classes="section", id="settings-section") as section:
                section.border_title = "The centre"
                for s in self.stored:
                    yield form_row(s.label, _field(s))
            with Vertical(classes="section", id="policy-section") as section:
                section.border_title = "Confidentiality policy"
                yield Static(_review(view), id="review", markup=False)
                yield form_row("Policy file (.md)", Input(id="policy-file"))
                yield form_row("Reviewed by", Input(id="policy-by"))
                yield form_row("Reviewed on", Input(placeholder=DATE_HINT, id="policy-on"))
                yield Button("Store the policy", id="store-policy")
        yield from form_foot(
            Button("Save", id="save", variant="primary"), Button("Back", id="back")
        )

    def _values(self) -> dict[str, str]:
        values = {}
        for s in self.stored:
            widget = self.query_one(f"#{s.key}")
            if isinstance(widget, Select):
                values[s.key] = "" if widget.is_blank() else str(widget.value)
            else:
                values[s.key] = self.value_of(s.key)
        return values

    @on(Button.Pressed, "#save")
    async def action_save(self) -> None:
        def save() -> str:
            changed = centre_settings.change(self._values(), self.clock.now(), self.actor)
            # Named as the form names them, not by their keys.
            labels = {s.key: s.label for s in self.stored}
            named = ", ".join(labels.get(key, key) for key in changed)
            return f"Saved: {named}." if changed else "Nothing had changed."

        await self.submit([], save)

    @on(Button.Pressed, "#store-policy")
    @refusals_shown
    async def _store_policy(self) -> None:
        problems: list[Problem] = []
        reviewed_on = parse_date(self.value_of("policy-on"), "policy-on", problems)
        path = typed_path(self.value_of("policy-file"))
        text = ""
        try:
            text = path.read_text(encoding="utf-8") if path.is_file() else ""
        except (OSError, UnicodeDecodeError):
            text = ""
        if not text.strip():
            problems.append(Problem("policy-file", f"cannot read a policy from {str(path)!r}"))
        if reviewed_on is None and not problems:
            problems.append(Problem("policy-on", "say when it was reviewed"))
        if problems or reviewed_on is None:
            show_problems(self, problems)
            return
        label = f"volunteer:{self.actor.id}"

        def store() -> str:
            view = policy.set_policy(
                text, self.value_of("policy-by"), reviewed_on, self.clock.now(), actor_label=label
            )
            return f"Stored the policy, {_review(view)}."

        await self.submit([], store)

    def _unsaved(self) -> bool:
        before = {s.key: s.value for s in self.stored}
        typed = any(self.value_of(f).strip() for f in POLICY_FIELDS)
        try:
            return typed or self._values() != before
        except KioskError:
            return True

    def action_leave(self) -> None:
        if self._unsaved():
            leave_unsaved(self, "the changed settings")
        else:
            self.dismiss(None)


def _review(view: policy.PolicyView) -> str:
    if view.reviewed_on is None:
        return "the product's default: the centre has not stored its own"
    return f"reviewed by {view.reviewed_by} on {view.reviewed_on:%d/%m/%Y}"


def _shown(nation: str) -> str:
    """A nation as a name: "northern_ireland" is "Northern Ireland"."""
    return nation.replace("_", " ").title()
