"""Passphrase sources, safest first: a file, the environment, a prompt."""

from __future__ import annotations

import getpass
import os
import sys
from collections.abc import Callable, Mapping
from pathlib import Path

from models.errors import KioskError


class PassphraseError(KioskError):
    """No usable passphrase; the message is one line for the user."""


def read_passphrase(
    passphrase_file: Path | None,
    *,
    creating: bool = False,
    env: Mapping[str, str] = os.environ,
    prompt: Callable[[str], str] = getpass.getpass,
    interactive: bool | None = None,
) -> str:
    """--passphrase-file, else KIOSK_PASSPHRASE, else ask (twice when creating)."""
    if passphrase_file is not None:
        try:
            text = passphrase_file.read_text(encoding="utf-8")
        except OSError as exc:
            raise PassphraseError(f"cannot read passphrase file: {exc.strerror}") from exc
        # Files written by `echo` end in a newline that is not part of the secret.
        return _non_empty(text.rstrip("\r\n"), creating)
    if env.get("KIOSK_PASSPHRASE"):
        return _non_empty(env["KIOSK_PASSPHRASE"], creating)
    if interactive is None:
        interactive = sys.stdin.isatty()
    if not interactive:
        raise PassphraseError(
            "no passphrase: use --passphrase-file FILE or KIOSK_PASSPHRASE, or run in a terminal"
        )
    first = _non_empty(_ask(prompt, "Database passphrase: "), creating)
    if creating and _ask(prompt, "Repeat the passphrase: ") != first:
        raise PassphraseError("the two passphrases differ; nothing was created")
    return first


MIN_NEW_LENGTH = 8


def _ask(prompt: Callable[[str], str], question: str) -> str:
    try:
        return prompt(question)
    except EOFError:
        # ctrl+D at the prompt: no passphrase, said in one line.
        raise PassphraseError("no passphrase given; nothing was changed") from None


def _non_empty(passphrase: str, creating: bool) -> str:
    # peewee would create a plaintext database with an empty key: fail closed.
    if not passphrase and creating:
        raise PassphraseError("refusing an empty passphrase: the database would not be encrypted")
    if not passphrase:
        raise PassphraseError("empty passphrase: the database cannot be opened without one")
    return check_new(passphrase) if creating else passphrase


def check_new(passphrase: str) -> str:
    """A new passphrase must be guessable by nobody: 8 characters or more, not all spaces.

    Existing databases still open with whatever they were given.
    """
    if len(passphrase) < MIN_NEW_LENGTH or not passphrase.strip():
        raise PassphraseError(
            f"a new passphrase needs at least {MIN_NEW_LENGTH} characters, not all spaces; "
            "nothing was changed"
        )
    return passphrase
