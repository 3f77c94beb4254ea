"""The centre's settings: checked, stored all or none, every change audited, and used."""

from __future__ import annotations

from pathlib import Path

import pytest

from kiosk.cli import main
from kiosk.clock import FixedClock
from kiosk.services.cases import case_file as cases
from kiosk.services.cases import importer
from kiosk.services.centre import centre_settings
from kiosk.services.staff.auth import StaffMember
from kiosk.services.store import settings
from kiosk.services.store.forms import FormError
from models import AuditEntry, Case, DbConfig
from tests.support.builders import sample_file
from tests.support.files import write


def test_a_change_is_stored_and_audited(coordinator: StaffMember, clock: FixedClock) -> None:
    changed = centre_settings.change(
        {"centre_name": "  Harbour   Contact Centre ", "idle_return_seconds": "10"},
        clock.now(),
        coordinator,
    )
    assert changed == ["centre_name", "idle_return_seconds"]
    assert settings.get("centre_name") == "Harbour Contact Centre"
    entries = AuditEntry.select().where(AuditEntry.action == "setting_changed")
    assert {e.target for e in entries} == {"setting:centre_name", "setting:idle_return_seconds"}
    assert all(e.actor_id == coordinator.id for e in entries)
    assert centre_settings.change({"idle_return_seconds": "10"}, clock.now()) == []


def test_bad_values_are_refused_whole_each_naming_its_field(
    db: DbConfig, clock: FixedClock
) -> None:
    with pytest.raises(FormError) as refused:
        centre_settings.change(
            {
                "centre_name": "New name",
                "waiting_area_resident": "Blue Room",
                "duplicate_scan_seconds": "0",
                "centre_nation": "cornwall",
                "export_dir": "relative/folder",
            },
            clock.now(),
        )
    fields = [p.field for p in refused.value.problems]
    assert fields == [
        "waiting_area_resident",
        "duplicate_scan_seconds",
        "centre_nation",
        "export_dir",
    ]
    assert "a waiting area of the centre (Front Lounge, Garden Room)" in str(refused.value)
    assert settings.get("centre_name") != "New name"  # nothing stored


def test_the_two_parties_never_wait_in_the_same_area(db: DbConfig, clock: FixedClock) -> None:
    with pytest.raises(FormError, match="cannot wait in the same area"):
        centre_settings.change({"waiting_area_visiting": "Garden Room"}, clock.now())


def test_new_cases_take_the_centre_s_default_timings(
    coordinator: StaffMember, clock: FixedClock, tmp_path: Path
) -> None:
    centre_settings.change({"default_arrival_gap_min": "20"}, clock.now())
    assert cases.new_case_settings().arrival_gap_min == 20
    rows = ",".join(importer.CASE_COLUMNS) + "\nNEW-1,resident,Ann,,,,,,,,,\n"
    importer.import_cases(write(tmp_path / "c.csv", rows), clock.now())
    assert Case.get(Case.ref == "NEW-1").arrival_gap_min == 20
    # A case file saved from the form keeps what the form said.
    saved = cases.save_case(sample_file("OWN"), coordinator, clock)
    assert saved.settings.arrival_gap_min == 15


def _kiosk(db: DbConfig, tmp_path: Path, *args: str) -> int:
    pw = write(tmp_path / "pass", db.passphrase)
    return main([*args, "--db", str(db.path), "--passphrase-file", str(pw)])


def test_kiosk_settings_show_and_set(
    db: DbConfig, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert _kiosk(db, tmp_path, "settings", "set", "centre_nation", "wales") == 0
    assert "centre_nation is now 'wales'" in capsys.readouterr().out
    assert _kiosk(db, tmp_path, "settings", "show") == 0
    shown = capsys.readouterr().out.splitlines()
    assert "centre_nation\twales\tNation (its bank holidays)" in shown
    assert shown[-1].startswith("policy\tthe product's default")
    assert _kiosk(db, tmp_path, "settings", "set", "staff_idle_lock_seconds", "5") == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "from 30 to 1800" in err
    assert AuditEntry.get(AuditEntry.action == "setting_changed").actor_label == "cli"
