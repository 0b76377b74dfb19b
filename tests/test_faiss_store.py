"""FaissStore on its own: adds, replaces, deletes, filters, keyword scoring, saving and the
memory-mapped open. Vectors are planted (no model needed), so each test knows its answer."""

import numpy as np
import pytest

from explorer.bench.bm25_reference import BM25
from explorer.story.passages import Passage
from explorer.store import Where
from explorer.store import keyword_text
from explorer.store.faiss_store import ANN, VECTORS, FaissStore
from explorer.text import terms_of

DIM = 16
WORDS = "cloud compute model market partner regulator investment access developer data policy open".split()


def passage(i: int, doc: str = "a", kind: str = "document", date: str | None = None, text: str | None = None) -> Passage:
    rng = np.random.default_rng(i)
    text = text or " ".join(rng.choice(WORDS, size=8 + i % 5)) + "."
    return Passage(id=f"{doc}:{i}", doc=doc, title=doc, kind=kind, section="", locator=f"¶{i}", text=text,
                   principle=None, source_url=None, position=i, date=date)


def unit(rows: np.ndarray) -> np.ndarray:
    return (rows / np.linalg.norm(rows, axis=1, keepdims=True)).astype(np.float32)


@pytest.fixture
def filled(tmp_path):
    rng = np.random.default_rng(7)
    passages = [passage(i, doc="a" if i < 30 else "b", kind="event" if i % 3 == 0 else "document",
                        date="2024-02-26" if i % 2 else None) for i in range(60)]
    vectors = unit(rng.normal(size=(60, DIM)))
    store = FaissStore.create(tmp_path / "store", DIM)
    store.add(passages, vectors)
    return store, passages, vectors


def test_dense_finds_the_planted_vector_first_with_its_cosine(filled):
    store, passages, vectors = filled
    found = store.dense(vectors[17], 5)
    assert found.ids[0] == "a:17" and abs(found.scores[0] - 1.0) < 1e-5
    assert list(found.scores) == sorted(found.scores, reverse=True) and len(found.ids) == 5


def test_filters_apply_before_the_limit(filled):
    store, passages, vectors = filled
    found = store.dense(vectors[17], 10, Where(doc="b", kinds=("event",)))
    expected = {p.id for p in passages if p.doc == "b" and p.kind == "event"}
    assert set(found.ids) == expected and len(found.ids) == len(expected) == 10
    dated = store.dense(vectors[17], 60, Where(first_day=738900, last_day=739000))  # 2024-02-26 is 738942
    assert set(dated.ids) == {p.id for p in passages if p.date}


def test_keyword_scores_equal_the_hand_written_bm25(filled):
    store, passages, _ = filled
    reference = BM25([keyword_text(p) for p in passages])
    for query in (["cloud"], ["regulator", "market"], ["access", "nothing-like-this"]):
        expected = reference.scores(query)
        found = store.keyword(query, 100)
        assert set(found.ids) == {passages[j].id for j in np.flatnonzero(expected > 0)}
        for pid, score in zip(found.ids, found.scores):
            assert score == pytest.approx(expected[int(pid.split(":")[1])], rel=1e-5)
        assert store.document_frequency(query[0]) == reference.document_frequency(query[0])
    assert store.keyword(["unknownword"], 10).ids == [] and store.document_frequency("unknownword") == 0


def test_add_replaces_an_existing_id_and_delete_forgets(filled):
    store, passages, vectors = filled
    changed = passage(5, text="A unique zeppelin passage.")
    store.add([changed], vectors[40:41])
    assert len(store) == 60 and store.passages(["a:5"])[0].text == "A unique zeppelin passage."
    assert set(store.dense(vectors[40], 2).ids) == {"b:40", "a:5"}  # same vector: both score 1
    assert store.keyword(["zeppelin"], 5).ids == ["a:5"]
    store.delete(["a:5", "not-there"])
    assert len(store) == 59 and store.passages(["a:5", "a:6"]) == [passages[6]]
    assert store.keyword(["zeppelin"], 5).ids == [] and "a:5" not in store.dense(vectors[40], 60).ids


