"""The principles page's data and the `compare` command, on the one coverage method: the reviewed
and the model's readings of the article against the principles, the aspects, claims and frameworks.

Pinned to the bundled story's ids (article:9, article:12, article:22) on purpose: the coverage
method is checked against the reviewed reading shipped with that story (corpus/reviews/), the only
reviewed pairs there are.
"""

import json
import re
import subprocess
import sys

import pytest

from explorer.analysis.coverage.alignment import (
    align_framework,
    alignment_verdict,
    claim_checks,
    frameworks,
    load_factchecks,
)
from explorer.analysis.coverage.principles_data import load_principles_data, principles_document
from tests.conftest import ROOT

pytestmark = pytest.mark.slow  # the coverage comparison embeds the article's sentences with the real model

FACTS = ROOT.parent / "shared" / "facts" / "facts.md"
VERDICTS = ("discussed", "not discussed", "borderline")


@pytest.fixture(scope="module")
def data(engine):
    return load_principles_data(engine)


def test_the_page_compares_the_reviewed_document_with_the_principles(data):
    c = data.comparison
    assert (c.document_id, c.reference_id) == ("article", "principles")
    assert [i.number for i in c.items] == list(range(1, 12))
    assert all(i.verdict in VERDICTS for i in c.items)
    for i in c.items:  # evidence for a discussed item, and its closest paragraph for a borderline one
        assert bool(i.evidence) == (i.verdict != "not discussed")
        assert [e["score"] for e in i.evidence] == sorted((e["score"] for e in i.evidence), reverse=True)


def test_the_reviewed_reading_matches_the_fact_base_where_it_is_explicit(data):
    # facts.md section 3: claim (e) ties the Azure-infrastructure paragraph to P1; claim (g) names P9
    # as the nearest principle of the article's "people-centered AI" aspect.
    c = data.comparison
    assert c.labels[0, c.scored.passage_ids.index("article:9")] == 1
    assert c.labels[8, c.scored.passage_ids.index("article:22")] == 1
    for never_mentioned in (4, 6, 7, 10, 11):  # telecom APIs, non-public data, egress, skilling, sustainability
        assert c.item(never_mentioned).reviewed is False, never_mentioned


def test_every_kept_paragraph_has_a_verbatim_quote_and_a_reason(data):
    c = data.comparison
    texts = {p.id: p.text for p in c.scored.passages}
    notes = c.reading.notes
    assert notes
    for (number, pid), note in notes.items():
        assert note["quote"] and note["quote"] in texts[pid], (number, pid)
        assert note["rationale"].strip(), (number, pid)


def test_differences_name_exactly_the_items_whose_readings_differ(data):
    c = data.comparison
    differ = [i for i in c.items if i.reviewed is not None and i.verdict != "borderline"
              and (i.verdict == "discussed") != i.reviewed]
    assert len(c.differences()) == len(differ)
    assert all(d.startswith(f"{i.label} ") for d, i in zip(c.differences(), differ))


def _facts_headings() -> dict[str, str]:
    if not FACTS.exists():
        pytest.skip(f"fact base not found at {FACTS}")
    rows = re.findall(r'^\|\s*([ABC])\s*\|\s*"([^"]+)"\s*\|', FACTS.read_text(encoding="utf-8"), re.MULTILINE)
    return dict(rows)


def test_group_headings_are_exactly_those_of_the_fact_base(data):
    headings = _facts_headings()
    assert len(headings) == 3
    assert {g.id: g.heading for g in data.principles_doc.groups} == headings


def test_matrix_export_has_one_row_per_principle_and_a_column_per_paragraph(data):
    rows = data.comparison.matrix_rows()
    assert len(rows) == 11 and len(rows[0]) == 1 + len(data.comparison.scored.passages)


def test_aspects_align_and_people_centered_ai_is_nearest_principle_9(data):
    assert [a.aspect for a in data.aspects] == ["Developer access focus", "Choice and fairness",
                                                "Socially responsible approach", "People-centered AI"]
    assert all(a.passage is not None and a.passage.doc == "article" for a in data.aspects)
    people = data.aspects[3]
    assert people.nearest[0][0] == 9 and people.agreement == "agrees"


def test_aspect_verdicts_are_the_coverage_methods_reading_of_the_pair(engine, data):
    c = data.comparison
    for a in data.aspects:
        number = a.nearest[0][0]
        score = c.scored.scores[number - 1, c.scored.passage_ids.index(a.passage.id)]
        assert a.verdict == alignment_verdict(float(score) - c.calibration.fit.threshold, c.calibration.cv.jitter())
    assert alignment_verdict(0.0, 0.5) == "aligned" and alignment_verdict(-0.4, 0.5) == "loosely aligned"
    assert alignment_verdict(-0.6, 0.5) == "weak"


def test_claims_carry_sources_and_claim_g_names_three_groups(engine):
    claims = claim_checks(engine, load_factchecks(ROOT / "corpus"))
    assert [c.id for c in claims] == list("abcdefg")
    assert all(c.source_urls for c in claims)
    assert "three groups" in claims[-1].notes and claims[-1].principles == [9]


def test_each_principle_sits_beside_its_nearest_framework_items(engine, data):
    from explorer.story.corpus import load_corpus

    documents = load_corpus(ROOT / "corpus")
    found = frameworks(documents)
    assert len(found) >= 3
    responsible = next(d for d in found if d.id == "responsible-ai")
    rows = align_framework(engine, principles_document(documents), responsible, data.similarity, k=2)
    assert len(rows) == 11 and all(len(r.items) == 2 for r in rows)
    assert all(r.items[0]["score"] >= r.items[1]["score"] for r in rows)


def _cli(*args):
    return subprocess.run([sys.executable, "-m", "explorer", "compare", *args],
                          cwd=ROOT, capture_output=True, text=True, timeout=300)


def test_cli_compare_without_doc_or_ref_is_the_pages_comparison(data):
    out = _cli("--format", "json")
    assert out.returncode == 0, out.stderr
    doc = json.loads(out.stdout)
    assert {"summary", "method", "fit", "cv", "agreement", "items"} <= set(doc)
    assert {"precision", "recall", "tp", "fp", "fn", "verdicts_agreeing"} <= set(doc["cv"])
    assert (doc["document"]["id"], doc["reference"]["id"]) == ("article", "principles")
    assert [r["verdict"] for r in doc["items"]] == [i.verdict for i in data.comparison.items]
    assert [r["reviewed"] for r in doc["items"]] == [i.reviewed for i in data.comparison.items]
    same = json.loads(_cli("--doc", "article", "--ref", "principles", "--format", "json").stdout)
    assert same["items"] == doc["items"]


def test_cli_compare_csv_and_text_show_both_readings():
    csv_out = _cli("--format", "csv")
    assert csv_out.returncode == 0 and len(csv_out.stdout.strip().splitlines()) == 12
    assert {"item", "model", "reviewed", "evidence"} <= set(csv_out.stdout.splitlines()[0].split(","))
    text = _cli()
    assert text.returncode == 0 and text.stdout.startswith("By the model's reading")
    assert "How this works." in text.stdout
