"""The audit log. Entries name a record ("case:12"); they never copy personal data."""

from __future__ import annotations

from datetime import datetime

from models import AuditEntry, Volunteer


def record(
    action: str,
    at: datetime,
    *,
    target: str = "",
    detail: str = "",
    actor: Volunteer | None = None,
    actor_label: str = "",
) -> None:
    AuditEntry.create(
        at=at,
        actor=actor,
        actor_label=actor_label or (f"volunteer:{actor.id}" if actor is not None else "system"),
        action=action,
        target=target,
        detail=detail,
    )
