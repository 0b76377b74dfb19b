"""The document a claims view checks by default: the one that restates the others, whatever order
the documents were added in, with a reason that names its figures (no model, no index: the
entities are built here)."""

from types import SimpleNamespace

from explorer.analysis.claims.choice import choose_document
from explorer.analysis.entities.index import Entity, EntityIndex, Mention


def _index(named: dict[str, list[str]]) -> EntityIndex:
    """{entity id: the documents mentioning it}."""
    entities = {}
    for entity_id, docs in named.items():
        mentions = [Mention(entity_id, f"{d}:1", d, 0, 1, entity_id) for d in docs]
        entities[entity_id] = Entity(entity_id, "organisation", entity_id, (entity_id,), mentions)
    return EntityIndex(entities, {})


def _story(*docs: tuple[str, str]):
    return SimpleNamespace(documents=[SimpleNamespace(id=d, kind=k) for d, k in docs])


# The filing names eight parties and figures; the article restates four of them and adds one; an
# unrelated memo shares nothing.
NAMED = {**{f"f{i}": ["filing"] for i in range(4)}, **{f"s{i}": ["filing", "article"] for i in range(4)},
         "a0": ["article"], "m0": ["memo"]}


def test_the_document_restating_the_others_is_chosen_whichever_was_added_first():
    story = _story(("filing", "document"), ("memo", "document"), ("article", "document"))
    for order in (["filing", "memo", "article"], ["article", "filing", "memo"], ["memo", "article", "filing"]):
        choice = choose_document(story, order, _index(NAMED), {"article": "“article.txt”"})
        assert choice.doc == "article", order
    assert "“article.txt”" in choice.reason and "4 of the 5" in choice.reason
    assert dict((d, (s, t)) for d, s, t in choice.shares) == {"article": (4, 5), "filing": (4, 8), "memo": (0, 1)}


def test_a_document_the_story_marks_as_its_article_is_chosen_before_any_count():
    story = _story(("filing", "document"), ("article", "article"))
    choice = choose_document(story, ["filing", "article"], _index({"x": ["filing"], "y": ["article"]}))
    assert choice.doc == "article" and "marks" in choice.reason


def test_when_nothing_is_shared_the_first_document_is_checked_and_the_reason_says_so():
    story = _story(("one", "document"), ("two", "document"))
    choice = choose_document(story, ["one", "two"], _index({"x": ["one"], "y": ["two"], "z": ["two"]}))
    assert choice.doc == "one" and "none restates" in choice.reason
    assert choose_document(story, [], _index({})).doc is None
