"""The search store contract (explorer.store), the same tests over every store on the same fixtures.

Fixtures: every passage of the real corpus, plus two passages whose ids and document names are
hostile user data (quotes, a backslash, a line break, an expression fragment), with fixed unit
vectors (a seeded generator: the contract is about storing and ranking, not about the model).
Expected results come from an independent reference: exact inner products in numpy and the
explorer's own BM25 (explorer.bench.bm25_reference) over the same passages, filtered the same way. A store must
return the same ids, the same scores (to float32 precision) and so the same order; passages with
equal scores may come in any order.

Each store kind has a factory; none is skipped. The Milvus store runs on Milvus Lite (the
`milvus-lite` package): without it these tests fail, they do not skip. Its files live in
tmp_path and every store is closed, which stops the in-process Milvus Lite server.
"""

import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest

from explorer.bench.bm25_reference import BM25
from explorer.story.corpus import load_corpus
from explorer.story.passages import Passage, split_corpus
from explorer.store import Where
from explorer.text import terms_of
from explorer.story.timeline import period, precision_of

ROOT = Path(__file__).resolve().parent.parent
DIM = 16
HOSTILE_DOC = 'desk "memo" \\ notes\nx" or doc != "'
HOSTILE = [
    Passage(id='memo:1 "quoted" \\ back', doc=HOSTILE_DOC, title="A memo", kind="document", section="Memo",
            locator="¶1", text="The regulator's memo on the Mistral stake and Azure credits.", principle=None,
            source_url=None, position=0, date="2024-03"),
    Passage(id="memo:2", doc=HOSTILE_DOC, title="A memo", kind="document", section="", locator="¶2",
            text="A second paragraph without a date, about nonpublic data.", principle=None,
            source_url="https://example.org/memo", position=1, date=None),
]
PASSAGES = split_corpus(load_corpus(ROOT / "corpus")) + HOSTILE
VECTORS = np.random.default_rng(12).normal(size=(len(PASSAGES), DIM)).astype(np.float32)
VECTORS /= np.linalg.norm(VECTORS, axis=1, keepdims=True)
QUERIES = ["€15 million", "Microsoft invests in Mistral AI", "non-public data", "GSMA Open Gateway",
           "Azure app store openness", "2024 competition regulators", "nothingatallmatches"]


# --- one factory per store kind -------------------------------------------------------------

def faiss_store(folder: Path):
    from explorer.store.faiss_store import FaissStore

    return FaissStore.create(folder / "faiss", DIM)


def milvus_store(folder: Path):
    from explorer.store.milvus_store import MilvusStore

    return MilvusStore.create(str(folder / "milvus.db"), "contract", DIM)


FACTORIES = {"faiss": faiss_store, "milvus": milvus_store}


def _close(store) -> None:
    if hasattr(store, "close"):
        store.close()


@pytest.fixture(scope="module", params=sorted(FACTORIES))
def full(request, tmp_path_factory):
    """A store holding every fixture passage (read-only tests share it)."""
    store = FACTORIES[request.param](tmp_path_factory.mktemp(request.param))
    try:
        store.add(PASSAGES, VECTORS)
        yield store
    finally:
        _close(store)


@pytest.fixture(params=sorted(FACTORIES))
def fresh(request, tmp_path):
    """A store of its own, for tests that change it."""
    store = FACTORIES[request.param](tmp_path)
    try:
        store.add(PASSAGES, VECTORS)
        yield store
    finally:
        _close(store)


# --- the reference ----------------------------------------------------------------------------

def _allowed(passages: list[Passage], where: Where) -> np.ndarray:
    def overlaps(p: Passage) -> bool:
        precision = precision_of(str(p.date or ""))
        if not precision:
            return False
        first, last = period(p.date, precision)
        return ((where.first_day is None or last.toordinal() >= where.first_day)
                and (where.last_day is None or first.toordinal() <= where.last_day))

    return np.array([(not where.doc or p.doc == where.doc) and (not where.kinds or p.kind in where.kinds)
                     and (where.first_day is None and where.last_day is None or overlaps(p)) for p in passages])


def expected_dense(passages, vectors, vector, limit, where=Where()):
    return _best(passages, vectors @ vector, _allowed(passages, where), limit)


def expected_keyword(passages, terms, limit, where=Where()):
    scores = BM25([f"{p.section} {p.text}" for p in passages]).scores(terms)
    return _best(passages, scores, _allowed(passages, where) & (scores > 0), limit)


