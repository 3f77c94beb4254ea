"""One reading of a person's first arrival and last departure, for every view that shows it."""

from __future__ import annotations

from datetime import datetime

from kiosk.services.attendance.spans import NOT_SEEN, span_of, spans_by

T = datetime(2026, 11, 21, 9, 44)


def at(minute: int) -> datetime:
    return T.replace(minute=minute)


def test_stepping_out_and_back_keeps_the_first_arrival() -> None:
    span = span_of([("in", at(44)), ("out", at(50)), ("in", at(55))])
    assert (span.arrived, span.latest_in, span.inside) == (at(44), at(55), True)
    # The departure before the return is still the last one recorded.
    assert span.left == at(50)


def test_someone_back_inside_has_not_departed() -> None:
    back = span_of([("in", at(44)), ("out", at(50)), ("in", at(55))])
    assert back.departed is None
    assert back.then("out", at(58)).departed == at(58)
    assert NOT_SEEN.departed is None


def test_the_last_departure_counts() -> None:
    span = span_of([("in", at(44)), ("out", at(50)), ("in", at(51)), ("out", at(59))])
    assert (span.arrived, span.left, span.inside) == (at(44), at(59), False)


def test_no_events_is_not_seen() -> None:
    assert span_of([]) == NOT_SEEN
    assert (NOT_SEEN.arrived, NOT_SEEN.left, NOT_SEEN.inside) == (None, None, False)


def test_events_are_grouped_by_the_callers_key() -> None:
    found = spans_by([((1, "resident"), "in", at(44)), ((1, "visiting"), "in", at(46))])
    found_out = spans_by([((1, "resident"), "in", at(44)), ((1, "resident"), "out", at(58))])
    assert found[(1, "resident")].arrived == at(44)
    assert found[(1, "visiting")].arrived == at(46)
    assert found_out[(1, "resident")].left == at(58)
