"""Shared pieces for the co-ordinator administration tests."""

from __future__ import annotations

from datetime import date

import pytest

from kiosk.clock import FixedClock
from kiosk.services.cases.records import CaseFile, ConsentData, PersonData, ReferralData
from kiosk.services.staff import auth
from kiosk.services.staff.auth import StaffMember
from models import DbConfig, Role, StaffRole

COORDINATOR_PASSWORD = "long-enough-password"


@pytest.fixture
def coordinator(db: DbConfig, clock: FixedClock) -> StaffMember:
    row = auth.create_staff("Alex Morgan", StaffRole.COORDINATOR, COORDINATOR_PASSWORD, clock.now())
    return StaffMember(row.id, row.name, StaffRole.COORDINATOR)


@pytest.fixture
def volunteer_member(db: DbConfig, clock: FixedClock) -> StaffMember:
    row = auth.create_staff(
        "Priya Shah", StaffRole.VOLUNTEER, "246810", clock.now(), dbs_number="101234567890"
    )
    return StaffMember(row.id, row.name, StaffRole.VOLUNTEER)


def sample_file(
    ref: str = "RCC-2026-001", *, previsit: date | None = date(2026, 11, 1)
) -> CaseFile:
    return CaseFile(
        ref=ref,
        people=(
            PersonData(
                Role.RESIDENT,
                "Rosa",
                "Quill",
                phone="07700 900111",
                emergency_phone="07700 900112",
                email="rosa@example.test",
                address="1 Lark Lane, Melbury",
                postcode="zz1 1aa",
                pre_visit_on=previsit,
                rules_agreed_on=previsit,
                consents=(ConsentData("Cafcass", date(2026, 10, 1), "address"),),
            ),
            PersonData(
                Role.VISITING,
                "Victor",
                "Stone",
                phone="07700 900222",
                email="victor@example.test",
                address="9 Heron Way, Kingsmere",
                postcode="ZZ9 9BB",
                pre_visit_on=previsit,
                rules_agreed_on=previsit,
            ),
        ),
        children=("Mia", "Theo"),
        referral=ReferralData("Harbour & Co", "Ruth Kendal", "ruth@example.test", True, "None"),
    )
