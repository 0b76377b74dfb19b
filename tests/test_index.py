"""Index round trip, staleness and corruption, with a hash encoder (no model needed)."""

import json
import shutil
from pathlib import Path

import numpy as np
import pytest

from explorer.errors import CorruptIndexError, IndexMissingError, StaleIndexError
from explorer.settings import Config
from explorer.store.index import MANIFEST, SENTENCES, build_index, ensure_index, load_index
from explorer.store.faiss_store import VECTORS, FaissStore
from tests.fakes import HashEncoder

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def built(tmp_path):
    corpus = tmp_path / "corpus"
    shutil.copytree(ROOT / "corpus", corpus)
    index = tmp_path / "index"
    build_index(corpus, index, HashEncoder(), exact_limit=50_000)
    return corpus, index


def test_round_trip_keeps_passages_and_manifest(built):
    corpus, index = built
    loaded = load_index(index, "hash-encoder", corpus)
    manifest = json.loads((index / MANIFEST).read_text())
    assert len(loaded.store) == len(loaded.passages) == manifest["passage_count"]
    for key in ("model", "dimension", "corpus_fingerprint", "index_type", "built_at", "versions"):
        assert manifest[key]


def test_changed_corpus_makes_index_stale(built):
    corpus, index = built
    article = corpus / "article.txt"
    article.write_text(article.read_text(encoding="utf-8") + "\nA new paragraph.\n", encoding="utf-8")
    with pytest.raises(StaleIndexError, match="corpus has changed"):
        load_index(index, "hash-encoder", corpus)


def test_other_model_makes_index_stale(built):
    corpus, index = built
    with pytest.raises(StaleIndexError, match="built with model 'hash-encoder'"):
        load_index(index, "some-other-model", corpus)


@pytest.mark.parametrize("name", [VECTORS, SENTENCES, "passages.jsonl"])
def test_truncated_file_is_refused_not_served(built, name):
    corpus, index = built
    data = (index / name).read_bytes()
    (index / name).write_bytes(data[: len(data) // 2])
    with pytest.raises(CorruptIndexError, match="truncated or changed"):
        load_index(index, "hash-encoder", corpus)


def test_garbage_manifest_and_missing_index_have_clear_errors(built, tmp_path):
    corpus, index = built
    (index / MANIFEST).write_text("{not json")
    with pytest.raises(CorruptIndexError, match="unreadable"):
        load_index(index, "hash-encoder", corpus)
    with pytest.raises(IndexMissingError, match="No index found"):
        load_index(tmp_path / "nowhere", "hash-encoder", corpus)


def test_ensure_index_rebuilds_stale_or_corrupt_and_skips_fresh(built):
    corpus, index = built
    calls = []

    def factory():
        calls.append(1)
        return HashEncoder()

    config = Config(model="hash-encoder", quantize=False, corpus_dir=corpus, index_dir=index)
    assert ensure_index(config, factory)[0] == "fresh" and not calls
    (index / VECTORS).write_bytes(b"garbage")
    action, reason = ensure_index(config, factory)
    assert action == "built" and "truncated" in reason and calls
    load_index(index, "hash-encoder", corpus)  # usable again


def test_planted_vector_comes_back_first_exact_and_approximate(tmp_path):
    from explorer.story.passages import Passage

    rng = np.random.default_rng(0)
    vectors = rng.normal(size=(3000, 32)).astype(np.float32)
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    passages = [Passage(id=f"d:{i}", doc="d", kind="document", title="d", section="", locator=f"¶{i}", text=f"text {i}",
                        principle=None, source_url=None, position=i)
                for i in range(len(vectors))]
    target = 1234
    query = vectors[target] + 0.01 * rng.normal(size=32).astype(np.float32)
    for limit, kind, expected in ((10_000, None, "exact"), (1000, None, "IndexHNSWFlat"), (10_000, "ivf", "IndexIVFFlat")):
        store = FaissStore.create(tmp_path / f"{limit}-{kind}", 32, exact_limit=limit, ann_type=kind)
        store.add(passages, vectors)
        assert store.index_type == expected  # exact up to the limit, HNSW above it (or as asked)
        assert store.dense(query, 1).ids == [f"d:{target}"], expected
