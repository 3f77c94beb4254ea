"""`kiosk demo`: (re)create the demo database, print its secrets and cards, launch."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from kiosk.clock import SystemClock
from kiosk.commands import run as run_command
from kiosk.config import Config, default_demo_db_path, kdf_iter_from_env, resolve_db_path
from kiosk.services import store
from kiosk.services.demo import build as demo
from kiosk.services.store import private_files
from kiosk.services.store.opening import why_not_written
from models import DbConfig, OpenError


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("demo", help="(re)create a demo database and launch the kiosk on it")
    p.add_argument(
        "--db",
        metavar="PATH",
        help="demo database file (default: demo.db in the user data directory)",
    )
    p.add_argument("--no-launch", action="store_true", help="create the database and stop")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    path = resolve_db_path(args.db, {}) if args.db else default_demo_db_path()
    try:
        cards = demo.build(path, SystemClock().now(), kdf_iter=kdf_iter_from_env())
    except demo.DemoRefused as exc:
        raise OpenError(str(exc)) from exc
    finally:
        store.close()
    lines = [f"{c.case_ref}\t{c.role}\t{c.first_name}\t{c.code}" for c in cards]
    # The kiosk covers the terminal, so the codes are kept in a file beside the database.
    codes_file = path.with_name(path.stem + "-cards.txt")
    _write_codes(codes_file, lines, path)
    print(f"Demo database: {path}")
    print(f"Passphrase: {demo.DEMO_PASSPHRASE}")
    print(f"Volunteer: {demo.DEMO_VOLUNTEER}, PIN {demo.DEMO_PIN}")
    print(f"Co-ordinator: {demo.DEMO_COORDINATOR}, password {demo.DEMO_COORDINATOR_PASSWORD}")
    print(f"Cards of today's adults (type a code and Enter at the kiosk; also in {codes_file}):")
    for line in lines:
        print(line)
    if args.no_launch:
        return 0
    if sys.stdin.isatty():
        input("Press Enter to open the kiosk (ctrl+s signs staff in)... ")
    config = Config(db_path=path, kdf_iter=kdf_iter_from_env())
    store.open_store(DbConfig(path, demo.DEMO_PASSPHRASE, config.kdf_iter))
    return run_command.launch(config)


def _write_codes(codes_file: Path, lines: list[str], db_path: Path) -> None:
    """The demo's card list; if it cannot be written (a full disk), there is no demo at all."""
    try:
        private_files.write_private(codes_file, ("\n".join(lines) + "\n").encode("utf-8"))
    except OSError as exc:
        codes_file.unlink(missing_ok=True)
        store.remove_files(db_path)
        raise OpenError(f"{why_not_written(exc, codes_file)}; no demo was made") from exc
