"""Timeline URL state: round trips, and bad values fall back to defaults with a notice. The event
ids are invented (any story's ids are plain strings to the parser)."""

from datetime import date

import pytest

from explorer.links import page_url
from explorer.links.timeline import TimelineState, parse_timeline
from explorer.story.timeline import TYPES

IDS = {"halvard-buys-veltro", "veltro-seed-round"}
LOW, HIGH = date(2019, 1, 1), date(2025, 12, 31)


def parse(params):
    return parse_timeline(params, event_ids=IDS, low=LOW, high=HIGH)


@pytest.mark.parametrize("state", [
    TimelineState(),
    TimelineState(start=date(2024, 2, 1), end=date(2024, 3, 31)),
    TimelineState(types=("funding round", "investment"), currency="usd"),
    TimelineState(start=date(2023, 1, 1), types=("regulatory",), event="halvard-buys-veltro"),
    TimelineState(statuses=("extracted",)),
    TimelineState(types=("investment",), statuses=("confirmed", "corrected")),
])
def test_round_trip(state):
    assert parse(state.to_params()) == (state, [])


def test_round_trip_through_a_query_string():
    from urllib.parse import parse_qs

    state = TimelineState(start=date(2024, 2, 1), types=("funding round", "product launch"), event="veltro-seed-round",
                          statuses=("extracted", "added"))
    assert parse(parse_qs(page_url('http://h', 'timeline', state.to_params()).partition('?')[2])) == (state, [])


def test_defaults_leave_the_url_empty():
    assert TimelineState().to_params() == {}


def test_type_accepts_comma_separated_or_repeated_values_in_canonical_order():
    by_comma, _ = parse({"type": "investment,funding round"})
    by_repeat, _ = parse({"type": ["investment", "funding round"]})
    assert by_comma.types == by_repeat.types == ("funding round", "investment")


@pytest.mark.parametrize("params, field, default, param", [
    ({"from": "2024-13-45"}, "start", None, "from"),
    ({"to": "yesterday"}, "end", None, "to"),
    ({"from": "1990-01-01"}, "start", None, "from"),
    ({"type": "nope"}, "types", (), "type"),
    ({"status": "approved"}, "statuses", (), "status"),
    ({"currency": "gbp"}, "currency", "reported", "currency"),
    ({"event": "unknown"}, "event", "", "event"),
])
def test_bad_value_falls_back_with_a_notice(params, field, default, param):
    state, notices = parse(params)
    assert getattr(state, field) == default
    assert len(notices) == 1 and f"{param}=" in notices[0] and "Showing" in notices[0]


def test_unknown_type_keeps_the_valid_ones():
    state, notices = parse({"type": "investment,nope"})
    assert state.types == ("investment",) and len(notices) == 1 and "nope" in notices[0]


def test_to_before_from_is_dropped_with_a_notice():
    state, notices = parse({"from": "2024-03-01", "to": "2024-02-01"})
    assert state.start == date(2024, 3, 1) and state.end is None and "to=" in notices[0]


def test_all_bad_values_at_once():
    state, notices = parse({"from": "2024-13-45", "type": "nope", "currency": "gbp", "event": "unknown"})
    assert state == TimelineState() and len(notices) == 4


def test_every_type_is_accepted():
    state, notices = parse({"type": ",".join(TYPES)})
    assert state.types == TYPES and notices == []


def test_status_accepts_comma_separated_or_repeated_values_and_keeps_the_valid_ones():
    by_comma, _ = parse({"status": "corrected,extracted"})
    by_repeat, _ = parse({"status": ["corrected", "extracted"]})
    assert by_comma.statuses == by_repeat.statuses == ("extracted", "corrected")
    state, notices = parse({"status": "confirmed,approved"})
    assert state.statuses == ("confirmed",)
    assert len(notices) == 1 and "status='approved'" in notices[0] and "Showing confirmed" in notices[0]
