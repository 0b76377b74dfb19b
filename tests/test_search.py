"""Search behaviour on the real corpus and model: phrases, filters (document and kind), batch,
bad input, and what a hit is missing.

Pinned to the bundled story's ids (principles:6, principles:7, principles:10, article:1): the
expected results were read from the shipped texts (which passage answers which question), so they
hold for that corpus and no other.
"""

import json

import pytest

from explorer.search.engine import UnknownKindError
from explorer.errors import ExplorerError, UnknownDocumentError


def test_exact_phrase_matches_literally(engine):
    result = engine.search('"eleven-point framework"', mode="hybrid", k=10)
    assert result.hits, result.hint
    for hit in result.hits:
        assert "eleven-point framework" in hit.passage.text.lower()
        assert hit.why["phrases"] == ["eleven-point framework"]
        assert any(s["kind"] == "phrase" for s in hit.highlights)


def test_phrase_with_no_literal_match_returns_nothing_with_hint(engine):
    result = engine.search('"eleven point plan for mars"', mode="hybrid")
    assert result.hits == [] and "exact phrase" in result.hint


def test_document_filter_and_unknown_document(engine):
    result = engine.search("data portability", doc="principles", k=5)
    assert result.hits and {h.passage.doc for h in result.hits} == {"principles"}
    with pytest.raises(UnknownDocumentError) as error:
        engine.search("data", doc="nope")
    assert "article" in str(error.value) and "principles" in str(error.value)


@pytest.mark.parametrize("mode", ["hybrid", "semantic", "keyword"])
def test_batch_equals_single_queries(engine, mode):
    queries = ["egress fees", "Who leads Mistral?", "€15 million"]
    batch = engine.search_batch(queries, mode=mode, k=5)
    single = [engine.search(q, mode=mode, k=5) for q in queries]
    assert [[h.passage.id for h in r.hits] for r in batch] == [[h.passage.id for h in r.hits] for r in single]


@pytest.mark.parametrize("raw", ["", "   ", "\t\n"])
def test_empty_query_returns_no_hits_and_a_hint(engine, raw):
    result = engine.search(raw)
    assert result.hits == [] and result.hint


def test_huge_query_is_cut_to_the_model_limit_with_a_note(engine):
    result = engine.search("Microsoft invested in Mistral AI " * 400)
    assert result.hits and result.notes
    assert any("first" in note for note in result.notes)


@pytest.mark.parametrize("raw", ["<img src=x onerror=alert(1)>", "🚀🚀 Mistral", "مايكروسوفت ميسترال", "mistral\x00\x1b[31m"])
def test_odd_input_is_plain_text_and_never_raises(engine, raw):
    result = engine.search(raw, k=3)
    assert isinstance(result.hits, list)


def test_every_hit_explains_itself_and_carries_highlights(engine):
    result = engine.search("Azure supercomputing infrastructure for Mistral", k=5)
    top = result.hits[0]
    assert top.why["matched_terms"] and top.why["semantic_score"] is not None
    text = top.passage.text
    for span in top.highlights:
        assert 0 <= span["start"] < span["end"] <= len(text)
    marked = {text[s["start"]:s["end"]].lower() for s in top.highlights if s["kind"] == "term"}
    assert marked & {"azure", "supercomputing", "infrastructure", "mistral"}


def test_keyword_mode_does_not_need_meaning_scores(engine):
    result = engine.search("AFL-CIO", mode="keyword", k=3)
    assert result.hits[0].passage.id == "principles:10"
    assert result.hits[0].why["semantic_score"] is None


def test_more_like_this_excludes_itself_and_is_ordered(engine):
    hits = engine.more_like_this("principles:7", k=5)
    assert len(hits) == 5 and "principles:7" not in [h.passage.id for h in hits]
    scores = [h.score for h in hits]
    assert scores == sorted(scores, reverse=True)


def test_context_stays_inside_the_document(engine):
    first_article = engine.context("article:1", 1, 1)
    assert [p.id for p in first_article] == ["article:1", "article:2"]


def test_query_unrelated_to_the_corpus_is_flagged_as_weak(engine):
    unrelated = engine.search("recipe for sourdough bread with rye flour", k=5)
    assert unrelated.hits and unrelated.hint and "No passage matches strongly" in unrelated.hint
    related = engine.search("How much did Microsoft invest in Mistral?", k=5)
    assert related.hint is None


# --- kinds --------------------------------------------------------------------------------------

@pytest.mark.parametrize("mode", ["hybrid", "semantic", "keyword"])
def test_kind_filter_keeps_only_those_kinds(engine, mode):
    result = engine.search("Microsoft investment in Mistral", mode=mode, k=10, kind=("event", "factcheck"))
    assert result.hits and {h.passage.kind for h in result.hits} <= {"event", "factcheck"}
    assert result.kind == ("event", "factcheck") and result.to_dict()["kind"] == ["event", "factcheck"]
    assert all(h.to_dict()["kind"] == h.passage.kind for h in result.hits)


