"""Fusing a keyword ranking with a semantic ranking.

BM25 scores are unbounded and cosine similarities are not, so the two are never added raw.
Two fusions are offered, both measured on the gold questions by the retrieval test and
`python -m explorer bench`:

- `convex` (default): alpha * cosine + (1 - alpha) * BM25 / (the query's total IDF). Dividing
  by the query's IDF mass turns BM25 into "how much of the query's rare vocabulary this
  passage holds", an absolute 0..~1 scale like cosine, so a weak keyword match on common
  words cannot outrank a strong match by meaning. Measured better than per-query min-max
  (which always stretches the best keyword hit to 1) and than RRF on our gold set.
- `rrf`: reciprocal-rank fusion, which uses ranks only.

This is the one ranking module: the engine (FAISS or Milvus behind it) and the store-level hybrid
measurements (explorer.store.hybrid) both call `fuse`, and every BM25 IDF in the explorer is `idf`.
"""

import math

import numpy as np

RRF_K = 60
ALPHA = 0.7  # weight of meaning; chosen on the gold set (see BENCHMARKS.md)
DEFAULT = "convex"


def idf(size: int, df: int) -> float:
    """BM25's IDF of a term held by `df` of `size` passages, log(1 + (N - df + 0.5) / (df + 0.5)) (the
    "lucene" form bm25s uses); a term no passage holds (df 0) gets the largest value, the rarest."""
    return math.log(1 + (size - df + 0.5) / (df + 0.5))


def idf_mass(size: int, dfs) -> float:
    """The query's total IDF: the sum over its distinct terms' document frequencies."""
    return float(sum(idf(size, df) for df in dfs))


def fuse(keyword: dict | None, semantic: dict | None, method: str = DEFAULT, alpha: float = ALPHA,
         query_idf_mass: float = 0.0) -> dict:
    """{candidate: fused score} from {candidate: BM25} and {candidate: cosine}, each best first (a side
    is None when its mode is off). One side alone is its own ranking; with both, `convex` (scores
    on one 0-1 scale) or `rrf` (ranks only)."""
    if semantic is None:
        return dict(keyword or {})
    if keyword is None:
        return dict(semantic)
    if method == "rrf":
        fused: dict = {}
        for ranking in (keyword, semantic):
            for rank, j in enumerate(ranking, 1):
                fused[j] = fused.get(j, 0.0) + 1.0 / (RRF_K + rank)
        return fused
    joined = list(dict.fromkeys([*keyword, *semantic]))
    share = keyword_share(np.array([keyword.get(j, 0.0) for j in joined], dtype=np.float32), query_idf_mass)
    meaning = np.array([semantic.get(j, -np.inf) for j in joined], dtype=np.float32)
    return dict(zip(joined, convex(meaning, share, alpha).tolist()))


def keyword_share(bm25_scores: np.ndarray, query_idf_mass: float) -> np.ndarray:
    """BM25 divided by the query's IDF mass: about 1 when a passage holds every query term once."""
    return bm25_scores / query_idf_mass if query_idf_mass > 0 else np.zeros_like(bm25_scores)


def convex(semantic: np.ndarray, keyword_norm: np.ndarray, alpha: float = ALPHA) -> np.ndarray:
    """alpha * cosine + (1 - alpha) * normalised keyword; passages FAISS did not return count 0."""
    meaning = np.where(np.isfinite(semantic), semantic, 0.0)
    return alpha * meaning + (1 - alpha) * keyword_norm
