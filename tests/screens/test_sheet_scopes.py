"""Every rule in the screens' stylesheets starts with the type of the screen it styles.

Textual applies a screen's CSS_PATH sheet to the whole app once that screen
has been shown, so an unscoped `#detail` restyles every `#detail` everywhere.
These tests read the sheets with Textual's own parser; no app runs.
"""

from __future__ import annotations

import importlib
import inspect
import pkgutil
from pathlib import Path

from textual.app import App
from textual.css.model import SelectorType
from textual.css.stylesheet import Stylesheet
from textual.dom import DOMNode

import screens

ROOT = Path(screens.__file__).parent


def _our_classes() -> list[type[DOMNode]]:
    """Every screen and widget class defined in the screens package."""
    found: list[type[DOMNode]] = []
    for info in pkgutil.walk_packages(screens.__path__, "screens."):
        module = importlib.import_module(info.name)
        for value in vars(module).values():
            defined_here = getattr(value, "__module__", None) == module.__name__
            if inspect.isclass(value) and issubclass(value, DOMNode) and defined_here:
                found.append(value)
    return found


def _sheet_paths(cls: type[DOMNode]) -> list[Path]:
    css_path = getattr(cls, "CSS_PATH", None)
    if css_path is None:
        return []
    paths = [css_path] if isinstance(css_path, str | Path) else list(css_path)
    # Textual resolves them beside the file of the screen's own class.
    return [(Path(inspect.getfile(cls)).parent / p).resolve() for p in paths]


def _first_selectors(css: str, where: str) -> list[tuple[SelectorType, str]]:
    """The first selector of every comma-separated selector of every rule."""
    sheet = Stylesheet(variables=App().get_css_variables())
    sheet.add_source(css, read_from=(where, ""), is_default_css=True, scope="")
    sheet.parse()
    return [
        (selectors.selectors[0].type, selectors.selectors[0].name)
        for rule in sheet.rules
        for selectors in rule.selector_set
    ]


def test_every_rule_of_a_sheet_names_a_screen_type_that_loads_it() -> None:
    classes = _our_classes()
    ours = {cls.__name__ for cls in classes}
    sheets = sorted(ROOT.rglob("*.tcss"))
    assert sheets
    for sheet in sheets:
        loaders = [cls for cls in classes if sheet in _sheet_paths(cls)]
        assert loaders, f"{sheet.name} is loaded by no screen"
        # A type every screen loading the sheet is (or derives from), and one of
        # ours: `Screen` or `ModalScreen` would match every screen there is.
        allowed = ours.intersection(*(cls._css_type_names for cls in loaders))
        for kind, name in _first_selectors(sheet.read_text(), str(sheet)):
            assert kind is SelectorType.TYPE and name in allowed, (
                f"{sheet.relative_to(ROOT)}: a rule starts with {name!r}, not one of {allowed}"
            )


def test_default_css_rules_name_their_own_class() -> None:
    # Textual scopes DEFAULT_CSS by itself, but only the last selector of a
    # comma-separated list: naming the class in every selector leaves no doubt.
    for cls in _our_classes():
        css = cls.__dict__.get("DEFAULT_CSS", "")
        for kind, name in _first_selectors(css, cls.__qualname__):
            assert (kind, name) == (SelectorType.TYPE, cls.__name__), cls.__qualname__
