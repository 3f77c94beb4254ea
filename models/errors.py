"""The one base of every error a person can fix, from the database up to the commands."""

from __future__ import annotations


class KioskError(Exception):
    """Something the person can fix; nothing was changed.

    `kiosk` prints it as one line on stderr and exits with `exit_status`. The
    message is written for the person at the keyboard, and never holds a
    passphrase, password, PIN or anyone's details.
    """

    exit_status = 2

    def lines(self) -> list[str]:
        """The lines to print: one, unless the error lists several problems."""
        return [f"kiosk: {self}"]
