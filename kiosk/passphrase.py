"""Passphrase sources, safest first: a file, the environment, a prompt."""

from __future__ import annotations

import getpass
import os
import sys
import unicodedata
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
    """A new passphrase must be guessable by nobody: 8 characters or more that show.

    Spaces, control and format characters (zero-width spaces and joiners, the
    byte-order mark) and combining marks draw nothing: eight zero-width spaces look
    like an empty passphrase and are as easily tried. Existing databases still open
    with whatever they were given.
    """
    if sum(1 for ch in passphrase if _shows(ch)) < MIN_NEW_LENGTH:
        raise PassphraseError(
            f"a new passphrase needs at least {MIN_NEW_LENGTH} characters that show "
            "(spaces, control, format and zero-width characters do not count); "
            "nothing was changed"
        )
    return passphrase


# Unicode categories that draw nothing on their own: controls, formats (U+200B and
# its kin), surrogates, separators, and marks that combine with the character before.
_BLANK_CATEGORIES = {"Cc", "Cf", "Cs", "Zs", "Zl", "Zp", "Mn", "Me"}
# Letters by category that nevertheless draw nothing: the Hangul fillers.
_BLANK_LETTERS = {"\u115f", "\u1160", "\u3164", "\uffa0"}


def _shows(ch: str) -> bool:
    return not (
        ch.isspace() or unicodedata.category(ch) in _BLANK_CATEGORIES or ch in _BLANK_LETTERS
    )
