"""Card tokens: opaque, random, QR-alphanumeric, stored only as SHA-256."""

from __future__ import annotations

import base64
import hashlib
import re
import secrets
from datetime import datetime

from models import Card, database

# A fixed prefix lets the scan field reject stray keystrokes before any lookup.
PREFIX = "CCK"
# 160 random bits as base32: A-Z and 2-7, all in QR's alphanumeric mode and
# immune to CapsLock.
TOKEN_BYTES = 20
# The audit action for issuing a card, wherever it is issued from (screen or CLI).
ISSUE_CARD = "issue_card"
TOKEN_RE = re.compile(rf"^{PREFIX}[A-Z2-7]{{32}}$")


def new_token() -> str:
    body = base64.b32encode(secrets.token_bytes(TOKEN_BYTES)).decode("ascii")
    return PREFIX + body


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("ascii")).hexdigest()


def is_well_formed(text: str) -> bool:
    return bool(TOKEN_RE.fullmatch(text))


# The first characters of some card code: what a scanner has typed so far.
_START_RE = re.compile(rf"^(?:{PREFIX}[A-Z2-7]{{0,32}}|C|CC)$")


def could_be_start(text: str) -> bool:
    return bool(_START_RE.fullmatch(text))


def issue_card(person_id: int, now: datetime) -> str:
    """Revoke any card the person holds and issue a new one; returns the raw token.

    The token is returned once, to be printed; only its hash is kept, so a lost
    card can never be reprinted, only replaced.
    """
    token = new_token()
    with database.atomic():
        Card.update(revoked_at=now).where(
            Card.person == person_id, Card.revoked_at.is_null()
        ).execute()
        Card.create(person=person_id, token_hash=token_hash(token), issued_at=now)
    return token
