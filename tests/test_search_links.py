"""URL state of the search page: round trips, tampered values, permalinks. No streamlit."""

from itertools import product
from urllib.parse import parse_qs, urlsplit

import pytest

from explorer.engine import DEFAULT_K, DEFAULT_MODE, MAX_K, MODES
from explorer.links.search import SearchState, parse_search, search_url, with_changes

DOCS = ["article", "principles", "tenets"]
PASSAGES = {"article:1", "article:8", "principles:6"}
exists = PASSAGES.__contains__
MAX_Q_CHARS = 2000  # the default of EXPLORER_MAX_QUERY_CHARS

QUERIES = ["", "egress", "How much did Microsoft invest in Mistral?", '"convertible loan"', "€15 million & $16m",
           "<img src=x onerror=alert(1)>", "a=b&c=d#frag", "x" * MAX_Q_CHARS]


@pytest.mark.parametrize("q, mode, k, doc, p", list(product(QUERIES, MODES, [1, DEFAULT_K, MAX_K], ["", "article"], ["", "article:8"])))
def test_every_valid_state_survives_a_round_trip(q, mode, k, doc, p):
    state = SearchState(q=q, mode=mode, k=k, doc=doc, p=p)
    parsed, notices = parse_search(state.to_params(), DOCS, exists, MAX_Q_CHARS)
    assert parsed == state
    assert notices == []


def test_round_trip_through_an_encoded_url():
    state = SearchState(q="€15 million & <b>", mode="keyword", k=7, doc="principles", p="principles:6")
    url = search_url("http://example.org", state)
    params = {k: v[0] for k, v in parse_qs(urlsplit(url).query).items()}
    assert parse_search(params, DOCS, exists, MAX_Q_CHARS) == (state, [])


def test_default_state_has_no_parameters():
    assert SearchState().to_params() == {}


@pytest.mark.parametrize("params, name", [
    ({"k": "-5"}, "k"), ({"k": str(10**9)}, "k"), ({"k": "ten"}, "k"), ({"k": "0"}, "k"),
    ({"mode": "xyz"}, "mode"), ({"doc": "nowhere"}, "doc"), ({"p": "unknown"}, "p"),
    ({"q": "x" * 5000}, "q"),
])
def test_tampered_value_falls_back_to_default_with_a_notice_naming_it(params, name):
    state, notices = parse_search(params, DOCS, exists, MAX_Q_CHARS)
    assert getattr(state, name) == getattr(SearchState(), name)
    assert len(notices) == 1 and notices[0].startswith(f"Ignored {name}=")


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
