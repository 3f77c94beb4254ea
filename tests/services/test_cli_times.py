"""Dates and times typed at the command line: both date forms, never a time zone.

A time with a zone (`10:00Z`, `+01:00`, which Python's ISO readers accept) cannot
be compared with the centre's wall-clock times and stopped the door console when
one reached the database; a date typed the UK's way is as good as an ISO one.
"""

from __future__ import annotations

import argparse
from datetime import datetime

import pytest

from kiosk.commands import disclose


@pytest.mark.parametrize("typed", ["2026-12-02 10:05", "02/12/2026 10:05", " 2026-12-02  10:05 "])
def test_a_disclosure_s_time_takes_both_date_forms(typed: str) -> None:
    assert disclose.when(typed) == datetime(2026, 12, 2, 10, 5)


@pytest.mark.parametrize(
    "typed",
    ["2026-12-02T10:05Z", "2026-12-02 10:05+01:00", "2026-12-02", "10:05", "31/02/2026 10:05"],
)
def test_a_disclosure_s_time_refuses_a_zone_or_half_a_time(typed: str) -> None:
    with pytest.raises(argparse.ArgumentTypeError, match="YYYY-MM-DD"):
        disclose.when(typed)
