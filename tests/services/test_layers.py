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
