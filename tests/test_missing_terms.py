"""What a hit is missing, and the hint when no hit holds the query's key terms.

A planted six-passage corpus with the hash encoder (no model): three article paragraphs that
talk about developers' data without saying "non-public" or "compete", and three principles, one
of which makes the claim. Document frequencies in it (passages holding the term, of 6):
microsoft 6, use 4, developer 4, data 4 (all common: in more than half), nonpublic 2 ("non-public"
and "nonpublic"), customer 2, cloud 2, compete 1, public 1, another 1.

Pinned to the bundled story's ids (article:1, principles:1, principles:2): the expected results were
read from the shipped texts (which passage answers which question), so they hold for that corpus and
no other.
"""

import pytest

from explorer.search.engine import MISSING_KEY_HINT, WEAK_HINT
from explorer.search.query import parse_query
from tests.fakes import planted_engine

CLAIM = "Microsoft will not use developers non-public data to compete"
ARTICLE = """Planted article

Microsoft will use public data to improve Azure for developers.

Microsoft says developers use Azure to reach customers anywhere.

Microsoft and its partners use cloud data in Europe.
"""
PRINCIPLES = [  # each passage is "title: text"
    ("No use of non-public data", "Microsoft pledges not to use non-public data from developers to compete with them."),
    ("Private information", "Microsoft keeps nonpublic information of developers private."),
    ("Switching providers", "Microsoft lets customers move data to another cloud."),
]


@pytest.fixture(scope="module")
def engine(tmp_path_factory):
    return planted_engine(tmp_path_factory.mktemp("planted"), ARTICLE, PRINCIPLES, "principles", "Planted principles",
                          "Principle")


def test_planted_corpus_has_the_document_frequencies_the_tests_assume(engine):
    df = engine.store.document_frequency
    assert len(engine.passages) == 6
    assert [df(t) for t in ("microsoft", "use", "developer", "data")] == [6, 4, 4, 4]
    assert [df(t) for t in ("nonpublic", "customer", "cloud", "compete", "public", "another")] == [2, 2, 2, 1, 1, 1]


def test_key_terms_are_the_rarest_words_the_sources_use(engine):
    assert engine.key_terms(parse_query(CLAIM)) == ["compete", "nonpublic"]  # rarest first
    assert engine.key_terms(parse_query("Microsoft developers data")) == []  # each in most passages
    assert engine.key_terms(parse_query("Microsoft horsepower")) == []  # no source uses "horsepower"


def test_every_hit_lists_the_words_it_does_not_contain(engine):
    result = engine.search(CLAIM, k=6)
    missing = {h.passage.id: h.why["missing_terms"] for h in result.hits}
    assert missing["principles:1"] == []
    assert missing["article:1"] == ["non-public", "compete"]
    assert missing["principles:2"] == ["use", "data", "compete"]  # "nonpublic" counts as "non-public"
    summary = next(h for h in result.hits if h.passage.id == "article:1").why["summary"]
    assert summary.endswith("Missing: non-public, compete")


def test_no_hint_when_a_hit_makes_the_claim(engine):
    assert engine.search(CLAIM, k=6).hint is None


def test_hint_when_no_hit_holds_any_key_term(engine):
    result = engine.search(CLAIM, k=3, doc="article")
    assert result.hits and result.key_terms == ["compete", "non-public"]
    assert result.hint == MISSING_KEY_HINT.format(terms="“compete” or “non-public”")
    assert result.hint == "None of these passages contains “compete” or “non-public”: the sources may not make this claim."
    assert result.to_dict()["hint"] == result.hint


def test_one_hit_holding_one_key_term_is_enough(engine):
    result = engine.search("customers moving to another cloud", k=3, doc="article")
    assert result.key_terms == ["another", "customers"]
    assert any("customers" not in h.why["missing_terms"] for h in result.hits)
    assert result.hint is None


def test_keyword_mode_hints_too(engine):
    # keyword mode returns only passages sharing a term; none of the article's holds a key term
    result = engine.search(CLAIM, mode="keyword", k=3, doc="article")
    assert result.hits and result.hint and result.hint.startswith("None of these passages contains")


def test_words_no_source_uses_never_trigger_the_hint(engine):
    # a vocabulary mismatch, not evidence: the meaning side (and the weak-match hint) handle it
    result = engine.search("sourdough rye flour", k=3)
    assert result.hits and result.key_terms == []
    assert result.hint in (None, WEAK_HINT)


def test_public_does_not_match_non_public_in_keywords_or_highlights(engine):
    hits = engine.search("public", mode="keyword", k=6).hits
    assert [h.passage.id for h in hits] == ["article:1"]
    hybrid = engine.search("public", k=6).hits
    for hit in hybrid:
        marked = [hit.passage.text[s["start"]:s["end"]] for s in hit.highlights if s["kind"] == "term"]
        assert marked in ([], ["public"]), hit.passage.id


def test_non_public_matches_both_spellings(engine):
    hits = engine.search("non-public", mode="keyword", k=6).hits
    assert {h.passage.id for h in hits} == {"principles:1", "principles:2"}
    marked = {h.passage.text[s["start"]:s["end"]] for h in hits for s in h.highlights if s["kind"] == "term"}
    assert marked == {"non-public", "nonpublic"}
