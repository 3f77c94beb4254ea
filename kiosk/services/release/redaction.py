"""Redaction for subject access: every detail of the other adults, out of free text.

A note may mention another adult by name, phone, e-mail, address or postcode;
each is replaced by REDACTED wherever it stands as a whole word, unless the
subject shares it (the same surname, the same address).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from models import Person

REDACTED = "[redacted]"


def _terms(other: Person, own: list[str]) -> list[str]:
    """Everything that identifies another adult, less what the subject shares with them."""
    values = [
        other.first_name,
        other.last_name,
        f"{other.first_name} {other.last_name}",
        other.phone,
        other.emergency_phone,
        other.email,
        other.address,
        other.postcode,
    ]
    for phone in (other.phone, other.emergency_phone):
        values.append(re.sub(r"\D", "", phone))
    values += [part for part in re.split(r"[,\n]", other.address) if len(part.strip()) >= 6]
    own_folded = [o.casefold() for o in own if o]
    return [
        v.strip()
        for v in values
        if len(v.strip()) >= 2 and not any(v.strip().casefold() in o for o in own_folded)
    ]


def redactor(subject: Person, others: list[Person], extra: list[str]) -> Callable[[str], str]:
    own = [
        subject.first_name,
        subject.last_name,
        subject.phone,
        subject.emergency_phone,
        subject.email,
        subject.address,
        subject.postcode,
    ]
    terms = [t for o in others for t in _terms(o, own)] + [e for e in extra if len(e.strip()) >= 2]
    if not terms:
        return lambda text: text
    # Longest first, so a full name goes before the first name inside it.
    alternatives = sorted({re.escape(t.strip()) for t in terms}, key=len, reverse=True)
    pattern = re.compile(r"(?<!\w)(?:" + "|".join(alternatives) + r")(?!\w)", re.IGNORECASE)
    return lambda text: pattern.sub(REDACTED, text)


def scrubbed(value: Any, scrub: Callable[[str], str]) -> Any:
    if isinstance(value, str):
        return scrub(value)
    if isinstance(value, list):
        return [scrubbed(v, scrub) for v in value]
    if isinstance(value, dict):
        return {k: scrubbed(v, scrub) for k, v in value.items()}
    return value
