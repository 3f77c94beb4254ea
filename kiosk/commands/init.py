"""`kiosk init`: create the encrypted database and the first co-ordinator."""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from pathlib import Path

from kiosk.clock import SystemClock
from kiosk.commands.common import config_from, db_config, db_options
from kiosk.passphrase import PassphraseError
from kiosk.services import store
from kiosk.services.staff import auth
from kiosk.services.store import audit, settings
from models import OpenError, StaffRole, database


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("init", parents=[db_options()], help="create the encrypted database")
    p.add_argument("--coordinator", metavar="NAME", required=True, help="the co-ordinator's name")
    p.add_argument(
        "--coordinator-password-file",
        metavar="FILE",
        type=Path,
        help="read the co-ordinator's password from FILE (else a prompt)",
    )
    p.add_argument("--centre-name", metavar="NAME", help="the centre's name, shown on the kiosk")
    p.set_defaults(func=run)


def _password(path: Path | None) -> str:
    if path is not None:
        try:
            return path.read_text(encoding="utf-8").rstrip("\r\n")
        except OSError as exc:
            raise PassphraseError(f"cannot read password file: {exc.strerror}") from exc
    if not sys.stdin.isatty():
        raise PassphraseError("no co-ordinator password: use --coordinator-password-file FILE")
    first = getpass.getpass("Co-ordinator password: ")
    if getpass.getpass("Repeat the password: ") != first:
        raise PassphraseError("the two passwords differ; nothing was created")
    return first


def run(args: argparse.Namespace) -> int:
    config = config_from(args)
    if not args.coordinator.strip():
        # Checked before anything is created: a database without a co-ordinator is no use.
        raise OpenError("--coordinator: a name is required; nothing was created")
    if os.path.lexists(config.db_path):
        raise OpenError(f"{config.db_path} already exists; nothing was changed")
    password = _password(args.coordinator_password_file)
    auth.check_secret(StaffRole.COORDINATOR, password)
    cfg = db_config(config, creating=True)
    now = SystemClock().now()
    store.create(cfg)
    with database.atomic():
        staff = auth.create_staff(args.coordinator, StaffRole.COORDINATOR, password, now)
        if args.centre_name:
            settings.put("centre_name", args.centre_name)
        audit.record("init", now, target=f"volunteer:{staff.id}", actor_label="cli")
    store.close()
    print(f"Created {config.db_path}")
    return 0
