"""The scan's settings are remembered between scans, and read again as soon as they may have
changed: after this program wrote a setting, or after another program committed anything."""

from __future__ import annotations

from kiosk.clock import FixedClock
from kiosk.services.attendance import checkin
from kiosk.services.scan import own_view
from kiosk.services.store import settings
from models import DbConfig, database
from tests.support.builders import DAY, TwoPartyCase
from tests.support.fault_helpers import other_connection

EARLY = FixedClock(DAY.replace(hour=9, minute=20))


def _waiting_area(two_party_case: TwoPartyCase, clock: FixedClock) -> str:
    """Where the visiting parent, early, is told to wait; the event is undone after."""
    out = checkin.scan(two_party_case.visiting, clock)
    database.execute_sql("DELETE FROM attendance")
    database.execute_sql("DELETE FROM alert")
    return out.message.text


def test_a_setting_this_program_writes_is_read_by_the_next_scan(
    two_party_case: TwoPartyCase,
) -> None:
    assert "Front Lounge" in _waiting_area(two_party_case, EARLY)
    settings.put("waiting_area_visiting", "Garden Room")
    assert "Garden Room" in _waiting_area(two_party_case, EARLY)
    assert own_view.scan_settings()["waiting_area_visiting"] == "Garden Room"


def test_a_setting_another_program_writes_is_read_by_the_next_scan(
    db: DbConfig, two_party_case: TwoPartyCase
) -> None:
    assert "Front Lounge" in _waiting_area(two_party_case, EARLY)
    other = other_connection(db)
    try:
        other.execute(
            "INSERT OR REPLACE INTO setting (key, value) VALUES ('waiting_area_visiting', 'Annexe')"
        )
    finally:
        other.close()
    assert "Annexe" in _waiting_area(two_party_case, EARLY)


def test_settings_are_not_read_again_while_nothing_changed(two_party_case: TwoPartyCase) -> None:
    own_view.scan_settings()
    seen: list[str] = []
    database.connection().set_trace_callback(seen.append)
    try:
        first = own_view.scan_settings()
        first["waiting_area_visiting"] = "changed by the caller"
        again = own_view.scan_settings()
    finally:
        database.connection().set_trace_callback(None)
    assert not [s for s in seen if '"setting"' in s], seen
    # Each caller gets its own copy: one cannot change what the next scan reads.
    assert again["waiting_area_visiting"] == "Front Lounge"
