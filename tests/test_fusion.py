"""Fusion never adds raw scores of different scales."""

import numpy as np

from explorer.search import fusion


def test_rrf_prefers_items_ranked_well_by_both():
    fused = fusion.fuse({0: 9.0, 1: 5.0, 2: 1.0}, {1: 0.9, 2: 0.8, 0: 0.1}, method="rrf")
    assert max(fused, key=fused.get) == 1


def test_one_side_alone_is_its_own_ranking_and_convex_fuses_both():
    assert fusion.fuse({"a": 3.0}, None) == {"a": 3.0} and fusion.fuse(None, {"b": 0.5}) == {"b": 0.5}
    fused = fusion.fuse({"a": 4.0}, {"a": 0.5, "b": 0.6}, query_idf_mass=4.0)
    assert fused["a"] > fused["b"]  # holds every query word and is close in meaning


def test_the_idf_of_an_unseen_term_is_the_rarest():
    assert fusion.idf(100, 0) > fusion.idf(100, 1) > fusion.idf(100, 50) > 0


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


def test_a_hybrid_ranking_does_not_depend_on_how_many_keyword_candidates_are_asked_for(engine, monkeypatch):
    """With the keyword side cut to its two best passages, every passage the meaning side returns
    still fuses with its own BM25: the hybrid scores are those of an uncut keyword side (the bundled
    story is smaller than the dense candidates, so every passage is one)."""
    from explorer.search import engine as engine_module

    questions = ["How much did Microsoft invest in Mistral?", "Which cloud hosts the models?",
                 "What does the deal mean for competition in Europe?"]
    uncut = {q: [(h.passage.id, round(h.score, 5)) for h in engine.search(q, mode="hybrid", k=10).hits] for q in questions}
    monkeypatch.setattr(engine_module, "KEYWORD_CANDIDATES", 2)
    for q in questions:
        hits = engine.search(q, mode="hybrid", k=10).hits
        assert [(h.passage.id, round(h.score, 5)) for h in hits] == uncut[q], q
        assert sum(h.why["keyword_score"] > 0 and h.why["keyword_rank"] is None for h in hits) > 0, q
