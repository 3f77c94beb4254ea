"""Control and format characters: refused in a file name a person types, escaped when printed.

A newline in a path written into the audit log's detail would make `kiosk audit`
print a second, forged entry; an ESC would send its sequence to the terminal
reading it; a right-to-left mark would turn the name around on screen.
"""

from __future__ import annotations

import unicodedata

# Control, format (bidi marks, zero-width), and the line and paragraph separators.
_UNPRINTABLE = frozenset({"Cc", "Cf", "Zl", "Zp"})


def unprintable(ch: str) -> bool:
    return unicodedata.category(ch) in _UNPRINTABLE


def has_unprintable(text: str) -> bool:
    return any(unprintable(ch) for ch in text)


def escaped(text: str) -> str:
    """The text with each control or format character as its escape (\\x1b, \\n, \\u202e)."""
    if not has_unprintable(text):
        return text
    return "".join(
        ch.encode("unicode_escape").decode("ascii") if unprintable(ch) else ch for ch in text
    )
