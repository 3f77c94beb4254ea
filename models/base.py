"""Base model and the vocabulary shared by the record types."""

from __future__ import annotations

from enum import StrEnum

from peewee import AutoField, Model

from models.db import database


class BaseModel(Model):
    # Declared so type checkers know every record has an integer id.
    id = AutoField()

    class Meta:
        database = database
        legacy_table_names = False


class Role(StrEnum):
    """A person's part in a case."""

    RESIDENT = "resident"
    VISITING = "visiting"
    ADULT = "adult"


class Service(StrEnum):
    SUPPORTED = "supported"
    SUPERVISED = "supervised"
    HANDOVER = "handover"
    ASSESSMENT = "assessment"


class ReferrerKind(StrEnum):
    """Who referred a family, as funders and accreditation count referrals."""

    COURT = "court"  # a family court or Cafcass
    SOLICITOR = "solicitor"
    LOCAL_AUTHORITY = "local_authority"
    SELF = "self"
    OTHER = "other"


class BookingState(StrEnum):
    """DESIGN.md section 2: the main line, then the side exits."""

    BOOKED = "booked"
    FIRST_IN = "first_in"
    BOTH_IN = "both_in"
    IN_CONTACT = "in_contact"
    CHILDREN_RETURNED = "children_returned"
    SECOND_OUT = "second_out"
    CLOSED = "closed"
    CANCELLED = "cancelled"
    NO_SHOW = "no_show"
    CURTAILED = "curtailed"
    TERMINATED = "terminated"
    REFUSED_ENTRY = "refused_entry"


# The main line in order: a booking only ever moves forward along it.
MAIN_LINE: tuple[str, ...] = tuple(
    s.value
    for s in (
        BookingState.BOOKED,
        BookingState.FIRST_IN,
        BookingState.BOTH_IN,
        BookingState.IN_CONTACT,
        BookingState.CHILDREN_RETURNED,
        BookingState.SECOND_OUT,
        BookingState.CLOSED,
    )
)
# Set by volunteers about the whole booking; the kiosk sends the parent to them.
SIDE_EXITS: frozenset[str] = frozenset(s.value for s in BookingState if s.value not in MAIN_LINE)


class RoomKind(StrEnum):
    CONTACT = "contact"
    WAITING = "waiting"


class StaffRole(StrEnum):
    VOLUNTEER = "volunteer"
    COORDINATOR = "coordinator"


class DbsLevel(StrEnum):
    BASIC = "basic"
    STANDARD = "standard"
    ENHANCED = "enhanced"
    ENHANCED_BARRED = "enhanced_barred"
