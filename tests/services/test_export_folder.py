"""A new install has no export folder: the first file exported into it makes it, 0700."""

from __future__ import annotations

import stat
from pathlib import Path

from kiosk.clock import FixedClock
from kiosk.services.release import exports
from kiosk.services.release.exports import ExportRequest
from kiosk.services.stats import files
from kiosk.services.store import settings
from models import DbConfig
from tests.services.test_exports import REFERRER, family_case
from tests.services.test_stats_files import OCTOBER
from tests.support.stats_centre import NOW, small_centre


def _fresh_folder() -> Path:
    folder = settings.export_dir()
    assert not folder.exists(), "the test needs an install that has exported nothing"
    return folder


def _is_private_folder(folder: Path) -> bool:
    return folder.is_dir() and stat.S_IMODE(folder.stat().st_mode) == 0o700


def test_the_figures_are_exported_into_a_folder_not_made_yet(db: DbConfig) -> None:
    small_centre()
    folder = _fresh_folder()
    out = files.export(files.StatsRequest(OCTOBER, "csv"), folder / "figures.csv", NOW, None)
    assert out.read_bytes() and _is_private_folder(folder)


def test_an_attendance_export_goes_into_a_folder_not_made_yet(
    db: DbConfig, clock: FixedClock
) -> None:
    family_case("C-1", clock.now())
    folder = _fresh_folder()
    out = folder / "attendance.csv"
    exports.export_attendance(ExportRequest("C-1", REFERRER, "csv"), out, clock.now(), None)
    assert out.read_bytes() and _is_private_folder(folder)


def test_a_folder_a_person_typed_is_not_made_for_them(db: DbConfig, tmp_path: Path) -> None:
    # A typing mistake should not leave folders about: only the export folder is made.
    small_centre()
    typed = tmp_path / "no-such-folder" / "figures.csv"
    try:
        files.export(files.StatsRequest(OCTOBER, "csv"), typed, NOW, None)
    except files.StatsRefused as refused:
        assert "No such file or directory" in str(refused)
    assert not typed.parent.exists()
