"""Where printable card files live and what they are called.

Kept in the store, below both `cards` (which writes the files) and `retention`
(which must remove a destroyed person's cards), so both find the same files.
A file is named by card number only (`card-<id>.<ext>`): a folder listing
names nobody.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterable
from pathlib import Path

from kiosk.services.store import settings

# The setting that chooses the folder; unset, `cards/` in the export folder.
EXPORT_FOLDER_KEY = "card_export_folder"


def export_folder() -> Path:
    """The setting `card_export_folder`, else `cards/` in the export folder."""
    chosen = settings.get(EXPORT_FOLDER_KEY).strip()
    return Path(chosen).expanduser() if chosen else settings.export_dir() / "cards"


def file_name(card_id: int, suffix: str) -> str:
    return f"card-{int(card_id)}{suffix}"


def files(folder: Path, card_id: int) -> list[Path]:
    """The files of one card in folder, whatever their format."""
    return list(folder.glob(file_name(card_id, ".*"))) if folder.is_dir() else []


def remove(folder: Path, card_ids: Iterable[int]) -> int:
    """Delete these cards' files from folder; returns how many went."""
    removed = 0
    for card_id in card_ids:
        for path in files(folder, card_id):
            with contextlib.suppress(FileNotFoundError):
                path.unlink()
                removed += 1
    return removed
