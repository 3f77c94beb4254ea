"""Shared helpers for tests that look at raw bytes on disk."""

from __future__ import annotations

import hashlib
from pathlib import Path

from kiosk.services.store import sidecar_files


def files_of(db_path: Path) -> list[Path]:
    """The database and whichever of its -wal/-shm files exist now."""
    return [p for p in [db_path, *sidecar_files(db_path)] if p.exists()]


def raw_bytes(db_path: Path) -> bytes:
    return b"".join(p.read_bytes() for p in files_of(db_path))


def digest(db_path: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in files_of(db_path)}


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path
