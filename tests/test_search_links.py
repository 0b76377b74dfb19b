"""URL state of the search page: round trips, tampered values, permalinks. No streamlit.

Pinned to the bundled story's ids (article:8, article:1, principles:6, event:msft-mistral-
investment): the test index every run builds holds the bundled story, and these tests need a passage
or event known to be in it; what they check does not depend on which one.
"""

from itertools import product
from urllib.parse import parse_qs, urlsplit

import pytest

from explorer.search.engine import DEFAULT_K, DEFAULT_MODE, MAX_K, MODES
from explorer.links import page_url, view_of
from explorer.links.search import SearchState, parse_search, permalink, search_url, with_changes
from explorer.story.passages import KINDS

DOCS = ["article", "principles", "tenets"]
PASSAGES = {"article:1", "article:8", "principles:6"}
exists = PASSAGES.__contains__
MAX_Q_CHARS = 2000  # the default of EXPLORER_MAX_QUERY_CHARS

QUERIES = ["", "egress", "How much did Microsoft invest in Mistral?", '"convertible loan"', "€15 million & $16m",
           "<img src=x onerror=alert(1)>", "a=b&c=d#frag", "x" * MAX_Q_CHARS]


KIND_SETS = [(), ("event",), ("article", "factcheck"), KINDS]


@pytest.mark.parametrize("q, mode, k, doc, p, kind", list(product(QUERIES, MODES, [1, DEFAULT_K, MAX_K], ["", "article"],
                                                                  ["", "article:8"], KIND_SETS)))
def test_every_valid_state_survives_a_round_trip(q, mode, k, doc, p, kind):
    state = SearchState(q=q, mode=mode, k=k, doc=doc, p=p, kind=kind)
    parsed, notices = parse_search(state.to_params(), DOCS, exists, MAX_Q_CHARS)
    assert parsed == state
    assert notices == []


@pytest.mark.parametrize("kind", KIND_SETS)
def test_round_trip_through_an_encoded_url(kind):
    state = SearchState(q="€15 million & <b>", mode="keyword", k=7, doc="principles", p="principles:6", kind=kind)
    url = search_url("http://example.org", state)
    params = {k: v[0] for k, v in parse_qs(urlsplit(url).query).items()}
    assert parse_search(params, DOCS, exists, MAX_Q_CHARS) == (state, [])


def test_kinds_are_comma_separated_in_a_fixed_order():
    assert SearchState(kind=("factcheck", "event", "event")).kind == ("event", "factcheck")
    assert SearchState(kind=("factcheck", "event")).to_params() == {"kind": "event,factcheck"}
    assert "kind=event,factcheck" in search_url("http://example.org", SearchState(kind=("event", "factcheck")))
    state, notices = parse_search({"kind": ["factcheck", "event,article"]}, DOCS, exists, MAX_Q_CHARS)
    assert state.kind == ("article", "event", "factcheck") and notices == []


def test_unknown_kinds_are_dropped_with_a_notice_naming_them():
    state, notices = parse_search({"q": "x", "kind": "event,tweet,blog"}, DOCS, exists, MAX_Q_CHARS)
    assert state == SearchState(q="x", kind=("event",))
    assert notices == ["Ignored kind='tweet,blog': allowed values are article, principle, framework, event, "
                       "factcheck, document. Showing event instead."]
    state, notices = parse_search({"kind": "tweet"}, DOCS, exists, MAX_Q_CHARS)
    assert state.kind == () and notices[0].endswith("Showing every kind instead.")


def test_default_state_has_no_parameters():
    assert SearchState().to_params() == {}


@pytest.mark.parametrize("params, name", [
    ({"k": "-5"}, "k"), ({"k": str(10**9)}, "k"), ({"k": "ten"}, "k"), ({"k": "0"}, "k"),
    ({"mode": "xyz"}, "mode"), ({"doc": "nowhere"}, "doc"), ({"p": "unknown"}, "p"),
])
def test_tampered_value_falls_back_to_default_with_a_notice_naming_it(params, name):
    state, notices = parse_search(params, DOCS, exists, MAX_Q_CHARS)
    assert getattr(state, name) == getattr(SearchState(), name)
    assert len(notices) == 1 and notices[0].startswith(f"Ignored {name}=")


