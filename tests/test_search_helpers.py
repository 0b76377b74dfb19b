"""The helpers around search never mislead (the examples quoted in issue 25): hyphenation and
spacing variants are one term for highlights, "Missing:" and the no-claim notice; a query of
only very common words says so; a French question says the model is English-only and names the
sources' English words; "did you mean" is offered only when the correction finds better hits.

A planted corpus (fiction, written for these tests: Veltro Robotics and Norvane are invented) with
the hash encoder, no model. An article paragraph says "multi-year", an event "multi year" and
another "multiyear".
"""

import pytest

from explorer.links.search import SearchState
from explorer.search.engine import MISSING_KEY_HINT
from explorer.search.highlight import highlight_spans
from explorer.search.query import parse_query
from explorer.search.spelling import vocabulary
from explorer.views.search import did_you_mean, query_notices
from tests.fakes import planted_engine

ARTICLE = """Planted article

Veltro Robotics said on Monday that Norvane agreed a multi-year supply deal worth EUR 4 million.

Regulators investigated the supply deal for ninety days before clearing it.

Norvane invested in Veltro Robotics in 2023, its first investment in the sector.
"""
EVENTS = [
    ("Norvane and Veltro Robotics partnership",
     "Norvane and Veltro Robotics announce a multi year partnership on warehouse robots, sold through Norvane Cloud."),
    ("Norvane's earlier deal", "Norvane announces a multiyear, multimillion investment in Aldric Systems."),
]
# A pasted paragraph about the article's deal, written with the solid spelling the article does not use.
PASTED = ("Veltro Robotics has signed a multiyear pact with Norvane, the firm said, in a statement published "
          "by Veltro.")


@pytest.fixture(scope="module")
def engine(tmp_path_factory):
    return planted_engine(tmp_path_factory.mktemp("planted"), ARTICLE, EVENTS, "events", "Planted events", "Event",
                          "Fiction for tests.")


@pytest.fixture(scope="module")
def words(engine):
    return vocabulary(p.text for p in engine.passages)


def hit_of(result, needle):
    return next(h for h in result.hits if needle in h.passage.text)


def marked(hit):
    return [hit.passage.text[s["start"]:s["end"]] for s in hit.highlights if s["kind"] == "term"]


# --- hyphenation and spacing variants -------------------------------------------------------

def test_a_pasted_paragraph_saying_multiyear_does_not_get_the_no_claim_notice(engine):
    assert engine.key_terms(parse_query(PASTED)) == ["multiyear"]  # rare in the sources: the key term
    result = engine.search(PASTED, k=3, doc="article")  # the article writes "multi-year"
    assert any("multi-year" in h.passage.text for h in result.hits)
    assert result.hint is None or "may not make this claim" not in result.hint


@pytest.mark.parametrize("spelling", ["multi-year", "multi year", "multiyear"])
def test_multiyear_is_not_missing_from_a_passage_spelling_it(engine, spelling):
    result = engine.search("multiyear deal", k=5)
    hit = hit_of(result, spelling)
    assert "multiyear" not in hit.why["missing_terms"]
    assert "multiyear" in hit.why["matched_terms"]


@pytest.mark.parametrize("query", ["multi-year investment", "multi year investment"])
def test_a_query_saying_multi_year_is_not_told_a_solid_multiyear_lacks_it(engine, query):
    """The other way round: the query writes the compound in two parts, the passage solid."""
    hit = hit_of(engine.search(query, k=5), "multiyear, multimillion")
    assert not {"multi", "year"} & set(hit.why["missing_terms"])
    assert "multiyear" in marked(hit)


def test_a_query_saying_multi_year_still_lacks_year_where_only_multi_is_written(engine):
    hit = hit_of(engine.search("multi-year investment", k=5), "first investment")  # the article's ¶3
    assert {"multi", "year"} <= set(hit.why["missing_terms"])


def test_two_neighbouring_query_words_both_matched_are_not_also_reported_as_one_run_together_word(engine):
    hit = hit_of(engine.search("Norvane announces", k=5), "multiyear, multimillion")
    matched = hit.why["matched_terms"]
    assert len(matched) == 2 and not any(t.startswith("norvane") and len(t) > len("norvane") for t in matched), matched


def test_multiyear_highlights_each_spelling_whole(engine):
    result = engine.search("multiyear", k=5)
    assert {"multi-year", "multi year", "multiyear"} <= {m for h in result.hits for m in marked(h)}


