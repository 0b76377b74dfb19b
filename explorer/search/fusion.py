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
"""

import numpy as np

RRF_K = 60
ALPHA = 0.7  # weight of meaning; chosen on the gold set (see BENCHMARKS.md)
DEFAULT = "convex"


def reciprocal_rank(rankings: list[np.ndarray], size: int, k: int = RRF_K) -> np.ndarray:
    """Sum of 1/(k + rank) over the rankings each passage appears in (rank from 1)."""
    fused = np.zeros(size, dtype=np.float64)
    for ranking in rankings:
        fused[ranking] += 1.0 / (k + np.arange(1, len(ranking) + 1))
    return fused


def keyword_share(bm25_scores: np.ndarray, query_idf_mass: float) -> np.ndarray:
    """BM25 divided by the query's IDF mass: about 1 when a passage holds every query term once."""
    return bm25_scores / query_idf_mass if query_idf_mass > 0 else np.zeros_like(bm25_scores)


def convex(semantic: np.ndarray, keyword_norm: np.ndarray, alpha: float = ALPHA) -> np.ndarray:
    """alpha * cosine + (1 - alpha) * normalised keyword; passages FAISS did not return count 0."""
    meaning = np.where(np.isfinite(semantic), semantic, 0.0)
    return alpha * meaning + (1 - alpha) * keyword_norm
