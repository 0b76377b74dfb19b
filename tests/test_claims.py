"""Claims checked against the sources: planted differences found with their evidence, restatements
in other words agreeing, claims without evidence saying so, verdicts kept, ClaimReview fields, and
an evaluation that moves when a label is wrong. The fiction labelled set (explorer/bench/data/claims)
is added to a collection in tmp_path with the real model.

Pinned to the bundled story's ids (article:1, article:3): the test index every run builds holds the
bundled story, and these tests need a passage or event known to be in it; what they check does not
depend on which one.
"""

import copy
import json
from dataclasses import replace

import pytest

from explorer.analysis.claims import claims_report, record_verdict, verdicts
from explorer.analysis.claims.check import SAME_FACT, check_document
from explorer.analysis.claims.differences import AGREES, DIFFERS, UNMENTIONED
from explorer.analysis.claims.evidence import candidates_for
from explorer.analysis.claims.export import claim_reviews
from explorer.bench import claims_eval
from explorer.links.claims import ClaimsState, parse_claims
from tests.claims_desk import claims_desk

pytestmark = pytest.mark.slow  # the real model embeds the claims' evidence, and spaCy reads the fiction

LABELS = claims_eval.load_labels()


@pytest.fixture(scope="module")
def desk(tmp_path_factory, config):
    """(story, engine, article id, filing id, settings) of a collection holding the fiction filing and article."""
    story, engine, ids, cfg = claims_desk(tmp_path_factory.mktemp("claims"), config)
    return story, engine, ids["article.txt"], ids["filing.txt"], cfg


@pytest.fixture(scope="module")
def parties(desk):
    from explorer.analysis.claims.parties import parties_of

    return parties_of(desk[0])


@pytest.fixture(scope="module")
def checked(desk, parties):
    story, engine, article, _, _ = desk
    return {c.text: c for c in check_document(story, engine, article, parties)}


def _label(kind: str, label: str = "planted") -> dict:
    return next(s for s in LABELS["sentences"] if s["label"] == label and s.get("kind") == kind)


def _paragraph_of(engine, doc: str, snippet: str) -> str:
    return next(p.id for p in engine.passages if p.doc == doc and snippet in p.text)


@pytest.mark.parametrize("kind", ["amount", "date", "name", "percent", "count"])
def test_a_planted_difference_of_each_kind_is_found_with_the_right_evidence_passage(desk, checked, kind):
    _, engine, _, filing, _ = desk
    label = _label(kind)
    claim = checked[label["text"]]
    differing = [d for d in claim.differences if d.status == DIFFERS]
    assert claim.status == DIFFERS, claim.summary
    assert differing[0].sentence.passage_id == _paragraph_of(engine, filing, label["evidence_snippet"])
    assert claim.summary.startswith("differs: ") and "filing.txt" in claim.summary


def test_an_uploaded_collection_checks_its_article_by_default_though_the_filing_came_first(desk):
    from explorer.analysis.claims import default_document

    story, engine, article, filing, _ = desk
    assert [e.id for e in story.collection.documents][0] == filing
    assert default_document(story, engine) == article
    chosen = claims_report(story, engine, article).to_dict()["default_document"]
    assert chosen["doc"] == article and "“article.txt”" in chosen["reason"] and "“filing.txt”" in chosen["reason"]


def test_the_difference_names_both_normalised_figures(checked):
    claim = checked[_label("amount")["text"]]
    assert "says EUR 24 million" in claim.summary and "says EUR 42 million" in claim.summary


def test_restatements_in_other_words_agree(checked):
    paraphrased = [s for s in LABELS["sentences"] if s["label"] == "faithful" and s.get("paraphrased")]
    alarms = [s["text"] for s in paraphrased if checked[s["text"]].status == DIFFERS]
    assert len(paraphrased) == 17 and alarms == []
    assert checked[next(s["text"] for s in paraphrased if "$21m" in s["text"])].status == AGREES


