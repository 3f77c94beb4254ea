"""Hostile scanner and keyboard input: the strategies and corpus the hostile tests share.

Also used by fuzz/scan_fuzz.py, which runs the same inputs for as long as asked.
"""

from __future__ import annotations

import random
import string

from hypothesis import strategies as st

# What a terminal or a tampered scanner can deliver.
ESCAPES = [
    "\x1b[2J",  # clear screen
    "\x1b]0;owned\x07",  # retitle the window
    "\x1b]52;c;SGVsbG8=\x07",  # write the clipboard
    "\x1b[31m",
    "\x1b[?1049h",
    "\x1b[6n",  # ask the terminal to answer
    "\x1bP+q544e\x1b\\",
    "\x9b2J",  # 8-bit CSI
    "\x1b[200~",  # bracketed paste start
    "\x1b[201~",
    "\x1b[M !!",  # mouse report
]
MARKUP = [
    "[@click=app.quit]",
    "[@click=app.exit]quit[/]",
    "[@click=screen.dismiss]",
    "[bold red]",
    "[/]",
    "[link=file:///etc/passwd]x[/link]",
    "[red",
    "\\[",
    "$(reboot)",
    "{{7*7}}",
    "%s%n%x",
    "'; DROP TABLE attendance; --",
]
CONTROLS = [chr(c) for c in range(0, 32)] + ["\x7f", "\u200b", "\u202e", "\ufeff", "\u2028"]
PIECES = ESCAPES + MARKUP + CONTROLS
CARD_ALPHABET = string.ascii_uppercase + string.digits


def interleave(code: str, noise: list[str], rng: random.Random) -> str:
    """A real code with control characters and escapes pushed in between its characters."""
    chars = list(code)
    for piece in noise:
        chars.insert(rng.randrange(len(chars) + 1), piece)
    return "".join(chars)


def bytes_as_terminal(data: bytes, errors: str) -> str:
    """Invalid UTF-8 as a terminal hands it on: surrogate escapes or U+FFFD."""
    return data.decode("utf-8", errors)


def hostile_text() -> st.SearchStrategy[str]:
    return st.one_of(
        st.text(max_size=80),
        st.text(alphabet=st.sampled_from(CONTROLS), max_size=40),
        st.lists(st.sampled_from(PIECES) | st.text(max_size=4), max_size=12).map("".join),
        st.binary(max_size=120).map(lambda b: bytes_as_terminal(b, "surrogateescape")),
        st.binary(max_size=120).map(lambda b: bytes_as_terminal(b, "replace")),
        st.builds(lambda ch, n: ch * n, st.characters(), st.integers(9_000, 10_000)),
        st.builds(
            lambda head, n: (head * (10_000 // max(len(head), 1) + 1))[:n],
            st.sampled_from(PIECES),
            st.integers(9_000, 10_000),
        ),
        # Card-shaped, but no card: the right prefix and length, unknown code.
        st.text(alphabet=CARD_ALPHABET, min_size=32, max_size=32).map(lambda s: "CCK" + s),
        st.text(alphabet=CARD_ALPHABET + "[]@=.", max_size=64),
    )


def corpus(n: int, seed: int) -> list[str]:
    """n generated hostile inputs, the same every run."""
    rng = random.Random(seed)
    out: list[str] = []
    for i in range(n):
        kind = i % 6
        if kind == 0:
            out.append("".join(rng.choice(PIECES) for _ in range(rng.randrange(1, 16))))
        elif kind == 1:
            raw = bytes(rng.randrange(256) for _ in range(rng.randrange(1, 200)))
            out.append(bytes_as_terminal(raw, rng.choice(["surrogateescape", "replace"])))
        elif kind == 2:
            piece = rng.choice([*PIECES, "A", "CCK", "9"])
            out.append((piece * 10_000)[: rng.randrange(9_000, 10_001)])
        elif kind == 3:
            code = "CCK" + "".join(rng.choice(CARD_ALPHABET) for _ in range(32))
            noise = [rng.choice(CONTROLS + ESCAPES) for _ in range(rng.randrange(0, 5))]
            out.append(interleave(code, noise, rng))
        elif kind == 4:
            out.append("".join(chr(rng.randrange(0, 0x3000)) for _ in range(rng.randrange(80))))
        else:
            out.append(rng.choice(MARKUP) + rng.choice(ESCAPES) + rng.choice(MARKUP))
    return out
