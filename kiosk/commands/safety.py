"""Shared by the commands that destroy or replace data: confirmation and one-line errors."""

from __future__ import annotations

import sys

from models.errors import KioskError


class Refused(KioskError):
    """The user did not confirm, or cannot be asked; nothing was changed."""


def confirm(question: str, *, yes: bool) -> None:
    """Ask for a typed "yes" in a terminal; without one, --yes is required."""
    if yes:
        return
    if not sys.stdin.isatty():
        raise Refused("not a terminal: add --yes to confirm")
    try:
        answer = input(f"{question} Type yes to go ahead: ").strip().lower()
    except EOFError:
        raise Refused("not confirmed; nothing was changed") from None
    if answer != "yes":
        raise Refused("not confirmed; nothing was changed")
