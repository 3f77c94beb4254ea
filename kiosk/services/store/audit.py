"""The audit log. Entries name a record ("case:12"); they never copy personal data."""

from __future__ import annotations

from datetime import datetime
from typing import Protocol

from models import AuditEntry


class Actor(Protocol):
    """Whoever acted: the signed-in staff member (or their row). Only the id is kept."""

    @property
    def id(self) -> int: ...


def record(
    action: str,
    at: datetime,
    *,
    target: str = "",
    detail: str = "",
    actor: Actor | None = None,
    actor_label: str = "",
) -> None:
    """One entry; `actor_label` names a non-staff actor ("cli", "system", "unknown")."""
    AuditEntry.create(
        at=at,
        actor=actor.id if actor is not None else None,
        actor_label=actor_label or (f"volunteer:{actor.id}" if actor is not None else "system"),
        action=action,
        target=target,
        detail=detail,
    )
