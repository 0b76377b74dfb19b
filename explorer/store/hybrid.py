"""Hybrid ranking over a search store: the explorer's convex fusion from the store's candidates,
or (Milvus only) Milvus' own rankers, so the two can be measured on the same store.

`convex` is what the engine does today, expressed on the store contract: the `limit` best of
alpha * cosine + (1 - alpha) * BM25 / (the query's IDF mass), over the union of the store's
dense and keyword candidates (a keyword candidate the dense side did not return scores 0 there;
a dense candidate below the keyword cut keeps its own BM25). The IDF mass
comes from the store's document frequencies, so it is the same whichever store answers.
Measured on the gold questions by explorer.bench.fusion_eval (see docs/SCALING.md).
"""

from collections.abc import Callable, Sequence

import numpy as np

from explorer.search import fusion
from explorer.store import Found, SearchStore, Where

CANDIDATES = 200  # per side, as the engine asks FAISS for max(200, 4 * MAX_K)


def idf_mass(store: SearchStore, terms: Sequence[str]) -> float:
    """Sum of the query terms' BM25 IDF over the whole store (explorer.search.fusion.idf)."""
    return fusion.idf_mass(len(store), (store.document_frequency(t) for t in dict.fromkeys(terms)))


def convex(store: SearchStore, vector: np.ndarray, terms: Sequence[str], limit: int, where: Where = Where(),
           alpha: float = fusion.ALPHA, meaning: Callable[[list[str], np.ndarray], np.ndarray] | None = None) -> Found:
    """The explorer's fusion from the store's candidates. `meaning(ids, cosines)` may raise each
    dense candidate's score (the engine's best-sentence cosine); by default the cosine is kept."""
    dense = store.dense(vector, CANDIDATES, where)
    keyword = store.keyword(terms, CANDIDATES, where) if terms else Found([], np.zeros(0, np.float32))
    cosines = meaning(dense.ids, dense.scores) if meaning else dense.scores
    mass = idf_mass(store, terms) if keyword.ids else 0.0
    bm25 = dict(zip(keyword.ids, keyword.scores.tolist()))
    if len(keyword.ids) >= CANDIDATES:  # dense candidates below the keyword cut keep their own BM25, as in the engine
        bm25.update(store.keyword_of(terms, [i for i in dense.ids if i not in bm25]))
    fused = fusion.fuse(bm25, dict(zip(dense.ids, list(cosines))), "convex", alpha, mass)
    ids = list(fused)
    scores = np.array([fused[i] for i in ids], dtype=np.float32)
    order = np.argsort(-scores, kind="stable")[:limit]
    return Found([ids[i] for i in order], scores[order])


def milvus(store, vector: np.ndarray, terms: Sequence[str], limit: int, ranker, where: Where = Where()) -> Found:
    """Milvus' own hybrid search: dense and BM25 requests fused by `ranker` (pymilvus RRFRanker
    or WeightedRanker) inside Milvus. `store` is a MilvusStore. Without terms there is nothing
    to fuse: the dense ranking is the answer."""
    if not terms:
        return store.dense(vector, limit, where)
    requests = [store.request("vector", vector, CANDIDATES, where), store.request("sparse", terms, CANDIDATES, where)]
    return store.hybrid(requests, ranker, limit)
