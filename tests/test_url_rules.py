"""The URL rules every page shares (explorer.links): the first value of a repeated parameter wins,
with a notice; dates are ISO YYYY-MM-DD or YYYY-MM only.

The ids here (article:1, article:2) are only strings in the bundled story's id format; nothing is
read from its corpus.
"""

from datetime import date

import pytest

from explorer.links import iso_date, repeated
from explorer.links.principles import parse_principles
from explorer.links.search import parse_search
from explorer.links.timeline import parse_timeline


def search(params):
    return parse_search(params, ["article", "principles"], lambda p: p in ("article:1", "article:2"), 2000)


@pytest.mark.parametrize("parse, params, field, expected", [
    (search, {"mode": ["keyword", "semantic"]}, "mode", "keyword"),
    (search, {"k": ["3", "7"]}, "k", 3),
    (search, {"q": ["first", "second"]}, "q", "first"),
    (search, {"p": ["article:1", "article:2"]}, "p", "article:1"),
    (search, {"from": ["2024-01-01", "2023-01-01"]}, "since", date(2024, 1, 1)),
    (lambda p: parse_principles(p, ["windows-principles", "x"], items=11), {"principle": ["2", "9"]}, "principle", 2),
    (lambda p: parse_principles(p, ["windows-principles", "x"], items=11), {"view": ["matrix", "claims"]}, "view", "matrix"),
    (parse_timeline, {"from": ["2024-02-01", "2023-01-01"]}, "start", date(2024, 2, 1)),
    (parse_timeline, {"currency": ["usd", "reported"]}, "currency", "usd"),
])
def test_the_first_value_of_a_repeated_parameter_wins_on_every_page(parse, params, field, expected):
    state, _ = parse(params)
    assert getattr(state, field) == expected
    (name, values), = params.items()
    assert repeated(params) == [f"The link repeats {name} 2 times; only the first, {name}={values[0]!r}, is used."]


def test_list_parameters_may_repeat_without_a_notice():
    assert repeated({"kind": ["event", "factcheck"], "type": ["funding", "regulatory"], "q": ["x"]}) == []


@pytest.mark.parametrize("text, start, end", [
    ("2024-02-26", date(2024, 2, 26), date(2024, 2, 26)),
    ("2024-02", date(2024, 2, 1), date(2024, 2, 29)),
    ("2023-12", date(2023, 12, 1), date(2023, 12, 31)),
    ("2024", date(2024, 1, 1), date(2024, 12, 31)),
])
def test_iso_dates_and_months_are_accepted(text, start, end):
    assert iso_date(text) == start and iso_date(text, end_of_month=True) == end


@pytest.mark.parametrize("text", ["20240226", "2024-W09-1", "2024-W09", "24", "2024-2-26", "26/02/2024",
                                  "2024-02-30", "2024-13", "２０２４-02-26", "2024-02-26T10:00"])
def test_other_date_forms_are_refused(text):
    assert iso_date(text) is None


@pytest.mark.parametrize("parse, names", [(search, ("since", "until")), (parse_timeline, ("start", "end"))])
@pytest.mark.parametrize("text", ["20240226", "2024-W09-1"])
def test_a_non_iso_date_in_a_link_is_ignored_with_a_notice(parse, names, text):
    for param, field in zip(("from", "to"), names):
        state, notices = parse({param: text})
        assert getattr(state, field) is None
        assert notices and notices[0].startswith(f"Ignored {param}='{text}'")


def test_a_month_in_a_link_covers_the_whole_month():
    state, notices = parse_timeline({"from": "2024-02", "to": "2024-02"})
    assert (state.start, state.end, notices) == (date(2024, 2, 1), date(2024, 2, 29), [])


@pytest.mark.parametrize("page, name, values", [
    ("pages/search.py", "mode", ["keyword", "semantic"]),
    ("pages/principles.py", "view", ["matrix", "claims"]),
    ("pages/timeline.py", "currency", ["usd", "reported"]),
    ("app.py", "c", ["mistral", "nowhere"]),
])
def test_a_page_says_when_the_link_repeats_a_parameter_and_keeps_the_first(page, name, values):
    from tests.apptest import open_page

    at = open_page(page, {name: values, **({"q": "egress"} if page.endswith("search.py") else {})})
    assert not at.exception
    warnings = [w.value.replace("\\", "") for w in at.warning]
    assert any(w.startswith(f"The link repeats {name} 2 times") for w in warnings), warnings
    kept = at.query_params.get(name)
    assert kept in ([values[0]], values[0], None)  # the first value (None: c=mistral is the default)
    assert not any(w.startswith("Ignored c=") for w in warnings)