def _best(passages, scores, allowed, limit):
    """(the `limit` best ids, their scores, every allowed passage's score by id)."""
    rows = np.flatnonzero(allowed)
    every = {passages[i].id: float(scores[i]) for i in rows}
    rows = rows[np.argsort(-scores[rows], kind="stable")][:limit]
    return [passages[i].id for i in rows], scores[rows], every


def assert_same_ranking(found, expected) -> None:
    """The same scores in the same order, each id with its own score, and every passage that
    scores above the last one found; passages tied at the cut-off may differ."""
    ids, scores, every = expected
    assert len(found.ids) == len(found.scores) == len(ids), (found.ids, ids)
    np.testing.assert_allclose(found.scores, scores, rtol=1e-4, atol=1e-5)
    assert np.all(np.diff(found.scores) <= 1e-6), "scores must not increase"
    for passage_id, score in zip(found.ids, found.scores):
        assert passage_id in every, f"{passage_id} is not allowed by the filter or does not match"
        assert abs(every[passage_id] - float(score)) <= 1e-4 * max(1.0, abs(score)), passage_id
    if ids:
        above = {i for i, s in zip(ids, scores) if s > scores[-1] + 1e-4 * max(1.0, abs(scores[-1]))}
        assert above <= set(found.ids), above - set(found.ids)


def day(text: str) -> int:
    return period(text, "day")[0].toordinal()


FILTERS = [
    Where(doc="article"),
    Where(kinds=("event", "factcheck")),
    Where(kinds=("principle",)),
    Where(first_day=day("2024-02-26"), last_day=day("2024-02-26")),  # a day: events and the principles of that day
    Where(first_day=day("2023-04-15")),  # from mid-April 2023: "2023-04" overlaps, "2021" does not
    Where(last_day=day("2018-12-31")),  # up to 2018: "2018" and 2018-06-07 are in, undated passages never
    Where(doc="timeline", first_day=day("2023-01-01"), last_day=day("2023-12-31")),
    Where(doc=HOSTILE_DOC),
    Where(doc='x" or doc != "'),  # a fragment of an expression is a name like any other: nothing has it
    Where(kinds=("document",), first_day=day("2024-03-10")),
]


# --- the contract -----------------------------------------------------------------------------

def test_milvus_lite_is_installed():
    """CI runs the Milvus store on Milvus Lite: a missing package is a failure, not a skip."""
    import milvus_lite  # noqa: F401
    import pymilvus  # noqa: F401


def test_every_passage_comes_back_whole_in_the_order_asked(full):
    assert len(full) == len(PASSAGES)
    wanted = [PASSAGES[40].id, "no-such:1", HOSTILE[0].id, PASSAGES[3].id, PASSAGES[40].id]
    got = full.passages(wanted)
    assert [p.id for p in got] == [PASSAGES[40].id, HOSTILE[0].id, PASSAGES[3].id, PASSAGES[40].id]
    by_id = {p.id: p for p in PASSAGES}
    assert got == [by_id[p.id] for p in got]  # every field, as stored
    assert full.passages([p.id for p in PASSAGES]) == PASSAGES


@pytest.mark.parametrize("row", [0, 57, len(PASSAGES) - 1])
@pytest.mark.parametrize("limit", [1, 10, 1000])
def test_dense_is_exact_inner_product(full, row, limit):
    vector = VECTORS[row] * 0.6 + VECTORS[(row + 1) % len(VECTORS)] * 0.4
    vector /= np.linalg.norm(vector)
    found = full.dense(vector, limit)
    assert_same_ranking(found, expected_dense(PASSAGES, VECTORS, vector, limit))
    assert found.scores.dtype == np.float32


@pytest.mark.parametrize("query", QUERIES)
def test_keyword_is_bm25_over_the_explorers_terms(full, query):
    terms = terms_of(query)
    assert_same_ranking(full.keyword(terms, 20), expected_keyword(PASSAGES, terms, 20))


@pytest.mark.parametrize("query", QUERIES[:6])
def test_keyword_of_gives_named_passages_their_bm25_wherever_they_rank(full, query):
    """Every passage's own score, those below a short keyword cut and those holding no term (0)
    included, and nothing for an id the store does not hold."""
    terms = terms_of(query)
    every = expected_keyword(PASSAGES, terms, len(PASSAGES))[2]
    asked = [p.id for p in PASSAGES[::-1]] + ["no-such:9", 'x" or id != "']
    found = full.keyword_of(terms, asked)
    assert set(found) == {p.id for p in PASSAGES}
    for pid, score in found.items():
        assert score == pytest.approx(every.get(pid, 0.0), rel=1e-4, abs=1e-5), pid
    beyond = full.keyword(terms, 2).ids
    assert any(score > 0 and pid not in beyond for pid, score in found.items()), "some scored passage lies past the cut"


