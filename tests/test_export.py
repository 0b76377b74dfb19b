"""Exports hold exactly the rows shown, with the query and the mode. Real engine, keyword mode (no model)."""

import csv
import io
import json

import pytest

from explorer import export
from explorer.engine import Result


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
