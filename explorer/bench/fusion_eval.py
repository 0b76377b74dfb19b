"""Which hybrid ranking to use with Milvus: measured on the gold questions.

    EXPLORER_INDEX_DIR=... python -m explorer.bench.fusion_eval [--gold explorer/bench/data/gold/questions.jsonl]

Loads the engine (the FAISS index and the model), copies its passages and passage vectors into a
Milvus Lite store in a temporary folder, and scores every ranking with explorer.bench.evaluate (hit@5,
recall@5, MRR@10, the same code as the retrieval test):

- the engine as it is (FAISS, hybrid and keyword), the figures to stay within 0.02 of;
- the explorer's convex fusion from the Milvus store's candidates, with the passage cosine alone
  and with the engine's best-sentence cosine (what the engine does today);
- Milvus' own hybrid search with RRFRanker(60) and WeightedRanker(0.7, 0.3);
- the Milvus store's keyword ranking alone (it must equal the engine's).
"""

import argparse
import tempfile
from pathlib import Path
from types import SimpleNamespace

import numpy as np

from explorer.search import fusion
from explorer.bench.evaluate import Quality, evaluate, load_gold
from explorer.search.query import parse_query
from explorer.store import hybrid
from explorer.store.milvus_store import MilvusStore

from explorer.bench import GOLD


class _Ranked:
    """Rankings computed up front, served through the engine's search_batch shape for evaluate()."""

    def __init__(self, rankings: dict[str, list[str]]):
        self._rankings = rankings

    def search_batch(self, queries, mode, k, doc=None):
        return [SimpleNamespace(hits=[SimpleNamespace(passage=SimpleNamespace(id=i)) for i in self._rankings[q][:k]])
                for q in queries]


def best_sentence(engine):
    """meaning(ids, cosines) for hybrid.convex: the better of each passage's cosine and its best
    sentence's, as Engine._semantic scores passages."""
    def meaning(vector):
        def apply(ids, cosines):
            best = [float(np.max(engine.sentences_of(i)[1] @ vector)) if len(engine.sentences_of(i)[1]) else -np.inf
                    for i in ids]
            return np.maximum(cosines, np.asarray(best, dtype=np.float32))
        return apply
    return meaning


def measure(engine, gold: list[dict], folder: Path) -> list[Quality]:
    from pymilvus import RRFRanker, WeightedRanker

    parsed = [parse_query(g["question"], engine.config.max_query_chars) for g in gold]
    vectors = engine.encoder.encode_queries([p.text for p in parsed])
    meaning = best_sentence(engine)
    rankings: dict[str, dict[str, list[str]]] = {name: {} for name in (
        "milvus store + explorer convex (passage cosine)", "milvus store + explorer convex (best-sentence cosine)",
        "milvus hybrid_search RRFRanker(60)", f"milvus hybrid_search WeightedRanker({fusion.ALPHA}, {1 - fusion.ALPHA:.1f})",
        "milvus store keyword")}
    names = list(rankings)
    with MilvusStore.create(str(folder / "fusion_eval.db"), "fusion_eval", engine.vectors.shape[1]) as store:
        store.add(engine.passages, engine.vectors)
        for g, query, vector in zip(gold, parsed, vectors):
            q, terms = g["question"], list(query.terms)
            rankings[names[0]][q] = hybrid.convex(store, vector, terms, 10).ids
            rankings[names[1]][q] = hybrid.convex(store, vector, terms, 10, meaning=meaning(vector)).ids
            rankings[names[2]][q] = hybrid.milvus(store, vector, terms, 10, RRFRanker(fusion.RRF_K)).ids
            rankings[names[3]][q] = hybrid.milvus(store, vector, terms, 10, WeightedRanker(fusion.ALPHA, 1 - fusion.ALPHA)).ids
            rankings[names[4]][q] = store.keyword(terms, 10).ids
    rows = [_named(evaluate(engine, gold, "hybrid"), "faiss engine hybrid (today)"),
            _named(evaluate(engine, gold, "keyword"), "faiss engine keyword (today)")]
    rows += [_named(evaluate(_Ranked(r), gold, "hybrid"), name) for name, r in rankings.items()]
    return rows


def _named(quality: Quality, name: str) -> Quality:
    return Quality(name, quality.questions, quality.hit_at_5, quality.recall_at_5, quality.mrr_at_10, quality.misses)


def main(argv=None) -> None:
    from explorer import settings
    from explorer.search.engine import Engine

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--gold", type=Path, default=GOLD)
    args = parser.parse_args(argv)
    engine = Engine.open(settings.load(), build=False)
    with tempfile.TemporaryDirectory() as folder:
        rows = measure(engine, load_gold(args.gold), Path(folder))
    print(f"{'ranking':<58} {'hit@5':>6} {'recall@5':>8} {'MRR@10':>7}")
    for row in rows:
        print(f"{row.mode:<58} {row.hit_at_5:>6.3f} {row.recall_at_5:>8.3f} {row.mrr_at_10:>7.3f}")


if __name__ == "__main__":
    main()