def test_an_over_long_query_is_cut_to_the_limit_with_a_notice_not_dropped():
    long = "Microsoft invests in Mistral AI. " * 200
    state, notices = parse_search({"q": long}, DOCS, exists, MAX_Q_CHARS)
    assert state.q == long[:MAX_Q_CHARS].rstrip() and len(state.q) <= MAX_Q_CHARS
    assert len(notices) == 1 and notices[0].startswith("Ignored q=")
    assert f"{len(long):,} characters long" in notices[0] and f"first {MAX_Q_CHARS:,} characters" in notices[0]


def test_tampered_values_keep_the_good_ones():
    state, notices = parse_search({"q": "egress", "k": "-5", "mode": "xyz", "p": "nope"}, DOCS, exists, MAX_Q_CHARS)
    assert state == SearchState(q="egress", mode=DEFAULT_MODE, k=DEFAULT_K)
    assert len(notices) == 3


def test_repeated_parameter_keeps_the_first_value():
    state, _ = parse_search({"q": ["first", "second"]}, DOCS, exists, MAX_Q_CHARS)
    assert state.q == "first"


def test_permalink_puts_the_passage_first_and_keeps_ids_readable():
    url = search_url("https://news.example/explorer/", SearchState(q="egress fees", p="article:8"), passage_first=True)
    assert url == "https://news.example/explorer/search?p=article:8&q=egress+fees"


def test_with_changes_replaces_one_parameter_and_keeps_the_rest():
    state = SearchState(q="egress", mode="keyword", k=5)
    assert with_changes(state, p="article:1") == SearchState(q="egress", mode="keyword", k=5, p="article:1")


def test_permalink_helper_is_the_citation_link():
    assert permalink("https://news.example/explorer/", "event:msft-mistral-investment", "egress fees") == (
        "https://news.example/explorer/search?p=event:msft-mistral-investment&q=egress+fees")


def test_each_passage_kind_links_to_its_view(engine):
    assert view_of(engine.passage("event:msft-mistral-investment")) == ("timeline", {"event": "msft-mistral-investment"})
    assert view_of(engine.passage("factcheck:a")) == ("principles", {"view": "claims"})
    assert view_of(engine.passage("principles:6")) == ("principles", {"principle": "6"})
    assert view_of(engine.passage("article:8")) == ("search", {"p": "article:8"})
    assert view_of(engine.passage("tenets:1")) == ("search", {"p": "tenets:1"})
    assert view_of(engine.passage("eu-hleg:1"), frameworks=["eu-hleg"]) == (
        "principles", {"view": "frameworks", "framework": "eu-hleg"})
    assert view_of(engine.passage("eu-hleg:1")) == ("search", {"p": "eu-hleg:1"})
    for passage in engine.passages:  # every view is a link page_url can build
        page, params = view_of(passage)
        assert page_url("https://news.example", page, params).startswith("https://news.example/")


def test_view_links_parse_back_on_their_pages(engine):
    from explorer.links.principles import parse_principles
    from explorer.links.timeline import parse_timeline

    events = {p.id.split(":", 1)[1] for p in engine.passages if p.kind == "event"}
    items = sum(1 for p in engine.passages if p.principle is not None)
    for passage in engine.passages:
        page, params = view_of(passage)
        if page == "timeline":
            state, notices = parse_timeline(params, event_ids=events)
            assert notices == [] and state.event == params["event"]
        elif page == "principles":
            assert parse_principles(params, ["windows-principles"], items=items)[1] == []
        else:
            assert parse_search(params, engine.document_ids, engine.has_passage, MAX_Q_CHARS) == (SearchState(p=passage.id), [])


def test_date_range_round_trips_and_a_reversed_range_is_refused():
    from datetime import date

    state = SearchState(q="cma", since=date(2024, 5, 1), until=date(2024, 5, 31))
    assert parse_search(state.to_params(), DOCS, exists, MAX_Q_CHARS) == (state, [])
    state, notices = parse_search({"q": "cma", "from": "2024-06-01", "to": "2024-05-01"}, DOCS, exists, MAX_Q_CHARS)
    assert state.until is None and notices and "to=" in notices[0]
    state, notices = parse_search({"from": "yesterday"}, DOCS, exists, MAX_Q_CHARS)
    assert state.since is None and "from='yesterday'" in notices[0]
