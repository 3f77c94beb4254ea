"""`kiosk backup -o FILE`: an encrypted, checked copy, taken while the kiosk runs."""

from __future__ import annotations

import argparse
import sys

from kiosk.clock import SystemClock
from kiosk.commands.common import add_command, config_from, db_config, output_argument
from kiosk.services import store
from kiosk.services.retention import backup


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = add_command(sub, "backup", "write an encrypted, checked copy", run)
    output_argument(p, "FILE", "new file")


def run(args: argparse.Namespace) -> int:
    cfg = db_config(config_from(args))
    with store.opened(cfg):
        done = backup.backup(cfg, args.output, SystemClock().now(), actor_label="cli")
    print(f"Backup written to {done.path} ({done.pages} pages, encrypted, checked).")
    if done.not_recorded:
        # The copy was made from a database whose disk refuses writes: said, not hidden.
        print(f"kiosk: {done.not_recorded}.", file=sys.stderr)
    return 0
