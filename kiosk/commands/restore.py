"""`kiosk restore FILE`: check a backup, then put it in place of the database."""

from __future__ import annotations

import argparse
from pathlib import Path

from kiosk.clock import SystemClock
from kiosk.commands.common import add_command, config_from, db_config
from kiosk.commands.safety import confirm
from kiosk.services.retention import backup
from kiosk.services.retention.restore import restore, said_unchanged


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = add_command(
        sub, "restore", "replace the database with a backup (the kiosk must be stopped)", run
    )
    p.add_argument("file", type=Path, metavar="FILE", help="a file written by `kiosk backup`")
    p.add_argument("--yes", action="store_true", help="do not ask for confirmation")


def run(args: argparse.Namespace) -> int:
    config = config_from(args)
    # The passphrase opens the backup; the restored database keeps it.
    cfg = db_config(config)
    with said_unchanged(config.db_path):
        check = backup.check_file(args.file, cfg.passphrase, cfg.kdf_iter)
        if not check.ok:
            raise backup.BackupError(f"{args.file} failed its check: {check.problems[0]}")
        print(f"{args.file}: sound ({check.pages} pages, schema {check.user_version}).")
        backup.refuse_if_in_use(config.db_path, "restoring")
    confirm(f"Replace {config.db_path} with this backup?", yes=args.yes)
    result = restore(args.file, cfg, SystemClock().now(), actor_label="cli")
    print(f"Restored {args.file} to {config.db_path}.")
    if result.previous is not None:
        print(f"The database it replaced is kept as {result.previous}; delete it when sure.")
    return 0
