"""Other readings of a free-text value, for redaction: what a reader sees where the stored
characters say it differently.

- Text after a right-to-left override (U+202E) is shown reversed: "\u202ehteraG" reads
  "Gareth" on screen and in the PDF.
- Markup typed or pasted into a note is read without its tags and with its character
  references decoded: "<b>Gar</b>eth", "Gar&shy;eth" and "&#71;areth" are "Gareth" to
  anyone who opens the file in something that renders it.

Each reading is a text and, for each of its characters, the span of the stored text it
came from, so a redaction found in the reading lands on the stored characters.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator

# A right-to-left override and what it reverses, to its pop or the line's end.
_REVERSED = re.compile("\u202e([^\u202c\n]*)")
# A tag, or a character reference, named or numbered.
_MARKUP = re.compile(r"<[^<>\n]{0,40}>|&#?\w{1,10};")

Reading = tuple[str, list[tuple[int, int]]]


def readings(text: str) -> Iterator[Reading]:
    """Every other reading of text, each with where its characters stand in text."""
    for m in _REVERSED.finditer(text):
        start, end = m.span(1)
        yield m[1][::-1], [(i, i + 1) for i in range(end - 1, start - 1, -1)]
    if _MARKUP.search(text):
        yield _unmarked(text)


def _unmarked(text: str) -> Reading:
    chars: list[str] = []
    at: list[tuple[int, int]] = []
    done = 0
    for m in _MARKUP.finditer(text):
        chars += text[done : m.start()]
        at += [(i, i + 1) for i in range(done, m.start())]
        # A tag reads as nothing; a reference as its character(s), each standing for all of it.
        said = "" if m[0].startswith("<") else html.unescape(m[0])
        chars += said
        at += [m.span()] * len(said)
        done = m.end()
    chars += text[done:]
    at += [(i, i + 1) for i in range(done, len(text))]
    return "".join(chars), at


def placed(span: tuple[int, int], at: list[tuple[int, int]]) -> tuple[int, int]:
    """The stored text's span for a reading's [start, end)."""
    covered = at[span[0] : span[1]]
    return min(a for a, _ in covered), max(b for _, b in covered)
