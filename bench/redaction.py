"""Benchmark: how much of the subject's own text subject access redacts, and what gets through.

    .venv/bin/python bench/redaction.py [--cases 300] [--seed 1]

Generates families as the redaction property test does (tests/support/
redaction_cases.py): notes on the subject's own check-ins mixing the
subject's own words (their name, their street, which holds another adult's
first name, their e-mail, which holds another's surname, their town,
postcode, phone and children), ordinary words, and the other adults' and the
referrer's details written every way a note might. Each case is gathered as
subject access gathers it, and prints:

- over-redaction: the share of the subject's own identifying words and of the
  ordinary words that the released notes no longer hold, once with made-up
  names and once with other adults named by ordinary words ("Will", "May"),
  which whole-word redaction cannot tell from the words themselves;
- leaks: notes that let any other person's detail through (the test's oracle);
- the time to gather one case (every note folded, parsed and matched).
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import sys
import tempfile
import time
from datetime import datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from kiosk.services import store as kiosk_store
from kiosk.services.release.subject_access_held import gather
from models import DbConfig
from tests.support.redaction_cases import Spec, make_spec
from tests.support.redaction_files import leaks, store, words_kept

NOW = datetime(2026, 11, 21, 9, 0)
KDF_ITER = 1000


def _released_notes(held: dict[str, object]) -> list[str]:
    events = held["your check-ins and check-outs"]
    assert isinstance(events, list)
    return [str(e["note"]) for e in events]


def _measure(spec: Spec, released: list[str]) -> list[tuple[int, int]]:
    """(kept, all) of the attendance notes' own words, ordinary words, and name-words."""
    sent = [n for n in spec.notes if n.field == "attendance"]
    assert len(sent) == len(released)
    sums = [(0, 0), (0, 0), (0, 0)]
    for note, after in zip(sent, released, strict=True):
        ordinary = [w for w in note.plain if w not in spec.words_as_names]
        name_words = [w for w in note.plain if w in spec.words_as_names]
        for i, words in enumerate((list(note.own), ordinary, name_words)):
            kept, total = words_kept(after, words)
            sums[i] = (sums[i][0] + kept, sums[i][1] + total)
    return sums


def _removed(label: str, kept: int, total: int) -> str:
    share = 100 * (total - kept) / total if total else 0.0
    return f"{label} {total - kept} of {total} ({share:.2f}%)"


def _run(cases: int, seed: int, word_names: bool) -> int:
    """One corpus: prints its figures; returns how many notes let a detail through."""
    rng = random.Random(seed)
    totals = [(0, 0), (0, 0), (0, 0)]
    notes = leaked = 0
    seconds: list[float] = []
    for i in range(cases):
        spec = make_spec(random.Random(rng.randrange(2**32)), word_names=word_names)
        subject = store(spec, f"B-{int(word_names)}-{i}", NOW)
        t0 = time.perf_counter()
        held, _ = gather(subject, NOW)
        seconds.append(time.perf_counter() - t0)
        as_json = json.dumps(held, ensure_ascii=False)
        notes += len(spec.notes)
        leaked += len({f.split(":")[0] for f in leaks(spec, as_json, "", (as_json.encode(), b""))})
        measured = _measure(spec, _released_notes(held))
        totals = [(a[0] + b[0], a[1] + b[1]) for a, b in zip(totals, measured, strict=True)]
    (own, own_all), (ordinary, ordinary_all), (named, named_all) = totals
    print(f"{cases} cases, {notes} generated notes")
    print(
        "  over-redaction: "
        + _removed("the subject's own words removed", own, own_all)
        + "; "
        + _removed("ordinary words removed", ordinary, ordinary_all)
    )
    if named_all:
        print("  " + _removed("words that are also another adult's name removed", named, named_all))
    print(f"  leaks: notes letting another person's detail through: {leaked} of {notes}")
    print(
        f"  gathering one case: median {1000 * statistics.median(seconds):.1f} ms, "
        f"max {1000 * max(seconds):.1f} ms"
    )
    return leaked


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--cases", type=int, default=300)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="kiosk-bench-"))
    kiosk_store.create(DbConfig(folder / "redaction.db", "bench", KDF_ITER))
    print("Other adults with made-up names:")
    leaked = _run(args.cases, args.seed, word_names=False)
    print("Other adults whose first names are also words (Will, May, Hope...), used as words:")
    leaked += _run(args.cases, args.seed, word_names=True)
    kiosk_store.close()
    return 0 if leaked == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
