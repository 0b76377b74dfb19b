"""EXPLORER_STORE=milvus:... changes where candidates come from, not what a reader gets: the same
engine over a Milvus Lite copy of the test index is within 0.02 hit@5 and MRR@10 of the FAISS
store on the gold questions, in every mode, and serves hits with the same fields.

Also: the copy is made from the index folder once per build (a second open reuses it), and an
unreachable or misnamed store ends in a sentence, not a traceback."""

import dataclasses
from pathlib import Path

import pytest

from explorer.search.engine import Engine
from explorer.errors import ExplorerError
from explorer.bench import GOLD
from explorer.bench.evaluate import evaluate, load_gold
from explorer.store.index import load_index
from explorer.store import select

GOLD = load_gold(GOLD)
MODES = ("hybrid", "semantic", "keyword")


@pytest.fixture(scope="module")
def milvus_engine(engine, tmp_path_factory):
    config = dataclasses.replace(engine.config, store="milvus",
                                 store_uri=str(tmp_path_factory.mktemp("milvus") / "explorer.db"))
    served = Engine.open(config, build=False, encoder=engine.encoder)
    yield served
    served.search_store.close()


def test_the_milvus_engine_really_searches_milvus(milvus_engine, engine):
    assert milvus_engine.search_store.kind == "milvus" and engine.search_store.kind == "faiss"
    assert len(milvus_engine.search_store) == len(engine.passages)


@pytest.mark.parametrize("mode", MODES)
def test_gold_quality_is_within_two_hundredths_of_the_faiss_store(milvus_engine, engine, mode):
    faiss_quality, milvus_quality = evaluate(engine, GOLD, mode), evaluate(milvus_engine, GOLD, mode)
    assert abs(milvus_quality.hit_at_5 - faiss_quality.hit_at_5) <= 0.02, (faiss_quality, milvus_quality)
    assert abs(milvus_quality.mrr_at_10 - faiss_quality.mrr_at_10) <= 0.02, (faiss_quality, milvus_quality)


def test_hits_keep_one_contract(milvus_engine, engine):
    for query, mode in (("egress fees", "hybrid"), ('"AI Access Principles"', "keyword"), ("regulators", "semantic")):
        mine, theirs = milvus_engine.search(query, mode=mode, k=5), engine.search(query, mode=mode, k=5)
        assert mine.hits and theirs.hits
        assert [set(h.to_dict()) for h in mine.hits] == [set(h.to_dict()) for h in theirs.hits]
        assert set(mine.to_dict()) == set(theirs.to_dict())


def test_filters_mean_the_same_on_both_stores(milvus_engine, engine):
    for kwargs in ({"doc": "article"}, {"kind": ("event",)}):
        mine = milvus_engine.search("Microsoft investment", mode="keyword", k=20, **kwargs)
        theirs = engine.search("Microsoft investment", mode="keyword", k=20, **kwargs)
        assert [h.passage.id for h in mine.hits] == [h.passage.id for h in theirs.hits]


def test_a_second_open_reuses_the_copy(milvus_engine, engine):
    loaded = load_index(engine.config.index_dir, engine.config.model_id, engine.config.corpus_dir)
    name, _ = select.copy_name(loaded.store.folder, loaded.manifest)
    assert milvus_engine.search_store.name == name
    again = select.search_store(milvus_engine.config, loaded)
    try:
        assert again.name == name and len(again) == len(engine.passages)
    finally:
        again.close()


def test_an_unreachable_server_is_a_sentence(engine):
    config = dataclasses.replace(engine.config, store="milvus", store_uri="http://127.0.0.1:9")
    with pytest.raises(ExplorerError) as raised:
        Engine.open(config, build=False, encoder=engine.encoder)
    assert "127.0.0.1:9" in str(raised.value)