def test_a_claim_with_no_evidence_says_the_sources_do_not_mention_it(desk, parties):
    story, engine, article, _, _ = desk
    from explorer.analysis.claims.check import Claim, attach, document_labels

    text = "The mayor opened a tram line with 12 stations and a bakery on the harbour in 1987."
    claim = Claim("x:1.1", "x:1", article, "¶1", text, 3.0, ["count", "date"], 0, len(text))
    attach(claim, candidates_for(engine, [text], article)[0], SAME_FACT, engine, document_labels(story), parties)
    assert claim.status == UNMENTIONED and claim.evidence is None
    assert claim.summary == "the sources do not mention this"


def test_the_document_under_check_never_answers_itself(desk):
    _, engine, article, _, _ = desk
    for candidates in candidates_for(engine, ["Kestrel is paying €24 million for the stake."], article):
        assert candidates and all(engine.passage(c.passage_id).doc != article for c in candidates)


def test_opinion_and_boilerplate_rank_below_sentences_with_figures(checked):
    ranks = {text: c.rank for text, c in checked.items()}
    figures = ranks["Kestrel is paying €24 million for the stake, according to the decision."]
    assert "Sign up for our weekly newsletter on technology and markets." not in ranks  # below the floor
    assert all(figures < r for t, r in ranks.items() if t.startswith(("Competition lawyers", "Whether the")))
    assert "states an amount" in checked["Kestrel is paying €24 million for the stake, according to the decision."].why


def test_a_verdict_is_kept_across_reloads_and_shown_beside_the_differences(desk):
    from explorer.story.model import open_story

    story, engine, article, filing, cfg = desk
    report = claims_report(story, engine, article)
    claim = next(c for c in report.claims if c.status == DIFFERS)
    record_verdict(story, claim.key, "inaccurate", "The decision says EUR 42 million.",
                   [claim.evidence.passage_id], "Ana Reporter", claim.text)
    reopened = open_story(cfg, story.collection)
    again = claims_report(reopened, engine, article)
    verdict = again.verdict_of(claim.key)
    assert verdict.rating == "inaccurate" and verdict.author == "Ana Reporter"
    assert verdict.evidence == (claim.evidence.passage_id,)
    assert again.claim(claim.key).status == DIFFERS  # the automatic reading is still there beside it


def test_a_read_only_story_takes_no_verdict(config):
    from explorer.story import collections
    from explorer.story.model import open_story
    from explorer.story.reviews import ReviewError

    story = open_story(config, collections.bundled(config))
    with pytest.raises(ReviewError):
        record_verdict(story, "article:1.1", "accurate", "", [], "Someone")


def test_an_unknown_rating_is_refused_with_the_scale(desk):
    from explorer.story.reviews import ReviewError

    with pytest.raises(ReviewError, match="accurate"):
        record_verdict(desk[0], "x", "true-ish", "", [], "Ana")


def test_the_claimreview_export_has_the_fields_google_documents(desk):
    story, engine, article, _, _ = desk
    report = claims_report(story, engine, article)
    reviews = claim_reviews(report, story.document(article), lambda key: f"https://example.org/claims?claim={key}",
                            "https://example.org")
    assert reviews, "the verdict recorded above is exported"
    for review in reviews:
        assert review["@context"] == "https://schema.org" and review["@type"] == "ClaimReview"
        for field in ("claimReviewed", "reviewRating", "itemReviewed", "author", "datePublished", "url"):
            assert review[field], field
        rating = review["reviewRating"]
        assert rating["@type"] == "Rating" and rating["alternateName"]
        assert rating["worstRating"] <= rating.get("ratingValue", rating["worstRating"]) <= rating["bestRating"]
        assert review["itemReviewed"]["@type"] == "Claim" and "appearance" in review["itemReviewed"]
        assert review["itemReviewed"]["author"]["name"]
        assert len(review["datePublished"]) == 10
    json.dumps(reviews)


def test_the_bundled_storys_fact_checks_are_linked_to_the_articles_claims(config, engine):
    from explorer.story import collections
    from explorer.story.model import open_story

    story = open_story(config, collections.bundled(config))
    report = claims_report(story, engine, "article")
    assert len(report.verdicts) == 7
    assert report.default.doc == "article" and "marks" in report.default.reason  # the article, whatever its place
    from explorer.analysis.claims.report import checkable_documents

    assert "factchecks" not in checkable_documents(story, engine) and "article" in checkable_documents(story, engine)
    linked = {report.links[k]: report.claim(k) for k in report.links}
    assert "Microsoft pledged €15 million" in linked["a"].text
    assert all(engine.passage(c.evidence.passage_id).kind != "factcheck" for c in report.claims if c.evidence)


