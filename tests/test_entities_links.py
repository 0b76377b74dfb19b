"""URL state of the entities page, `ent=` on search, and the /api/entities twin."""
import pytest

from explorer.links.entities import EntitiesState, parse_entities
from explorer.links.search import SearchState, parse_search


@pytest.mark.parametrize("state", [EntitiesState(), EntitiesState(type="person"),
                                   EntitiesState(e="halvard-systems-inc", type="organisation")])
def test_entities_state_round_trips(state):
    params = {k: [v] for k, v in state.to_params().items()}
    assert parse_entities(params, lambda e: True) == (state, [])


def test_an_unknown_type_or_entity_gets_a_notice_naming_it():
    state, notices = parse_entities({"type": ["people"], "e": ["nobody"]}, lambda e: False)
    assert state == EntitiesState()
    assert any("type='people'" in n for n in notices) and any("e='nobody'" in n for n in notices)


def test_search_keeps_the_entity_filter_in_its_url():
    state = SearchState(q="fine", ent="halvard-systems-inc")
    params = {k: [v] for k, v in state.to_params().items()}
    parsed, notices = parse_search(params, [], lambda p: True, 2000, lambda e: e == "halvard-systems-inc")
    assert parsed == state and notices == []
    dropped, notices = parse_search({"q": ["fine"], "ent": ["nobody"]}, [], lambda p: True, 2000, lambda e: False)
    assert dropped.ent == "" and any("ent='nobody'" in n for n in notices)


@pytest.fixture(scope="module")
def source(engine):
    from tests.share_source import DirectSource

    return DirectSource(engine)


def test_the_entities_twin_lists_entities_and_one_entity_with_cited_mentions(source):
    from explorer.share.views import twin

    listed = twin("entities", {"type": ["organisation"]}, source, "http://x")
    assert listed["view"] == "entities" and listed["count"] == len(listed["entities"]) > 0
    assert {e["type"] for e in listed["entities"]} == {"organisation"}
    top = listed["entities"][0]
    one = twin("entities", {"e": [top["id"]]}, source, "http://x")
    assert one["entity"]["id"] == top["id"] and len(one["mentions"]) == top["mentions"]
    for m in one["mentions"]:
        assert m["passage_text"][m["start"]:m["end"]] == m["text"]
        assert "Permalink: http://x/search?p=" in m["citation"]


def test_the_search_twin_with_ent_returns_only_passages_naming_it(source):
    from explorer.share.views import twin

    top = twin("entities", {"type": ["organisation"]}, source, "http://x")["entities"][0]
    named = {m["passage"] for m in twin("entities", {"e": [top["id"]]}, source, "http://x")["mentions"]}
    found = twin("search", {"q": ["investment"], "mode": ["keyword"], "ent": [top["id"]]}, source, "http://x")
    assert found["hits"] and {h["id"] for h in found["hits"]} <= named