def test_keyword_without_terms_or_limit_finds_nothing(full):
    assert full.keyword([], 10).ids == []
    assert full.keyword(["nothingatallmatches"], 10).ids == []
    assert full.dense(VECTORS[0], 0).ids == []


def test_negated_compounds_stay_whole(full):
    """'non-public' is the term 'nonpublic': it never finds 'public', in either store."""
    found = set(full.keyword(terms_of("non-public"), 50).ids)
    assert found == {p.id for p in PASSAGES if "nonpublic" in terms_of(f"{p.section} {p.text}")}
    assert "memo:2" in found


@pytest.mark.parametrize("term", ["microsoft", "mistral", "eur", "15", "nonpublic", "gsma", "2.1", "mistral's", "absentterm"])
def test_document_frequency_counts_the_whole_store(full, term):
    expected = BM25([f"{p.section} {p.text}" for p in PASSAGES]).document_frequency(term)
    assert full.document_frequency(term) == expected


@pytest.mark.parametrize("where", FILTERS, ids=lambda w: repr(w)[:60])
def test_filters_apply_before_ranking(full, where):
    vector = VECTORS[5]
    assert_same_ranking(full.dense(vector, 7, where), expected_dense(PASSAGES, VECTORS, vector, 7, where))
    for query in QUERIES[:5]:
        terms = terms_of(query)
        assert_same_ranking(full.keyword(terms, 7, where), expected_keyword(PASSAGES, terms, 7, where))


def test_hostile_names_are_data_not_expressions(full):
    assert set(full.dense(VECTORS[0], 50, Where(doc=HOSTILE_DOC)).ids) == {p.id for p in HOSTILE}
    assert full.dense(VECTORS[0], 50, Where(doc='x" or doc != "')).ids == []
    assert full.dense(VECTORS[0], 50, Where(kinds=('event" or kind != "',))).ids == []


def test_delete_forgets_passages_and_ignores_unknown_ids(fresh):
    gone = [PASSAGES[0].id, HOSTILE[0].id, "no-such:9", 'x" or id != "']
    fresh.delete(gone)
    kept = [p for p in PASSAGES if p.id not in gone]
    assert len(fresh) == len(kept)
    assert fresh.passages(gone) == []
    vectors = VECTORS[[i for i, p in enumerate(PASSAGES) if p.id not in gone]]
    assert_same_ranking(fresh.dense(VECTORS[0], 5), expected_dense(kept, vectors, VECTORS[0], 5))
    # Which passages match, not their scores: Milvus Lite counts deleted rows in its BM25
    # statistics until compaction (see explorer.store.milvus_store).
    for query in ("Microsoft invests in Mistral AI", "regulator memo Mistral stake"):
        ids = fresh.keyword(terms_of(query), 200).ids
        assert sorted(ids) == sorted(expected_keyword(kept, terms_of(query), 200)[0])
    assert fresh.document_frequency("regulator") == BM25([f"{p.section} {p.text}" for p in kept]).document_frequency("regulator")
    fresh.delete([])
    assert len(fresh) == len(kept)


def test_adding_an_existing_id_replaces_it(fresh):
    old = PASSAGES[10]
    new = replace(old, text="Zanzibar quokkas replace the old text.", section="", date="2030-01-02")
    vector = -VECTORS[10]
    fresh.add([new], vector[None, :])
    assert len(fresh) == len(PASSAGES)
    assert fresh.passages([old.id]) == [new]
    assert fresh.keyword(["quokka"], 5).ids == [old.id]
    assert old.id not in fresh.keyword(terms_of(old.text), 500).ids
    assert fresh.dense(vector, 1).ids == [old.id]
    assert fresh.dense(vector, 5, Where(first_day=day("2030-01-01"))).ids == [old.id]
    assert fresh.document_frequency("quokka") == 1


def test_a_repeated_id_in_one_add_keeps_the_last(fresh):
    first, second = (replace(HOSTILE[1], text=t) for t in ("Walrus first.", "Narwhal second."))
    fresh.add([first, second], np.stack([VECTORS[0], VECTORS[1]]))
    assert fresh.passages([HOSTILE[1].id]) == [second]
    assert len(fresh) == len(PASSAGES)


def test_vectors_of_the_wrong_shape_are_refused(fresh):
    with pytest.raises(ValueError):
        fresh.add(PASSAGES[:2], VECTORS[:1])


