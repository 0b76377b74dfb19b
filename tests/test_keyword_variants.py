"""The keyword-variant measurement (explorer.bench.keyword_variants) describes the engine: its
`shipped` row ranks every gold question exactly as the engine does, in keyword and hybrid mode,
so the other rows differ from the engine only by what each variant changes. And the one variant
that swaps the stemmer leaves the stemmer as it was afterwards."""

from explorer.bench import GOLD, keyword_variants
from explorer.bench.evaluate import load_gold
from explorer.bench.keyword_variants import measure, plural_only_stemmer
from explorer.search import engine as engine_module
from explorer.text import terms_of

GOLD = load_gold(GOLD)


def test_the_shipped_variant_ranks_as_the_engine(engine):
    measured = measure(engine, GOLD, "shipped")
    for mode in ("keyword", "hybrid"):
        served = [[h.passage.id for h in r.hits] for r in engine.search_batch([g["question"] for g in GOLD], mode=mode, k=10)]
        assert measured[mode] == served, mode


def test_the_shipped_variant_ranks_as_the_engine_when_the_keyword_side_is_cut(engine, monkeypatch):
    """With the keyword side cut to 3 candidates (what common words do in a large collection), the
    measurement still fuses each dense candidate with its own BM25, as the engine does."""
    monkeypatch.setattr(engine_module, "KEYWORD_CANDIDATES", 3)
    monkeypatch.setattr(keyword_variants, "KEYWORD_CANDIDATES", 3)
    measured = measure(engine, GOLD, "shipped")
    served = [[h.passage.id for h in r.hits] for r in engine.search_batch([g["question"] for g in GOLD], mode="hybrid", k=10)]
    assert measured["hybrid"] == served


def test_the_plural_only_variant_restores_the_stemmer():
    assert terms_of("invested investments") == ["invest", "invest"]
    with plural_only_stemmer():
        assert terms_of("invested investments") == ["invested", "investment"]
    assert terms_of("invested investments") == ["invest", "invest"]
