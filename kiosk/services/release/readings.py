"""Other readings of a free-text value, for redaction: what a reader sees where the stored
characters say it differently.

- Text after a right-to-left override (U+202E) is shown reversed: "\u202ehteraG" reads
  "Gareth" on screen and in the PDF.
- Markup typed or pasted into a note is read without its tags and with its character
  references decoded: "<b>Gar</b>eth", "Gar&shy;eth" and "&#71;areth" are "Gareth" to
  anyone who opens the file in something that renders it.
- Symbols and pictographs (Unicode categories S*: a star, an emoji, a currency sign) are
  read as if absent, and so are letters of another script standing between two Latin
  letters or digits: "Gar★eth", "Bren🙂nan", "Gar中eth" and "07700★900512" are "Gareth",
  "Brennan" and a phone number to a reader who skips the odd mark, and a PDF whose font
  lacks the mark shows it as "?" between the letters (pdf.py).

Each reading is a text and, for each of its characters, the span of the stored text it
came from, so a redaction found in the reading lands on the stored characters.
"""

from __future__ import annotations

import html
import re
import unicodedata
from collections.abc import Iterator

from kiosk.services.release.folding import fold

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
    skipped = _unmarked_by_symbols(text)
    if skipped is not None:
        yield skipped


def _latin(ch: str) -> bool:
    """A Latin letter or a digit, or a look-alike of one."""
    return ch.isalnum() and fold(ch).isascii()


def _symbol(ch: str) -> bool:
    return unicodedata.category(ch)[0] == "S"


def _skippable(ch: str) -> bool:
    return _symbol(ch) or (ch.isalpha() and not _latin(ch))


def _unmarked_by_symbols(text: str) -> Reading | None:
    """text without its symbols, nor the other script's letters in a run of them between two
    Latin letters or digits; None when nothing is left out."""
    kept: list[int] = []
    i = 0
    while i < len(text):
        if not _skippable(text[i]):
            kept.append(i)
            i += 1
            continue
        end = i
        while end < len(text) and _skippable(text[end]):
            end += 1
        inside = i > 0 and end < len(text) and _latin(text[i - 1]) and _latin(text[end])
        kept += [k for k in range(i, end) if not (_symbol(text[k]) or inside)]
        i = end
    if len(kept) == len(text):
        return None
    return "".join(text[i] for i in kept), [(i, i + 1) for i in kept]


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
