"""`kiosk init`: create the encrypted database and the first co-ordinator."""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from datetime import date
from pathlib import Path
from typing import Any

from kiosk.clock import SystemClock
from kiosk.commands.common import config_from, db_config, db_options
from kiosk.passphrase import PassphraseError
from kiosk.services import store
from kiosk.services.staff import auth
from kiosk.services.store import audit, settings
from kiosk.services.store.forms import UNSHOWABLE, read_date, unshowable
from models import DbsLevel, KioskError, OpenError, StaffRole, database


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
    dbs = p.add_argument_group(
        "the co-ordinator's DBS check (optional; without one the door console is closed to them)"
    )
    dbs.add_argument("--dbs-number", metavar="DIGITS", help="the certificate's 12-digit number")
    dbs.add_argument("--dbs-issued-on", metavar="YYYY-MM-DD", help="the certificate's issue date")
    dbs.add_argument("--dbs-level", metavar="LEVEL", help=f"one of: {', '.join(LEVELS)}")
    dbs.add_argument(
        "--dbs-update-service", action="store_true", help="subscribed to the DBS Update Service"
    )
    p.set_defaults(func=run)


LEVELS = [level.value for level in DbsLevel]


class InitRefused(KioskError):
    """An option of `kiosk init` that cannot be used; nothing was created."""


def _dbs_record(args: argparse.Namespace, today: date) -> dict[str, Any]:
    """The co-ordinator's DBS record from the options: all or none, checked as a volunteer's."""
    number = (args.dbs_number or "").strip()
    if not (number or args.dbs_issued_on or args.dbs_level or args.dbs_update_service):
        return {}
    if not number:
        raise InitRefused("a DBS record needs --dbs-number (the certificate's 12 digits)")
    auth.check_dbs_number(number)
    issued = _issue_date(args.dbs_issued_on, today)
    if args.dbs_level not in LEVELS:
        raise InitRefused(f"a DBS record needs --dbs-level, one of: {', '.join(LEVELS)}")
    return {
        "dbs_number": number,
        "dbs_issued_on": issued,
        "dbs_level": DbsLevel(args.dbs_level),
        "dbs_update_service": bool(args.dbs_update_service),
    }


def _issue_date(text: str | None, today: date) -> date:
    if not text:
        raise InitRefused("a DBS record needs --dbs-issued-on YYYY-MM-DD")
    try:
        issued = read_date(text)
    except ValueError as exc:
        raise InitRefused(f"--dbs-issued-on: {exc}") from None
    if issued > today:
        raise InitRefused("the DBS issue date is in the future")
    return issued


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
    # The same rule as every name typed on a screen: ESC or a text-direction mark
    # would reach every terminal the name is shown on.
    for option, value in (("--coordinator", args.coordinator), ("--centre-name", args.centre_name)):
        if value and unshowable(value):
            raise OpenError(f"{option}: {UNSHOWABLE}; nothing was created")
    if os.path.lexists(config.db_path):
        raise OpenError(f"{config.db_path} already exists; nothing was changed")
    now = SystemClock().now()
    # Checked before anything is asked or created: a bad option leaves no file behind.
    dbs = _dbs_record(args, now.date())
    password = _password(args.coordinator_password_file)
    auth.check_secret(StaffRole.COORDINATOR, password)
    cfg = db_config(config, creating=True)
    # All or nothing: on a full disk or in a read-only folder, no half-made file is left.
    with store.creating(cfg), database.atomic():
        staff = auth.create_staff(args.coordinator, StaffRole.COORDINATOR, password, now, **dbs)
        if args.centre_name:
            settings.put("centre_name", args.centre_name)
        audit.record("init", now, target=f"volunteer:{staff.id}", actor_label="cli")
    store.close()
    print(f"Created {config.db_path}")
    return 0
