"""Principle-by-principle comparison: the reviewed and the model's readings, their agreement, alignments, CLI.

Pinned to the bundled story's ids (article:9, article:12, article:22) on purpose: the coverage
method is checked against the reviewed reading shipped with that story (corpus/reviews/), the only
reviewed pairs there are.
"""

import json
import re
import subprocess
import sys

import numpy as np
import pytest

from explorer.analysis.coverage import compare
from explorer.analysis.coverage.alignment import (
    align_aspects,
    align_framework,
    claim_checks,
    frameworks,
    load_factchecks,
)
from explorer.analysis.coverage.calibration import load_review, verdict_from_pairs
from explorer.analysis.coverage.compare import ABSENT, COVERED, PARTIAL, VERDICTS, compute_coverage
from tests.conftest import ROOT

pytestmark = pytest.mark.slow  # the coverage comparison embeds the article's sentences with the real model

FACTS = ROOT.parent / "shared" / "facts" / "facts.md"


@pytest.fixture(scope="module")
def documents():
    from explorer.story.corpus import load_corpus

    return load_corpus(ROOT / "corpus")


@pytest.fixture(scope="module")
def coverage(engine, documents):
    return compute_coverage(engine, documents)


def test_each_reading_derives_its_verdict_from_its_pairs(coverage):
    for p in coverage.principles:
        assert p.verdict == verdict_from_pairs(len(p.evidence))
        assert p.reviewed_verdict == verdict_from_pairs(len(p.reviewed))
        assert all(m.margin >= 0 and m.model_discusses for m in p.evidence)
        assert all(m.review_discusses and m.quote and m.rationale for m in p.reviewed)
        # evidence is exactly the paragraphs whose pair score reaches the threshold, best first
        row = coverage.scores[[q.number for q in coverage.principles].index(p.number)]
        above = {coverage.passage_ids[j] for j in np.where(row >= coverage.threshold)[0]}
        assert {m.id for m in p.evidence} == above
        assert [m.score for m in p.evidence] == sorted((m.score for m in p.evidence), reverse=True)


def test_a_planted_reviewed_pair_flips_only_its_principles_reviewed_verdict(engine, documents, coverage):
    review = load_review(ROOT / "corpus")
    assert not review.paragraphs(7)
    planted = compute_coverage(engine, documents, review=review.with_label(
        7, "article:12", True, quote="Accelerated Growth", rationale="planted for the test"))
    assert planted.principle(7).reviewed_verdict == PARTIAL
    assert [m.id for m in planted.principle(7).reviewed] == ["article:12"]
    before = {p.number: p.reviewed_verdict for p in coverage.principles if p.number != 7}
    assert {p.number: p.reviewed_verdict for p in planted.principles if p.number != 7} == before


def test_agreement_and_differences_are_computed_from_both_readings(coverage):
    agree = coverage.agreement()
    assert agree["verdicts"] == sum(p.reviewed_verdict == p.verdict for p in coverage.principles)
    pairs = agree["pairs"]
    assert pairs["pairs"] == 11 * len(coverage.passage_ids)
    assert pairs["tp"] + pairs["fn"] == len(load_review(ROOT / "corpus").pairs)
    assert pairs["tp"] == sum(len(p.agreed) for p in coverage.principles)
    assert pairs["fp"] == sum(len(p.model_only) for p in coverage.principles)
    assert pairs["fn"] == sum(len(p.review_only) for p in coverage.principles)
    for p in coverage.principles:
        for pid in p.model_only + p.review_only:
            locator = coverage.locators[coverage.passage_ids.index(pid)]
            assert any(f"P{p.number} {locator}:" in d for d in p.differences())
        assert any(d.startswith(f"P{p.number}: the review says") for d in p.differences()) == (not p.verdict_agrees)


def test_evidence_carries_the_supporting_sentence_and_the_reviewed_quote(coverage):
    for p in coverage.principles:
        for m in p.evidence + p.reviewed:
            for span in m.highlights:
                assert 0 <= span["start"] < span["end"] <= len(m.text)
        for m in p.reviewed:
            quote = next(h for h in m.highlights if h["kind"] == "phrase")
            assert m.text[quote["start"]:quote["end"]] == m.quote


