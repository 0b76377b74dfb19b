"""Exports hold exactly the rows shown, with the query and the mode, each row's citation and
permalink, and the index that answered. Real engine, keyword mode (no model)."""

import csv
import io
import json
from datetime import date

import pytest

from explorer import export, settings
from explorer.citation import citation, has_path, matched_quote
from explorer.story.corpus import load_corpus
from explorer.search.engine import Result
from explorer.links import page_url

BASE = "https://news.example/explorer"
DAY = date(2024, 3, 1)


@pytest.fixture(scope="module")
def result(engine):
    return engine.search("egress fees cloud switching", mode="keyword", k=4)


def read_csv(data: bytes) -> list[dict]:
    return list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))


def test_csv_rows_equal_the_hits_in_order(result):
    rows = read_csv(export.to_csv(result))
    assert [r["id"] for r in rows] == [h.passage.id for h in result.hits]
    assert len(rows) == len(result.hits) > 0


def test_csv_carries_scores_locators_text_query_and_mode(result):
    rows = read_csv(export.to_csv(result))
    first, hit = rows[0], result.hits[0]
    assert first["locator"] == hit.passage.locator
    assert first["text"] == hit.passage.text
    assert float(first["score"]) == pytest.approx(hit.score, abs=1e-4)
    assert first["source_url"] == (hit.passage.source_url or "")
    assert {r["query"] for r in rows} == {"egress fees cloud switching"}
    assert {r["mode"] for r in rows} == {"keyword"}
    assert list(rows[0]) == list(export.COLUMNS)


def test_json_hits_equal_the_hits_in_order(result):
    data = json.loads(export.to_json(result))
    assert [h["id"] for h in data["hits"]] == [h.passage.id for h in result.hits]
    assert data["query"] == "egress fees cloud switching" and data["mode"] == "keyword"
    assert data["count"] == len(result.hits)
    assert all({"score", "locator", "text", "source_url"} <= set(h) for h in data["hits"])


def test_export_of_a_cut_result_holds_only_the_rows_kept(engine):
    full = engine.search("Microsoft", mode="keyword", k=10)
    shown = Result(query=full.query, mode=full.mode, k=3, doc=None, hits=full.hits[:3])
    assert len(read_csv(export.to_csv(shown))) == 3
    assert len(json.loads(export.to_json(shown))["hits"]) == 3


def test_empty_result_exports_a_header_only(engine):
    empty = engine.search("zzzqqqxxy", mode="keyword", k=5)
    assert read_csv(export.to_csv(empty)) == []
    assert export.to_csv(empty).decode("utf-8-sig").startswith("rank,id,")


def test_a_query_that_looks_like_a_formula_stays_text_in_csv(engine):
    result = engine.search("=SUM(A1) egress", mode="keyword", k=1)
    assert read_csv(export.to_csv(result))[0]["query"].startswith("'=")


@pytest.mark.parametrize("query, name", [("How much did Microsoft invest in Mistral?", "search-how-much-did-microsoft-invest-in-mistral.csv"),
                                         ('"€15 million"', "search-15-million.csv"), ("", "search-results.csv"),
                                         ("<img src=x>", "search-img-src-x.csv")])
def test_file_name_is_a_slug_of_the_query(query, name):
    assert export.filename(query, "csv") == name


@pytest.fixture(scope="module")
def documents():
    return {d.id: d for d in load_corpus(settings.load().corpus_dir)}


@pytest.fixture(scope="module")
def mixed(engine):
    """Hits of every kind of document: article, principles, events and fact-checks."""
    result = engine.search("Microsoft invested EUR 15 million in Mistral", mode="keyword", k=12)
    assert {"article", "event", "factcheck"} <= {h.passage.kind for h in result.hits}
    return result


def test_each_row_carries_the_citation_and_permalink_of_its_hit(mixed, documents):
    rows = read_csv(export.to_csv(mixed, BASE, documents, DAY))
    assert [r["id"] for r in rows] == [h.passage.id for h in mixed.hits]
    for row, hit in zip(rows, mixed.hits):
        link = page_url(BASE, "search", {"p": hit.passage.id, "q": mixed.query}, lead="p")
        assert row["permalink"] == link
        assert row["citation"] == citation(hit.passage, documents[hit.passage.doc], link,
                                           quote=matched_quote(hit.passage, hit.highlights), accessed=DAY)
        assert row["kind"] == hit.passage.kind and row["locator"] == hit.passage.locator
        assert row["missing_terms"] == "; ".join(hit.why["missing_terms"])
        assert not has_path(row["citation"])


def test_rows_name_the_index_that_answered(engine, mixed, documents):
    rows = read_csv(export.to_csv(mixed, BASE, documents, DAY))
    assert {r["index_built_at"] for r in rows} == {engine.manifest["built_at"]}
    assert {r["index_fingerprint"] for r in rows} == {engine.manifest["corpus_fingerprint"]}
    data = json.loads(export.to_json(mixed, BASE, documents, DAY))
    assert data["index"] == {"built_at": engine.manifest["built_at"], "fingerprint": engine.manifest["corpus_fingerprint"]}
    assert data["accessed"] == "2024-03-01"


def test_json_hits_carry_the_same_citations_and_permalinks_as_the_csv(mixed, documents):
    rows = read_csv(export.to_csv(mixed, BASE, documents, DAY))
    hits = json.loads(export.to_json(mixed, BASE, documents, DAY))["hits"]
    assert [(h["id"], h["citation"], h["permalink"]) for h in hits] == [(r["id"], r["citation"], r["permalink"]) for r in rows]
    assert all(h["kind"] and "missing_terms" in h["why"] for h in hits)


def test_kind_filter_is_recorded_on_every_row(engine):
    result = engine.search("convertible loan", mode="keyword", k=3, kind=("event", "factcheck"))
    rows = read_csv(export.to_csv(result, BASE))
    assert rows and {r["kind_filter"] for r in rows} == {"event,factcheck"}
    assert json.loads(export.to_json(result, BASE))["kind"] == ["event", "factcheck"]
