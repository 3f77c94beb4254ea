"""`kiosk rekey`: change the database passphrase (the kiosk must be stopped)."""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from pathlib import Path

from kiosk.clock import SystemClock
from kiosk.commands.common import add_command, config_from, db_config
from kiosk.passphrase import PassphraseError, check_new, read_passphrase
from kiosk.services import store
from kiosk.services.retention import backup, keys


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = add_command(sub, "rekey", "change the database passphrase", run)
    p.add_argument(
        "--new-passphrase-file",
        metavar="FILE",
        type=Path,
        help="read the new passphrase from FILE (else KIOSK_NEW_PASSPHRASE, else a prompt)",
    )


def new_passphrase(path: Path | None) -> str:
    """--new-passphrase-file, else KIOSK_NEW_PASSPHRASE, else ask twice."""
    env = {"KIOSK_PASSPHRASE": os.environ.get("KIOSK_NEW_PASSPHRASE", "")}
    if path is not None or env["KIOSK_PASSPHRASE"]:
        try:
            return read_passphrase(path, env=env, interactive=False, creating=True)
        except PassphraseError as exc:
            raise PassphraseError(f"new passphrase: {exc}") from exc
    if not sys.stdin.isatty():
        raise PassphraseError(
            "no new passphrase: use --new-passphrase-file FILE or KIOSK_NEW_PASSPHRASE"
        )
    first = getpass.getpass("New passphrase: ")
    if getpass.getpass("Repeat the new passphrase: ") != first:
        raise PassphraseError("the two passphrases differ; nothing was changed")
    if not first:
        # Checked here: handing "" on would fall through to an unconfirmed prompt.
        raise PassphraseError("refusing an empty new passphrase; nothing was changed")
    return check_new(first)


def run(args: argparse.Namespace) -> int:
    config = config_from(args)
    # Before this process opens the file (see backup.in_use).
    backup.refuse_if_in_use(config.db_path, "changing the passphrase")
    cfg = db_config(config)
    new = new_passphrase(args.new_passphrase_file)
    if new == cfg.passphrase:
        raise PassphraseError("the new passphrase is the same as the old one; nothing was changed")
    with store.opened(cfg):
        keys.rekey(new, SystemClock().now(), actor_label="cli")
    print("Passphrase changed. Without the new passphrase the database cannot be opened.")
    print("Backups taken before this change still open with the old one.")
    return 0
