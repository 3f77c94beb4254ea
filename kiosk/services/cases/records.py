"""The plain records a case file is made of: what screens hold instead of ORM rows."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from models import ReferrerKind, Role

# Role is re-exported: screens name a person's part without importing models.
__all__ = [
    "REFERRER_KINDS",
    "CaseFile",
    "CasePage",
    "CaseSummary",
    "ConsentData",
    "PersonData",
    "ReferralData",
    "Role",
    "SeparationSettings",
    "role_noun",
]

# How a person's part reads in a sentence ("the resident parent", "no other adult").
ROLE_NOUNS = {
    Role.RESIDENT.value: "resident parent",
    Role.VISITING.value: "visiting parent",
    Role.ADULT.value: "other adult",
}


def role_noun(role: str) -> str:
    return ROLE_NOUNS.get(role, role)


@dataclass(frozen=True)
class ConsentData:
    """Permission to pass this person's details to a named person or agency."""

    recipient: str
    given_on: date | None
    scope: str = ""
    id: int | None = None


@dataclass(frozen=True)
class PersonData:
    role: Role
    first_name: str
    last_name: str = ""
    phone: str = ""
    emergency_phone: str = ""
    email: str = ""
    address: str = ""
    postcode: str = ""
    pre_visit_on: date | None = None
    rules_agreed_on: date | None = None
    consents: tuple[ConsentData, ...] = ()
    id: int | None = None

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()


# Each kind of referrer as the case form and the figures name it; "" is not recorded.
REFERRER_KINDS: dict[str, str] = {
    ReferrerKind.COURT.value: "Court or Cafcass",
    ReferrerKind.SOLICITOR.value: "Solicitor",
    ReferrerKind.LOCAL_AUTHORITY.value: "Local authority",
    ReferrerKind.SELF.value: "Self-referral",
    ReferrerKind.OTHER.value: "Other",
}


@dataclass(frozen=True)
class ReferralData:
    organisation: str = ""
    contact_name: str = ""
    contact_email: str = ""
    court_order: bool = False
    risk_notes: str = ""
    referred_on: date | None = None
    # A REFERRER_KINDS key, or "" when not recorded.
    kind: str = ""


@dataclass(frozen=True)
class SeparationSettings:
    """Who arrives first, and how far apart the two parties are kept (DESIGN.md 2)."""

    first_party: Role = Role.VISITING
    arrival_gap_min: int = 15
    departure_hold_min: int = 15
    no_show_grace_min: int = 15


@dataclass(frozen=True)
class CaseFile:
    ref: str
    people: tuple[PersonData, ...] = ()
    children: tuple[str, ...] = ()
    referral: ReferralData = field(default_factory=ReferralData)
    settings: SeparationSettings = field(default_factory=SeparationSettings)
    family_agreed_assessment_on: date | None = None
    coordinator_agreed_assessment_on: date | None = None
    id: int | None = None
    last_used_at: datetime | None = None

    def person(self, role: Role) -> PersonData | None:
        return next((p for p in self.people if p.role is role), None)


@dataclass(frozen=True)
class CaseSummary:
    """One line of the case list."""

    id: int
    ref: str
    resident: str
    visiting: str
    last_used_at: datetime


@dataclass(frozen=True)
class CasePage:
    items: tuple[CaseSummary, ...]
    total: int
    page: int
    page_size: int

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // self.page_size))