def test_a_neighbouring_passage_gets_the_variant_highlighted_too():
    text = "A multi-year deal."
    spans = highlight_spans(text, ["multiyear"], [], None)
    assert [text[s["start"]:s["end"]] for s in spans] == ["multi-year"]


def test_words_around_a_stopword_are_not_joined_into_a_variant():
    text = "The robots were in sight of the dock."
    assert highlight_spans(text, ["insight"], [], None) == []


def test_the_notice_still_fires_when_no_hit_holds_the_key_term_in_any_spelling(engine):
    result = engine.search("Aldric Norvane", k=3, doc="article")  # only an event names Aldric
    assert result.hits and result.hint == MISSING_KEY_HINT.format(terms="“Aldric”")


# --- a query of only very common words ------------------------------------------------------

def test_said_alone_in_keyword_mode_says_the_query_has_only_common_words(engine):
    result = engine.search("said", mode="keyword")
    assert not result.hits
    assert "No passage contains these words" not in result.hint
    assert "only very common words (“said”)" in result.hint and "Hybrid or Semantic" in result.hint


def test_said_alone_in_hybrid_mode_shows_hits_by_meaning_and_says_why(engine, words):
    result = engine.search("said", mode="hybrid")
    assert result.hits  # the meaning side still finds passages
    notices = query_notices(SearchState(q="said", mode="hybrid"), words)
    assert [n.kind for n in notices] == ["common-words"]
    assert "found by meaning alone" in notices[0].text


def test_a_query_with_a_topic_word_gets_no_common_words_notice(words):
    assert query_notices(SearchState(q="what was said about the supply deal"), words) == []


# --- a French question ------------------------------------------------------------------------

FRENCH = ["Combien Norvane a-t-il investi dans Veltro Robotics ?",
          "Quand Norvane a-t-il annoncé le partenariat avec Veltro ?",
          "Les régulateurs ont-ils enquêté sur l'accord de Norvane ?"]


@pytest.mark.parametrize("question", FRENCH)
def test_a_french_question_says_the_model_reads_english_only(words, question):
    notices = query_notices(SearchState(q=question), words)
    language = [n for n in notices if n.kind == "language"]
    assert language and "looks French" in language[0].text and "English only" in language[0].text
    assert "Norvane" in language[0].text.split("Names are kept as they are:")[1]  # names stay


def test_a_french_cognate_gets_the_english_words_the_sources_use(words):
    notice = next(n for n in query_notices(SearchState(q=FRENCH[0]), words) if n.kind == "language")
    assert "“investi” → invested" in notice.text or "“investi” → investment" in notice.text
    assert notice.query.split() == ["Norvane", notice.query.split()[1], "Veltro", "Robotics"]
    assert notice.query.split()[1] in ("invested", "investment")


@pytest.mark.parametrize("question", ["How much did Norvane invest in Veltro?", "said", "Veltro Robotics",
                                      "EUR 4 million", "multiyear partnership"])
def test_an_english_query_gets_no_language_notice(words, question):
    assert not [n for n in query_notices(SearchState(q=question), words) if n.kind == "language"]


# --- did you mean, with the index at hand -----------------------------------------------------

def test_a_typo_gets_a_suggestion_that_finds_better_hits(engine, words):
    assert did_you_mean(SearchState(q="Norvnae investmnet"), words, engine) == "Norvane investment"


def test_a_correction_that_finds_nothing_better_under_the_filters_is_not_offered(engine, words):
    # "Aldric" is only in an event: in the article the corrected word matches nothing more.
    assert did_you_mean(SearchState(q="Aldrick"), words, engine) == "Aldric"
    assert did_you_mean(SearchState(q="Aldrick", doc="article"), words, engine) is None


@pytest.mark.parametrize("query", ["Did regulators investigate the deal", "Monday statement",
                                   "Combien Norvane a-t-il investi dans Veltro ?"])
def test_correct_words_get_no_suggestion(engine, words, query):
    assert did_you_mean(SearchState(q=query), words, engine) is None


def test_the_language_check_holds_up_on_held_out_labelled_queries():
    from explorer.search.language_calibration import cross_validate

    figures = cross_validate()
    assert figures["queries"] >= 80
    assert figures["verdict_errors"] <= 0.05 * figures["queries"]  # English taken for another language, or the reverse


def test_an_english_query_is_told_english_without_loading_a_word_list():
    from explorer.search import wordlists
    from explorer.search.language import detect

    wordlists.frequencies.cache_clear()
    assert detect("How much did Norvane invest in Veltro Robotics on Monday?").is_english
    assert wordlists.frequencies.cache_info().currsize == 0
