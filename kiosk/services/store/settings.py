"""Centre-wide settings stored in the database (name, rooms, timings)."""

from __future__ import annotations

from pathlib import Path

from kiosk import config
from kiosk.services.store import private_files
from models import Setting
from models.centre import DEFAULT_WAITING_AREAS

DEFAULTS: dict[str, str] = {
    "centre_name": "Child Contact Centre",
    # Waiting areas keep the two parties apart before a session.
    "waiting_area_resident": DEFAULT_WAITING_AREAS["resident"],
    "waiting_area_visiting": DEFAULT_WAITING_AREAS["visiting"],
    # Whose bank holidays close the centre: england, wales, scotland or northern_ireland.
    "centre_nation": "england",
    "duplicate_scan_seconds": "60",
    "idle_return_seconds": "8",
    # Staff screens lock themselves after this long without a key.
    "staff_idle_lock_seconds": "120",
    # A new case's separation settings (each case may then differ).
    "default_arrival_gap_min": "15",
    "default_departure_hold_min": "15",
    "default_no_show_grace_min": "15",
    # The kiosk's camera (`kiosk run --camera`): blank for none, else 0, /dev/video0...
    "camera": "",
}


def get(key: str) -> str:
    row = Setting.get_or_none(Setting.key == key)
    return row.value if row is not None else DEFAULTS.get(key, "")


class _Writes:
    """How many settings this program has written: what it remembers of them is stale after."""

    count = 0


def put(key: str, value: str) -> None:
    Setting.insert(key=key, value=value).on_conflict_replace().execute()
    # Counted even if the transaction is then rolled back: a needless read, never a stale one.
    _Writes.count += 1


def writes() -> int:
    """Changes whenever this program writes a setting."""
    return _Writes.count


def get_int(key: str) -> int:
    return int(get(key))


def make_export_folder(out: Path) -> None:
    """Make the export folder (0700) for a file about to be written into it: a new install
    has none. A folder a person typed is not made: a typing mistake should not leave
    folders about, and the refusal names the path."""
    if out.parent == export_dir():
        private_files.make_folder(out.parent)


def export_dir() -> Path:
    """Where files that leave the system are written: cards, exports, subject access."""
    configured = get("export_dir")
    return Path(configured) if configured else config.data_dir() / "exports"
