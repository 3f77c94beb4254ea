"""peewee models for the kiosk's one encrypted database. Never imports textual."""

from models.base import (
    MAIN_LINE,
    SIDE_EXITS,
    BookingState,
    DbsLevel,
    ReferrerKind,
    Role,
    RoomKind,
    Service,
    StaffRole,
)
from models.centre import Closure, Room
from models.db import DbConfig, OpenError, database
from models.errors import KioskError
from models.family import Case, Child, Consent, Person, Referral
from models.records import (
    AccidentEntry,
    AuditEntry,
    Disclosure,
    Incident,
    IncidentNote,
    Policy,
    Setting,
)
from models.schema import ALL_MODELS, SCHEMA_VERSION
from models.sessions import Alert, Attendance, Booking, BookingEvent, Card
from models.staff import Declaration, Volunteer

__all__ = [
    "ALL_MODELS",
    "MAIN_LINE",
    "SCHEMA_VERSION",
    "SIDE_EXITS",
    "AccidentEntry",
    "Alert",
    "Attendance",
    "AuditEntry",
    "Booking",
    "BookingEvent",
    "BookingState",
    "Card",
    "Case",
    "Child",
    "Closure",
    "Consent",
    "DbConfig",
    "DbsLevel",
    "Declaration",
    "Disclosure",
    "Incident",
    "IncidentNote",
    "KioskError",
    "OpenError",
    "Person",
    "Policy",
    "Referral",
    "ReferrerKind",
    "Role",
    "Room",
    "RoomKind",
    "Service",
    "Setting",
    "StaffRole",
    "Volunteer",
    "database",
]
