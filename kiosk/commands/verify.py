"""`kiosk verify`: check every page of the database (or of a backup, with --db)."""

from __future__ import annotations

import argparse
import sys

from kiosk.commands.common import add_command, config_from, db_config
from kiosk.services.retention import backup


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    add_command(sub, "verify", "check the database's integrity", run)


def run(args: argparse.Namespace) -> int:
    config = config_from(args)
    cfg = db_config(config)
    check = backup.check_file(config.db_path, cfg.passphrase, cfg.kdf_iter)
    if check.ok:
        print(f"{check.path}: sound ({check.pages} pages, schema {check.user_version}).")
        return 0
    for problem in check.problems:
        print(f"{check.path}: {problem}", file=sys.stderr)
    print(f"kiosk: {check.path} is damaged: restore the latest sound backup", file=sys.stderr)
    return 1
