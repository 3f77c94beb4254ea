"""Where the database is and how its passphrase arrives. Read once, at start-up."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

import platformdirs

APP_NAME = "contact-centre-kiosk"


def data_dir() -> Path:
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def default_db_path() -> Path:
    return data_dir() / "kiosk.db"


def default_demo_db_path() -> Path:
    return data_dir() / "demo.db"


@dataclass(frozen=True)
class Config:
    db_path: Path
    passphrase_file: Path | None = None
    # For tests and benchmarks only (KIOSK_KDF_ITER); None is SQLCipher's default.
    kdf_iter: int | None = None


def resolve_db_path(cli_value: str | None, env: Mapping[str, str] = os.environ) -> Path:
    """--db, else KIOSK_DB, else the user data directory."""
    if cli_value:
        return Path(cli_value).expanduser()
    if env.get("KIOSK_DB"):
        return Path(env["KIOSK_DB"]).expanduser()
    return default_db_path()


def kdf_iter_from_env(env: Mapping[str, str] = os.environ) -> int | None:
    raw = env.get("KIOSK_KDF_ITER", "").strip()
    return int(raw) if raw.isdigit() and int(raw) > 0 else None
