"""`kiosk backup -o FILE`: an encrypted, checked copy, taken while the kiosk runs."""

from __future__ import annotations

import argparse
from pathlib import Path

from kiosk.clock import SystemClock
from kiosk.commands.common import config_from, db_config, db_options
from kiosk.services import store
from kiosk.services.retention import backup


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("backup", parents=[db_options()], help="write an encrypted, checked copy")
    p.add_argument("-o", "--output", metavar="FILE", type=Path, required=True, help="new file")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    cfg = db_config(config_from(args))
    store.open_store(cfg)
    try:
        check = backup.backup(cfg, args.output, SystemClock().now(), actor_label="cli")
    finally:
        store.close()
    print(f"Backup written to {check.path} ({check.pages} pages, encrypted, checked).")
    return 0
