"""Dependencies point one way: screens -> kiosk services -> models."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


def _modules(*folders: str) -> list[Path]:
    return [p for folder in folders for p in sorted((ROOT / folder).rglob("*.py"))]


@pytest.mark.parametrize("path", _modules("models", "kiosk/services"), ids=str)
def test_models_and_services_never_import_textual(path: Path) -> None:
    bad = {n for n in _imports(path) if n.split(".")[0] in {"textual", "rich", "screens"}}
    assert not bad, f"{path} imports {bad}"


@pytest.mark.parametrize("path", _modules("models"), ids=str)
def test_models_never_import_the_application(path: Path) -> None:
    bad = {n for n in _imports(path) if n.split(".")[0] in {"kiosk", "screens"}}
    assert not bad, f"{path} imports {bad}"


@pytest.mark.parametrize("path", _modules("screens"), ids=str)
def test_screens_never_touch_models_directly(path: Path) -> None:
    bad = {n for n in _imports(path) if n.split(".")[0] == "models"}
    assert not bad, f"{path} imports {bad}"


SERVICES = ROOT / "kiosk" / "services"
# Which service packages each package may import: the map in each package's docstring.
# Read top to bottom, nothing imports a package below it, so there is no cycle.
ALLOWED: dict[str, set[str]] = {
    "store": set(),
    "staff": {"store"},
    "centre": {"store", "staff"},
    "cases": {"store", "staff", "centre"},
    "cards": {"store", "staff", "cases"},
    "scan": {"store", "cards"},
    "attendance": {"store", "cases", "cards", "scan"},
    "door": {"store", "staff", "cases", "scan", "attendance"},
    "release": {"store", "staff", "cases", "attendance"},
    "retention": {"store"},
    "safeguarding": {"store", "staff", "release"},
    "home": {"store", "staff", "centre", "release", "retention", "safeguarding"},
    "diary": {"store", "staff", "centre", "cases", "attendance"},
    "stats": {"store", "staff", "cases", "release"},
}


def _service_packages(path: Path) -> set[str]:
    return {
        name.split(".")[2]
        for name in _imports(path)
        if name.startswith("kiosk.services.") and name.count(".") >= 2
    }


def test_every_service_package_is_in_the_map() -> None:
    packages = {p.name for p in SERVICES.iterdir() if (p / "__init__.py").exists()}
    assert packages == set(ALLOWED) | {"demo"}


@pytest.mark.parametrize(
    "path", [p for p in _modules("kiosk/services") if p.parent != SERVICES], ids=str
)
def test_service_packages_import_only_what_their_map_allows(path: Path) -> None:
    package = path.relative_to(SERVICES).parts[0]
    if package == "demo":
        return  # the demo builds a whole centre from every domain
    bad = _service_packages(path) - ALLOWED[package] - {package}
    assert not bad, f"{path} imports {bad}; {package} may import {ALLOWED[package]}"


@pytest.mark.parametrize("path", _modules("kiosk/services/scan"), ids=str)
def test_the_parents_half_never_imports_the_doors_half(path: Path) -> None:
    # The separation rule (DESIGN.md section 1): what a parent is told is decided from their
    # own booking, attendance and the clock; both parties' live status lives in door/attendance.
    bad = _service_packages(path) & {"door", "attendance", "release", "staff"}
    assert not bad, f"{path} imports {bad}"


def test_the_scan_rules_import_nothing_but_models() -> None:
    rules = SERVICES / "scan" / "rules.py"
    ours = {n for n in _imports(rules) if n.split(".")[0] in {"kiosk", "screens", "models"}}
    assert ours <= {"models"}, ours


def test_the_parent_screens_never_import_the_door_or_the_coordinators_screens() -> None:
    for path in _modules("screens/parent"):
        bad = {
            n
            for n in _imports(path)
            if n.startswith(("screens.door", "screens.coordinator", "kiosk.services.door"))
        }
        assert not bad, f"{path} imports {bad}"