def test_the_claims_url_round_trips_and_bad_values_get_a_notice():
    state = ClaimsState(doc="article", claim="article:3.1", sort="verdict")
    assert parse_claims(state.to_params(), ["article"], lambda d, k: True) == (state, [])
    parsed, notices = parse_claims({"doc": ["nope"], "sort": ["loud"]}, ["article"], lambda d, k: True)
    assert parsed == ClaimsState() and len(notices) == 2 and "doc=" in notices[0]


def test_the_evaluation_moves_when_a_label_is_wrong(desk, parties):
    """A planted difference whose evidence label points at the wrong paragraph is no longer 'found
    with the right evidence'; a faithful sentence labelled planted is not found either."""
    rows, texts = _rows(desk, parties)
    honest = claims_eval.cross_validated(rows, texts, parties)
    wrong = [(copy.deepcopy(label), claim, cands) for label, claim, cands in rows]
    for label, _, _ in wrong:
        if label["label"] == "planted" and label["kind"] == "amount":
            label["evidence_snippet"] = "Orbelle had 312 employees as of 30 June 2026"
        if label["text"].startswith("Kestrel notified the transaction"):
            label["label"] = "planted"
    moved = claims_eval.cross_validated(wrong, texts, parties)
    found = lambda judged: sum(j["found"] for j in judged if j["label"] == "planted")  # noqa: E731
    planted = lambda judged: sum(j["label"] == "planted" for j in judged)  # noqa: E731
    assert found(moved) == found(honest) - 1 and planted(moved) == planted(honest) + 1


def _rows(desk, parties):
    from explorer.analysis.claims.check import sentence_claims

    story, engine, article, _, _ = desk
    sentences = {c.text: c for c in sentence_claims(story, engine, article, parties)}
    claims = [s for s in LABELS["sentences"] if s["label"] != "not_checkworthy"]
    found = candidates_for(engine, [s["text"] for s in claims], article)
    return ([(s, sentences[s["text"]], cands) for s, cands in zip(claims, found)],
            {p.id: p.text for p in engine.passages})


def test_verdicts_of_a_writable_story_start_empty(tmp_path, config):
    from explorer.story.collections import Store
    from explorer.story.model import open_story

    cfg = replace(config, collections_dir=tmp_path / "c", database_url=f"sqlite:///{tmp_path / 'r.sqlite'}")
    Store(cfg.collections_dir).create("empty")
    assert verdicts(open_story(cfg, Store(cfg.collections_dir).get("empty"))) == {}


def _cli(cfg, *args):
    import os
    import subprocess
    import sys

    from tests.conftest import ROOT

    env = {**os.environ, "EXPLORER_COLLECTIONS_DIR": str(cfg.collections_dir), "EXPLORER_DATABASE_URL": cfg.database_url}
    return subprocess.run([sys.executable, "-m", "explorer", "claims", "--collection", "desk", *args], cwd=ROOT,
                          env=env, capture_output=True, text=True, timeout=600)


def test_the_cli_lists_the_claims_as_csv_and_names_the_documents_for_a_bad_doc(desk):
    import csv
    import io

    _, _, article, _, cfg = desk
    done = _cli(cfg, "--doc", article, "--format", "csv")
    assert done.returncode == 0, done.stderr
    rows = list(csv.DictReader(io.StringIO(done.stdout)))
    wrong = next(r for r in rows if r["claim"].startswith("Kestrel is paying €24 million"))
    assert wrong["automatic"].startswith("differs: ") and "EUR 42 million" in wrong["evidence"]
    assert f"/claims?c=desk&doc={article}&claim=" in wrong["permalink"]
    bad = _cli(cfg, "--doc", "nope")
    assert bad.returncode == 1 and "Pass --doc with one of" in bad.stderr and article in bad.stderr