def test_the_reviewed_reading_matches_the_fact_base_where_it_is_explicit(coverage):
    # facts.md section 3: claim (e) ties the Azure-infrastructure paragraph to P1; claim (g) names P9
    # as the nearest principle of the article's "people-centered AI" aspect.
    assert "article:9" in [m.id for m in coverage.principle(1).reviewed]
    assert "article:22" in [m.id for m in coverage.principle(9).reviewed]
    for never_mentioned in (4, 6, 7, 10, 11):  # telecom APIs, non-public data, egress, skilling, sustainability
        assert coverage.principle(never_mentioned).reviewed_verdict == ABSENT, never_mentioned


def test_coverage_lists_eleven_principles_with_top_three_article_passages(coverage):
    assert [p.number for p in coverage.principles] == list(range(1, 12))
    for p in coverage.principles:
        assert len(p.best) == compare.TOP_N
        assert all(m.id.startswith("article:") for m in p.best)
        assert [m.score for m in p.best] == sorted((m.score for m in p.best), reverse=True)
        assert p.best_score == pytest.approx(p.best[0].score)
        assert p.margin == pytest.approx(p.best_score - coverage.threshold)


def test_summary_line_uses_the_reviewed_reading_and_says_so(coverage):
    counts = {v: sum(p.reviewed_verdict == v for p in coverage.principles) for v in VERDICTS}
    assert sum(counts.values()) == 11
    assert coverage.summary().startswith(
        f"The article covers {counts[COVERED] + counts[PARTIAL]} of the 11 principles by our reviewed reading "
        f"({counts[PARTIAL]} partially")
    assert f"agrees on {coverage.agreement()['verdicts']} of 11 verdicts" in coverage.summary()


def test_method_text_quotes_the_cross_validated_figures_and_no_circular_claim(coverage):
    cv = coverage.cv
    text = coverage.method_text()
    assert f"pair precision {cv.precision:.0%} and recall {cv.recall:.0%}" in text
    assert f"{cv.verdict_agreement()} of 11 verdicts agree" in text
    assert "in-sample" in text and "before any model score" in text
    assert "fact-check, which says" not in text  # the old circular calibration claim


def test_every_principle_has_a_source_url(coverage):
    assert all(p.source_url.startswith(("http://", "https://")) for p in coverage.principles)


def _facts_headings() -> dict[str, str]:
    if not FACTS.exists():
        pytest.skip(f"fact base not found at {FACTS}")
    rows = re.findall(r'^\|\s*([ABC])\s*\|\s*"([^"]+)"\s*\|', FACTS.read_text(encoding="utf-8"), re.MULTILINE)
    return dict(rows)


def test_group_headings_are_exactly_those_of_the_fact_base(coverage):
    headings = _facts_headings()
    assert len(headings) == 3
    assert {p.group: p.group_heading for p in coverage.principles} == headings


def test_matrix_export_has_one_row_per_principle_and_a_column_per_paragraph(coverage):
    rows = coverage.matrix_rows()
    assert len(rows) == 11 and len(rows[0]) == 1 + len(coverage.passage_ids)


