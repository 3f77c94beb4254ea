"""Files holding personal data are 0600, and folders the product makes are 0700.

A card file from `kiosk card` is checked in test_cards.py, beside the fixture it needs.
"""

from __future__ import annotations

import stat
from pathlib import Path

import pytest

from kiosk.cli import main
from kiosk.clock import FixedClock
from kiosk.services.release import exports, subject_access
from kiosk.services.release.exports import ExportRequest
from kiosk.services.store import private_files
from models import DbConfig
from tests.support.release_data import REFERRER, family_case


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_write_private_tightens_an_existing_world_readable_file(tmp_path: Path) -> None:
    path = tmp_path / "old.txt"
    path.write_text("was 0644")
    path.chmod(0o644)
    private_files.write_private(path, b"now private")
    assert _mode(path) == 0o600
    assert path.read_bytes() == b"now private"


def test_make_folder_makes_every_missing_folder_0700(tmp_path: Path) -> None:
    private_files.make_folder(tmp_path / "a" / "b")
    assert _mode(tmp_path / "a") == 0o700
    assert _mode(tmp_path / "a" / "b") == 0o700


@pytest.mark.parametrize("fmt", ["csv", "pdf"])
def test_attendance_export_is_0600(
    db: DbConfig, clock: FixedClock, tmp_path: Path, fmt: str
) -> None:
    family_case("C-1", clock.now())
    out = tmp_path / f"out.{fmt}"
    exports.export_attendance(ExportRequest("C-1", REFERRER, fmt), out, clock.now(), None)
    assert _mode(out) == 0o600


def test_subject_access_files_are_0600_in_a_0700_folder(
    db: DbConfig, clock: FixedClock, tmp_path: Path
) -> None:
    family_case("C-1", clock.now())
    result = subject_access.export("C-1", "resident", tmp_path / "sar", clock.now(), None)
    assert _mode(tmp_path / "sar") == 0o700
    assert _mode(result.json_path) == 0o600
    assert _mode(result.pdf_path) == 0o600


def test_demo_card_list_is_0600(tmp_path: Path) -> None:
    path = tmp_path / "new" / "demo.db"
    assert main(["demo", "--db", str(path), "--no-launch"]) == 0
    assert _mode(path.with_name("demo-cards.txt")) == 0o600
    assert _mode(path.parent) == 0o700