# --- Milvus only: opening, errors, and the Lite server's lifetime -----------------------------

def test_milvus_reopens_what_it_stored_and_frees_the_file(tmp_path):
    from explorer.store.milvus_store import MilvusStore

    path = str(tmp_path / "reopen.db")
    with MilvusStore.create(path, "desk-1", DIM) as store:
        store.add(PASSAGES[:20], VECTORS[:20])
    with MilvusStore.open(path, "desk-1") as store:
        assert store.dimension == DIM and len(store) == 20
        assert_same_ranking(store.dense(VECTORS[3], 3), expected_dense(PASSAGES[:20], VECTORS[:20], VECTORS[3], 3))
    # Closed means the in-process server let go of the file: another process can open it.
    script = ("import sys; from explorer.store.milvus_store import MilvusStore\n"
              "with MilvusStore.open(sys.argv[1], 'desk-1') as s: print(len(s))")
    done = subprocess.run([sys.executable, "-c", script, path], cwd=ROOT, capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.strip().splitlines()[-1] == "20"


def test_milvus_errors_say_what_to_do(tmp_path):
    from explorer.errors import ExplorerError
    from explorer.store.milvus_store import MilvusStore

    with MilvusStore.create(str(tmp_path / "a.db"), "one", DIM):
        pass
    with pytest.raises(ExplorerError, match="No Milvus collection for 'other'"):
        MilvusStore.open(str(tmp_path / "a.db"), "other")
    with pytest.raises(ExplorerError, match="ending in .db"):
        MilvusStore.create(str(tmp_path / "a.sqlite"), "one", DIM)
    with pytest.raises(ExplorerError, match="does not exist"):
        MilvusStore.create(str(tmp_path / "missing" / "a.db"), "one", DIM)


# --- hybrid ranking on a store (explorer.store.hybrid) ---------------------------------------

@pytest.mark.parametrize("query", QUERIES[:5])
def test_convex_fusion_from_store_candidates_is_the_engines_formula(full, query):
    from explorer.search import fusion
    from explorer.store import hybrid

    terms, vector = terms_of(query), VECTORS[7]
    where = Where(first_day=day("2019-01-01"))
    bm25 = BM25([f"{p.section} {p.text}" for p in PASSAGES])
    fused = fusion.convex(VECTORS @ vector, fusion.keyword_share(bm25.scores(terms), bm25.idf_mass(terms)))
    assert len(PASSAGES) < hybrid.CANDIDATES  # every allowed passage is a dense candidate: exact
    expected = _best(PASSAGES, fused, _allowed(PASSAGES, where), 10)
    assert_same_ranking(hybrid.convex(full, vector, terms, 10, where), expected)


def test_milvus_own_rankers_fuse_under_the_filter(tmp_path):
    from pymilvus import RRFRanker, WeightedRanker

    from explorer.store import hybrid

    where = Where(kinds=("event",), first_day=day("2024-01-01"))
    allowed = {p.id for p, ok in zip(PASSAGES, _allowed(PASSAGES, where)) if ok}
    with milvus_store(tmp_path) as store:
        store.add(PASSAGES, VECTORS)
        for ranker in (RRFRanker(60), WeightedRanker(0.7, 0.3)):
            found = hybrid.milvus(store, VECTORS[0], terms_of("Microsoft invests in Mistral AI"), 8, ranker, where)
            assert len(found.ids) == 8 and set(found.ids) <= allowed
            assert np.all(np.diff(found.scores) <= 1e-6)
        assert hybrid.milvus(store, VECTORS[0], [], 3, RRFRanker(60)).ids == store.dense(VECTORS[0], 3).ids


def test_milvus_counts_common_terms_beyond_one_search(tmp_path, monkeypatch):
    """A term in more passages than one search returns is counted by TEXT_MATCH instead."""
    from explorer.store import milvus_store

    monkeypatch.setattr(milvus_store, "MAX_TOPK", 3)
    bm25 = BM25([f"{p.section} {p.text}" for p in PASSAGES])
    with milvus_store.MilvusStore.create(str(tmp_path / "df.db"), "df", DIM) as store:
        store.add(PASSAGES, VECTORS)
        for term in ("microsoft", "gsma", "eur"):
            assert store.document_frequency(term) == bm25.document_frequency(term)
        store.delete([p.id for p in PASSAGES if "gsma" in terms_of(f"{p.section} {p.text}")])
        assert store.document_frequency("gsma") == 0  # the cache does not outlive a write