def test_empty_store_answers_nothing(tmp_path):
    store = FaissStore.create(tmp_path / "empty", DIM)
    assert len(store) == 0
    assert store.dense(np.ones(DIM, np.float32), 5).ids == [] and store.keyword(["cloud"], 5).ids == []
    assert store.document_frequency("cloud") == 0


def test_save_and_open_memory_maps_and_answers_the_same(filled, tmp_path):
    store, passages, vectors = filled
    names = store.save()
    assert VECTORS in names and any(n.startswith("bm25/") for n in names)
    opened = FaissStore.open(store.folder)
    assert isinstance(opened.vectors, np.memmap)  # nothing read until used
    assert opened.all_passages == passages
    assert opened.dense(vectors[3], 5).ids == store.dense(vectors[3], 5).ids
    assert opened.keyword(["cloud", "market"], 10).ids == store.keyword(["cloud", "market"], 10).ids


@pytest.mark.parametrize("kind", ["hnsw", "ivf"])
def test_approximate_index_is_saved_mapped_and_keeps_filters(tmp_path, kind):
    rng = np.random.default_rng(1)
    passages = [passage(i, doc=f"d{i % 4}") for i in range(2000)]
    vectors = unit(rng.normal(size=(2000, DIM)))
    store = FaissStore.create(tmp_path / kind, DIM, exact_limit=100, ann_type=kind)
    store.add(passages, vectors)
    assert store.index_type == {"hnsw": "IndexHNSWFlat", "ivf": "IndexIVFFlat"}[kind]
    assert ANN in store.save()
    opened = FaissStore.open(tmp_path / kind, exact_limit=100)
    assert opened.index_type == store.index_type
    assert opened.dense(vectors[1234], 1).ids == ["d2:1234"]
    found = opened.dense(vectors[1234], 10, Where(doc="d1"))
    assert found.ids and all(pid.startswith("d1:") for pid in found.ids)


def test_hnsw_is_chosen_only_above_the_exact_limit(tmp_path):
    rng = np.random.default_rng(2)
    passages = [passage(i) for i in range(300)]
    vectors = unit(rng.normal(size=(300, DIM)))
    for limit, expected in ((300, "exact"), (299, "IndexHNSWFlat")):
        store = FaissStore.create(tmp_path / str(limit), DIM, exact_limit=limit)
        store.add(passages, vectors)
        assert store.index_type == expected


def test_keyword_index_reads_the_explorers_own_terms(tmp_path):
    text = "Microsoft's non-public data, €15M."
    store = FaissStore.create(tmp_path / "terms", DIM)
    store.add([passage(1, text=text)], unit(np.ones((1, DIM))))
    for term in terms_of(text):
        assert store.document_frequency(term) == 1, term
    assert store.document_frequency("public") == 0  # "non-public" is one term, never "public"


@pytest.mark.parametrize("limit", [3, 10, 20])
def test_ties_at_the_limit_go_to_the_earliest_rows_whatever_the_limit(tmp_path, limit):
    """Every seventh passage matches better and the other 34 are tied; the tied passages kept at the
    cut are the earliest rows, the order the engine breaks ties in, so a store-level caller and the
    engine agree there (a partial sort used to keep an arbitrary few of them)."""
    strong = {i for i in range(40) if i % 7 == 0}
    passages = [passage(i, text="the regulator opened an investment review." if i not in strong
                        else "the regulator opened a regulator investment review.") for i in range(40)]
    query = unit(np.ones((1, DIM)))[0]
    vectors = np.array([query if i in strong else unit(np.arange(1, DIM + 1, dtype=np.float32)[None])[0]
                        for i in range(40)], dtype=np.float32)
    store = FaissStore.create(tmp_path / "store", DIM)
    store.add(passages, vectors)
    terms = terms_of("regulator investment")
    for found, everything in ((store.keyword(terms, limit), store.keyword(terms, 40)), (store.dense(query, limit), store.dense(query, 40))):
        best = [f"a:{i}" for i in sorted(strong)]
        assert everything.ids == best + [p.id for p in passages if int(p.id[2:]) not in strong]
        assert found.ids == everything.ids[:limit]
