"""What every subcommand shares: --db, --passphrase-file, and opening the store."""

from __future__ import annotations

import argparse
import os
import unicodedata
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path

from kiosk import crash_report
from kiosk.config import Config, kdf_iter_from_env, resolve_db_path
from kiosk.passphrase import read_passphrase
from kiosk.services import store
from kiosk.services.store import private_files
from kiosk.services.store.forms import JOINERS, read_date
from kiosk.services.store.private_files import FileExists
from models import DbConfig, KioskError, Role

Subparsers = "argparse._SubParsersAction[argparse.ArgumentParser]"
# Kept by `plain`: line breaks, and the joiners some names and scripts are written with.
KEPT = {"\n", "\t", *JOINERS}


def plain(text: str) -> str:
    """What staff typed, safe to print on a terminal: no escape sequence, bell or
    text-direction mark may pass (control and format characters are dropped)."""
    return "".join(ch for ch in text if ch in KEPT or unicodedata.category(ch) not in ("Cc", "Cf"))


def db_options(*, inherited: bool = False) -> argparse.ArgumentParser:
    """--db and --passphrase-file. `inherited`: for the acts of a command that takes them
    too (`kiosk rooms --db X add ...`): an act's unset option must not blank the command's."""
    parent = argparse.ArgumentParser(add_help=False)
    unset = {"default": argparse.SUPPRESS} if inherited else {}
    parent.add_argument(
        "--db",
        metavar="PATH",
        help="database file (default: KIOSK_DB, else the user data directory)",
        **unset,  # type: ignore[arg-type]
    )
    parent.add_argument(
        "--passphrase-file",
        metavar="FILE",
        type=Path,
        help="read the database passphrase from FILE (else KIOSK_PASSPHRASE, else a prompt)",
        **unset,  # type: ignore[arg-type]
    )
    return parent


def add_acts(
    p: argparse.ArgumentParser, default: Callable[[argparse.Namespace], int]
) -> argparse._SubParsersAction[argparse.ArgumentParser]:
    """The acts of a command (`kiosk rooms add ...`); the command alone runs `default`."""
    p.set_defaults(func=default)
    return p.add_subparsers(dest="act", metavar="ACT")


def add_act(
    acts: argparse._SubParsersAction[argparse.ArgumentParser],
    name: str,
    helptext: str,
    run: Callable[[argparse.Namespace], int],
) -> argparse.ArgumentParser:
    a = acts.add_parser(name, parents=[db_options(inherited=True)], help=helptext)
    a.set_defaults(func=run)
    return a


def add_command(
    sub: argparse._SubParsersAction[argparse.ArgumentParser],
    name: str,
    helptext: str,
    run: Callable[[argparse.Namespace], int],
) -> argparse.ArgumentParser:
    """A subcommand that opens the database (--db, --passphrase-file) and runs `run`."""
    p = sub.add_parser(name, parents=[db_options()], help=helptext)
    p.set_defaults(func=run)
    return p


def case_argument(p: argparse.ArgumentParser) -> None:
    p.add_argument("--case", required=True, metavar="REF", help="the case reference")


def adult_arguments(p: argparse.ArgumentParser, role_help: str) -> None:
    """--case and --role: which adult of which case."""
    case_argument(p)
    p.add_argument("--role", required=True, choices=[r.value for r in Role], help=role_help)


def output_argument(p: argparse.ArgumentParser, metavar: str, helptext: str) -> None:
    p.add_argument(
        "-o", "--output", required=True, type=output_path, metavar=metavar, help=helptext
    )


def output_path(text: str) -> Path:
    """argparse type: a file or folder to write, as a full path (as the audit log records it).

    A control character is refused (it would forge a line in the audit log), and so is
    `-`, which would otherwise make a file named `-` rather than write to the screen.
    Not resolved through links: a link is refused when the file is written.
    """
    if text.strip() == "-":
        raise argparse.ArgumentTypeError("write to a named file, not - (standard output)")
    try:
        return Path(os.path.abspath(private_files.typed_path(text)))
    except KioskError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


@contextmanager
def _force_to_replace() -> Iterator[None]:
    try:
        yield
    except KioskError as exc:
        exists = exc if isinstance(exc, FileExists) else exc.__cause__
        if isinstance(exists, FileExists):
            raise KioskError(
                f"{exists.path} already exists: choose a new name, or add --force to replace it"
            ) from None
        raise


def config_from(args: argparse.Namespace) -> Config:
    # Read by this command, or where its faults are reported: never a file it writes.
    if args.passphrase_file is not None:
        private_files.protect(args.passphrase_file, "the passphrase file")
    private_files.protect(crash_report.log_path(), "the error log")
    return Config(
        db_path=resolve_db_path(args.db),
        passphrase_file=args.passphrase_file,
        kdf_iter=kdf_iter_from_env(),
    )


def db_config(config: Config, *, creating: bool = False) -> DbConfig:
    passphrase = read_passphrase(config.passphrase_file, creating=creating)
    return DbConfig(config.db_path, passphrase, config.kdf_iter)


def open_from(args: argparse.Namespace) -> Config:
    """Open the existing database named by args; raises OpenError or PassphraseError."""
    config = config_from(args)
    store.open_store(db_config(config))
    return config


@contextmanager
def opened(args: argparse.Namespace) -> Iterator[Config]:
    """The database named by args, open for the command and closed after it, whatever happens.

    A file the command would write exists already: the command's way to confirm replacing
    it is --force, so the refusal says so.
    """
    config = config_from(args)
    with store.opened(db_config(config)), _force_to_replace():
        yield config


def iso_date(text: str) -> date:
    """argparse type: a date as YYYY-MM-DD or DD/MM/YYYY, with a one-line error otherwise."""
    try:
        return read_date(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def whole_number(low: int, high: int) -> Callable[[str], int]:
    """argparse type: a whole number from low to high, with a one-line error otherwise.

    Unbounded, a number past SQLite's 64 bits fails deep in the query, not at the option.
    """

    def parse(text: str) -> int:
        try:
            value = int(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
        if not low <= value <= high:
            raise argparse.ArgumentTypeError(f"must be from {low} to {high}, not {value}")
        return value

    return parse
