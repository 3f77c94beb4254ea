"""Who may do what beyond the door: the co-ordinator keeps the records."""

from __future__ import annotations

from kiosk.services.staff.auth import StaffMember


class NotAllowed(PermissionError):
    """Only the co-ordinator keeps case files, bookings, volunteers and cards."""


def require_coordinator(actor: StaffMember) -> None:
    if not actor.is_coordinator:
        raise NotAllowed("only the co-ordinator can do this")
