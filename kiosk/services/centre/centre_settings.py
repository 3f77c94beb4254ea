"""The settings a co-ordinator may change, each with its label, its check and its default.

Stored through store.settings; every change is one transaction with an audit
entry naming the setting. The waiting areas are chosen from the register's
waiting areas, and the two parties never wait in the same one.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from kiosk.services.centre import closures, rooms
from kiosk.services.staff.auth import StaffMember
from kiosk.services.store import audit, settings
from kiosk.services.store.faults import reads, writes
from kiosk.services.store.forms import UNSHOWABLE, FormError, Problem, unshowable


@dataclass(frozen=True)
class Spec:
    key: str
    label: str
    kind: str  # text, nation, waiting, number, folder, camera
    low: int = 0
    high: int = 0


SPECS = (
    Spec("centre_name", "Centre's name", "text"),
    Spec("centre_nation", "Nation (its bank holidays)", "nation"),
    Spec("waiting_area_resident", "Resident parents wait in", "waiting"),
    Spec("waiting_area_visiting", "Visiting parents wait in", "waiting"),
    Spec("default_arrival_gap_min", "New case: arrival gap (min)", "number", 0, 240),
    Spec("default_departure_hold_min", "New case: departure hold (min)", "number", 0, 240),
    Spec("default_no_show_grace_min", "New case: no-show grace (min)", "number", 0, 240),
    Spec("idle_return_seconds", "Kiosk: answer shown (s)", "number", 2, 120),
    Spec("duplicate_scan_seconds", "Kiosk: repeat scan ignored (s)", "number", 5, 600),
    Spec("staff_idle_lock_seconds", "Staff screens lock after (s)", "number", 30, 1800),
    Spec("card_export_folder", "Card folder", "folder"),
    # Read at `kiosk run`: a webcam reads cards beside (or instead of) a scanner.
    Spec("camera", "Kiosk: camera (blank: none)", "camera"),
    Spec("export_dir", "Export folder", "folder"),
)
BY_KEY = {s.key: s for s in SPECS}
NATIONS = tuple(closures.NATIONS)


@dataclass(frozen=True)
class SettingView:
    key: str
    label: str
    value: str
    kind: str


def _value(spec: Spec) -> str:
    if spec.key == "card_export_folder" and not settings.get(spec.key):
        return ""  # blank: cards/ in the export folder
    return settings.get(spec.key)


@reads
def show() -> list[SettingView]:
    return [SettingView(s.key, s.label, _value(s), s.kind) for s in SPECS]


def _check(spec: Spec, value: str) -> str:
    """Why `value` cannot be this setting; "" when it can."""
    if unshowable(value):
        return f"{spec.label}: {UNSHOWABLE}"
    if spec.kind == "text" and not value:
        return f"{spec.label}: it cannot be blank"
    if spec.kind == "nation" and value not in NATIONS:
        return f"{spec.label}: one of {', '.join(NATIONS)}"
    if spec.kind == "waiting" and value not in rooms.waiting_areas():
        known = ", ".join(rooms.waiting_areas()) or "none: add one under Rooms"
        return f"{spec.label}: a waiting area of the centre ({known})"
    if spec.kind == "number" and not (
        value.isascii() and value.isdigit() and spec.low <= int(value) <= spec.high
    ):
        return f"{spec.label}: a whole number from {spec.low} to {spec.high}"
    if spec.kind == "folder" and value and not Path(value).expanduser().is_absolute():
        return f"{spec.label}: a full path (starting with / or ~), or blank for the default"
    if spec.kind == "camera" and value and not (value.isdigit() or Path(value).is_absolute()):
        return (
            f"{spec.label}: a camera's number (0), its device (/dev/video0), a folder of "
            "pictures (a full path), or blank"
        )
    return ""


def _problems(values: dict[str, str]) -> list[Problem]:
    problems = []
    for key, value in values.items():
        spec = BY_KEY.get(key)
        if spec is None:
            problems.append(Problem(key, f"no setting {key!r} (one of {', '.join(BY_KEY)})"))
        elif why := _check(spec, value):
            problems.append(Problem(key, why))
    areas = {
        p: values.get(f"waiting_area_{p}") or settings.get(f"waiting_area_{p}")
        for p in ("resident", "visiting")
    }
    if areas["resident"] == areas["visiting"]:
        problems.append(
            Problem("waiting_area_visiting", "the two parties cannot wait in the same area")
        )
    return problems


@writes
def change(values: dict[str, str], now: datetime, actor: StaffMember | None = None) -> list[str]:
    """Store every value that changed, all or none (FormError names each bad one)."""
    clean = {
        k: " ".join(v.split()) if BY_KEY.get(k, SPECS[0]).kind == "text" else v.strip()
        for k, v in values.items()
    }
    problems = _problems(clean)
    if problems:
        raise FormError(problems)
    changed = [k for k, v in clean.items() if v != _value(BY_KEY[k])]
    for key in changed:
        settings.put(key, clean[key])
        audit.record(
            "setting_changed",
            now,
            target=f"setting:{key}",
            detail=clean[key],
            actor=actor,
            actor_label="" if actor else "cli",
        )
    return changed