def test_coverage_needs_no_language_model():
    code = ("import sys; from explorer import settings; from explorer.search.engine import Engine; "
            "from explorer.analysis.coverage.compare import compute_coverage; "
            "compute_coverage(Engine.open(settings.load(), build=False)); print('torch' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "False"


def test_aspects_align_and_people_centered_ai_is_nearest_principle_9(engine, documents):
    from explorer.analysis.coverage.compare import principles_document

    aspects = align_aspects(engine, principles_document(documents), load_factchecks(ROOT / "corpus"))
    assert [a.aspect for a in aspects] == ["Developer access focus", "Choice and fairness",
                                           "Socially responsible approach", "People-centered AI"]
    assert all(a.passage is not None and a.passage.doc == "article" for a in aspects)
    people = aspects[3]
    assert people.nearest[0][0] == 9 and people.agreement == "agrees"


def test_aspect_verdicts_are_the_coverage_models_pair_decisions(engine, documents, coverage):
    from explorer.analysis.coverage.alignment import alignment_verdict
    from explorer.analysis.coverage.compare import principles_document

    for a in align_aspects(engine, principles_document(documents), load_factchecks(ROOT / "corpus")):
        number = a.nearest[0][0]
        margin = coverage.margins[number - 1, coverage.passage_ids.index(a.passage.id)]
        assert a.verdict == alignment_verdict(float(margin), coverage.jitter)
    assert alignment_verdict(0.0, 0.5) == "aligned" and alignment_verdict(-0.4, 0.5) == "loosely aligned"
    assert alignment_verdict(-0.6, 0.5) == "weak"


def test_claims_carry_sources_and_claim_g_names_three_groups(engine):
    claims = claim_checks(engine, load_factchecks(ROOT / "corpus"))
    assert [c.id for c in claims] == list("abcdefg")
    assert all(c.source_urls for c in claims)
    assert "three groups" in claims[-1].notes and claims[-1].principles == [9]


def test_each_principle_sits_beside_its_nearest_framework_items(engine, documents):
    from explorer.analysis.coverage.compare import principles_document

    found = frameworks(documents)
    assert len(found) >= 3
    responsible = next(d for d in found if d.id == "responsible-ai")
    rows = align_framework(engine, principles_document(documents), responsible, k=2)
    assert len(rows) == 11 and all(len(r.items) == 2 for r in rows)
    assert all(r.items[0]["score"] >= r.items[1]["score"] for r in rows)


def _cli(*args):
    return subprocess.run([sys.executable, "-m", "explorer", "compare", *args],
                          cwd=ROOT, capture_output=True, text=True, timeout=300)


def test_cli_compare_json_has_both_readings_and_their_agreement():
    out = _cli("--format", "json")
    assert out.returncode == 0, out.stderr
    doc = json.loads(out.stdout)
    assert {"summary", "method", "threshold", "cv", "agreement", "differences", "principles"} <= set(doc)
    assert {"precision", "recall", "tp", "fp", "fn"} <= set(doc["cv"])
    rows = doc["principles"]
    assert [r["number"] for r in rows] == list(range(1, 12))
    for r in rows:
        assert r["reviewed"]["verdict"] in VERDICTS and r["model"]["verdict"] in VERDICTS
        assert r["agreement"]["verdict"] == (r["reviewed"]["verdict"] == r["model"]["verdict"])
        assert {"group", "group_heading", "title"} <= set(r)
        assert all({"id", "score", "margin"} <= set(e) for e in r["model"]["evidence"])
        assert all({"id", "quote", "rationale"} <= set(e) for e in r["reviewed"]["paragraphs"])


def test_cli_and_page_core_agree(coverage):
    rows = json.loads(_cli("--format", "json").stdout)["principles"]
    assert [r["model"]["verdict"] for r in rows] == [p.verdict for p in coverage.principles]
    assert [r["reviewed"]["verdict"] for r in rows] == [p.reviewed_verdict for p in coverage.principles]


def test_cli_compare_csv_and_text_show_both_readings(coverage):
    csv_out = _cli("--format", "csv")
    assert csv_out.returncode == 0 and len(csv_out.stdout.strip().splitlines()) == 12
    header = csv_out.stdout.splitlines()[0].split(",")
    assert {"reviewed_verdict", "model_verdict", "verdicts_agree", "model_only", "review_only"} <= set(header)
    text = _cli()
    assert text.returncode == 0 and text.stdout.startswith("The article covers")
    assert "reviewed" in text.stdout and "model" in text.stdout and "Agreement" in text.stdout
    assert f"Differences ({len(coverage.differences())})" in text.stdout
    assert "Leave-one-principle-out" in text.stdout