def test_kind_accepts_one_string_and_none_means_every_kind(engine):
    events = engine.search("convertible loan", k=5, kind="event")
    assert events.hits and {h.passage.kind for h in events.hits} == {"event"}
    everything = engine.search("convertible loan", k=50, kind=None)
    assert len({h.passage.kind for h in everything.hits}) > 1 and everything.kind is None
    assert engine.search("convertible loan", k=5, kind=()).kind is None


def test_unknown_kind_is_a_clear_error(engine):
    with pytest.raises(UnknownKindError) as error:
        engine.search("data", kind=("event", "tweet"))
    assert "'tweet'" in str(error.value) and "article, principle, framework, event, factcheck" in str(error.value)
    assert isinstance(error.value, ExplorerError)


def test_kind_and_document_filters_combine(engine):
    result = engine.search("Mistral", k=10, doc="timeline", kind="event")
    assert result.hits and {(h.passage.doc, h.passage.kind) for h in result.hits} == {("timeline", "event")}
    empty = engine.search("Mistral", k=10, doc="article", kind="event")
    assert empty.hits == [] and "kind filter" in empty.hint


def test_cli_search_takes_a_kind(engine, capsys):
    from explorer.cli.commands import main

    assert main(["search", "convertible loan", "--mode", "keyword", "--kind", "event,factcheck", "--format", "json"]) == 0
    result = json.loads(capsys.readouterr().out)
    assert result["kind"] == ["event", "factcheck"] and result["hits"]
    assert {h["kind"] for h in result["hits"]} <= {"event", "factcheck"}
    assert main(["search", "x", "--kind", "tweet"]) == 1
    assert "Unknown kind 'tweet'" in capsys.readouterr().err


# --- what is missing ----------------------------------------------------------------------------

def test_every_hit_lists_the_query_words_it_lacks(engine):
    result = engine.search("Microsoft will not use developers non-public data to compete", k=10)
    for hit in result.hits:
        words = set(hit.why["missing_terms"])
        assert words <= {"Microsoft", "use", "developers", "non-public", "data", "compete"}
        assert ("Missing: " in hit.why["summary"]) == bool(words)
    top = result.hits[0]
    assert top.passage.id == "principles:6" and top.why["missing_terms"] == []


def test_matched_terms_are_the_query_words_as_typed_not_the_index_stems(engine):
    """"Why it matched" names the words a journalist typed ("Series", "developers"), never the
    keyword index's stems ("sery", "develop"), and each of them is one the passage holds."""
    query = "Series funding developers"
    typed = {"Series", "funding", "developers"}
    result = engine.search(query, k=10, mode="keyword")
    assert result.hits, result.hint
    for hit in result.hits:
        matched = set(hit.why["matched_terms"])
        assert matched and matched <= typed, matched
        assert not matched & set(hit.why["missing_terms"])
        assert "terms: " + ", ".join(hit.why["matched_terms"]) in hit.why["summary"]


def test_the_claim_the_article_does_not_make_gets_a_hint(engine):
    claim = "Microsoft will not use developers non-public data to compete"
    result = engine.search(claim, k=5, doc="article")
    assert result.hits and result.hint == (
        "None of these passages contains “non-public” or “compete”: the sources may not make this claim.")
    assert all({"non-public", "compete"} <= set(h.why["missing_terms"]) for h in result.hits)
    assert "Missing: " in result.hits[0].why["summary"] and "non-public" in result.hits[0].why["summary"]
    assert engine.search(claim, k=5).hint is None  # principle 6 makes it


def test_public_alone_does_not_match_non_public(engine):
    result = engine.search("public", mode="keyword", k=50)
    assert "principles:6" not in [h.passage.id for h in result.hits]  # it says only "non-public"
    negated = engine.search("nonpublic", mode="keyword", k=5)
    assert negated.hits[0].passage.id == "principles:6"
    marked = {negated.hits[0].passage.text[s["start"]:s["end"]] for s in negated.hits[0].highlights if s["kind"] == "term"}
    assert marked == {"non-public"}


def test_a_date_range_keeps_only_passages_dated_in_it(engine):
    from datetime import date

    result = engine.search("regulator investigation", k=50, dates=(date(2024, 5, 1), date(2024, 5, 31)))
    assert result.hits
    for hit in result.hits:
        assert hit.passage.date and hit.passage.date[:7] == "2024-05"
    undated = engine.search("regulator investigation", k=50)
    assert any(h.passage.date is None for h in undated.hits)  # the filter is what removed them
