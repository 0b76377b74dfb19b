"""Fusion never adds raw scores of different scales."""

import numpy as np

from explorer.search import fusion


def test_rrf_prefers_items_ranked_well_by_both():
    fused = fusion.reciprocal_rank([np.array([0, 1, 2]), np.array([1, 2, 0])], 3)
    assert np.argmax(fused) == 1


def test_keyword_share_is_independent_of_bm25_scale():
    scores = np.array([0.0, 2.0, 8.0])
    assert np.allclose(fusion.keyword_share(scores, 8.0), [0, 0.25, 1.0])
    assert np.allclose(fusion.keyword_share(scores * 10, 80.0), fusion.keyword_share(scores, 8.0))
    assert not fusion.keyword_share(scores, 0.0).any()


def test_convex_treats_passages_faiss_did_not_return_as_zero_meaning():
    semantic = np.array([0.9, -np.inf, 0.1])
    keyword = np.array([0.0, 1.0, 0.0])
    fused = fusion.convex(semantic, keyword, alpha=0.5)
    assert np.isfinite(fused).all() and np.argmax(fused) == 1


def test_strong_exact_match_beats_weak_meaning_match():
    semantic = np.array([0.55, 0.40])  # passage 1 is less similar by meaning
    keyword = np.array([0.05, 0.9])  # but holds the query's rare terms
    assert np.argmax(fusion.convex(semantic, keyword)) == 1
