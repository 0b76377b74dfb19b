"""Why the keyword side ranks below txtai's BM25: the variants measured on the gold questions.

    EXPLORER_INDEX_DIR=... python -m explorer.bench.keyword_variants [--half tune|holdout|all] [--haystack N]

Both systems index the same text per passage (section and text) with the same BM25 (IDF
log(1 + (N - df + 0.5) / (df + 0.5)), k1 1.2, b 0.75, the "lucene" form bm25s uses, k1 + 1 put
back). What differs is read from txtai 9.14's code: its tokens (Unicode word segmentation,
lower-cased, no stemming, no stop words dropped on either side), its document length (every token),
its query term frequency (a repeated query word counts again) and its "common terms" rule (a term
in more than 10% of the passages only re-scores the 50 best passages of the rarer terms). The
variants below separate those; each is the same bm25s index over other terms, and its hybrid
row is the engine's own ranking (its dense candidates, best-sentence cosine, explorer.search.fusion,
ties by row) with that index as the keyword side. `shipped` must equal the engine (the test
tests/test_keyword_variants.py checks it). `--haystack N` adds N documentation paragraphs as
passages (keyword rows only: no embedding), the text `bench --scale` reads.

The figures and the decision: explorer/bench/data/gold/README.md, "The keyword side against txtai's".
"""

import argparse
import contextlib
import tempfile
from collections import Counter
from collections.abc import Callable, Sequence
from functools import lru_cache
from pathlib import Path

import numpy as np

from explorer import text
from explorer.bench import GOLD
from explorer.bench.evaluate import Quality, load_gold, quality_of
from explorer.search import fusion
from explorer.search.engine import DENSE_CANDIDATES, KEYWORD_CANDIDATES
from explorer.search.query import parse_query
from explorer.store import Found, Where, keyword_text
from explorer.store.hybrid import idf_mass
from explorer.store.faiss_store import FaissStore, build_bm25

COMMON_SHARE, COMMON_POOL = 0.1, 50  # txtai's Terms: cutoff 0.1, topn = limit (10) * 5


def txtai_tokens(passage_text: str) -> list[str]:
    """txtai's own tokenizer as its BM25 terms index uses it (Tokenizer() defaults)."""
    return _txtai_tokenizer()(passage_text)


@lru_cache(maxsize=1)
def _txtai_tokenizer():
    from txtai.pipeline import Tokenizer

    return Tokenizer()


@contextlib.contextmanager
def plural_only_stemmer():
    """explorer.text with its stemmer cut to plural folding (no -ing/-ed/-ment), for one variant."""
    shipped = text.stem

    def plurals(word: str) -> str:
        if len(word) > 4 and word.endswith("ies"):
            return word[:-3] + "y"
        if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
            return word[:-1]
        return word

    text.stem = plurals
    text.normalise.cache_clear()
    try:
        yield
    finally:
        text.stem = shipped
        text.normalise.cache_clear()


def _ours(passage_text: str) -> list[str]:
    return text.terms_of(passage_text)


def _ours_with_stopwords(passage_text: str) -> list[str]:
    return text.terms_of(passage_text, keep_stopwords=True)


def _query_terms(question: str) -> list[str]:
    return list(parse_query(question).terms)


# name: (terms of a passage, terms of a query, common-terms rule, query term frequency, stemmer context)
VARIANTS: dict[str, tuple[Callable, Callable, bool, bool, Callable]] = {
    "shipped": (_ours, _query_terms, False, False, contextlib.nullcontext),
    "V1 txtai's tokens": (txtai_tokens, txtai_tokens, False, False, contextlib.nullcontext),
    "V1 + txtai's common terms and query tf (txtai's BM25 whole)": (txtai_tokens, txtai_tokens, True, True,
                                                                    contextlib.nullcontext),
    "V2 length counts stop words": (_ours_with_stopwords, _query_terms, False, False, contextlib.nullcontext),
    "V3 txtai's common-terms rule": (_ours, _query_terms, True, False, contextlib.nullcontext),
    "V4 no -ing/-ed/-ment stemming": (_ours, _query_terms, False, False, plural_only_stemmer),
}


class VariantStore(FaissStore):
    """The engine's store over the same passages and vectors, its BM25 built from other terms,
    optionally scored with txtai's common-terms rule and query term frequency."""

    def __init__(self, folder, passages, vectors, documents: list[list[str]], common: bool, query_tf: bool):
        super().__init__(folder, vectors.shape[1], passages, vectors, bm25=build_bm25(documents))
        self.common, self.query_tf = common, query_tf

    def row_of(self, passage_id: str) -> int:
        return self._row[passage_id]

    def keyword(self, terms: Sequence[str], limit: int, where=None) -> Found:
        if not (self.common or self.query_tf):  # the store's own scoring, to the last float
            return super().keyword(terms, limit)
        total = self._variant_scores(terms)
        if total is None:
            return Found([], np.zeros(0, np.float32))
        rows = np.flatnonzero(total > 0)
        return self._found(rows, total[rows], limit)

    def keyword_of(self, terms: Sequence[str], ids: Sequence[str]) -> dict[str, float]:
        """The variant's BM25 of the given passages, as the engine asks for dense candidates below
        the keyword cut."""
        if not (self.common or self.query_tf):
            return super().keyword_of(terms, ids)
        total = self._variant_scores(terms)
        return {i: 0.0 if total is None else float(total[self._row[i]]) for i in ids if i in self._row}

    def _variant_scores(self, terms: Sequence[str]) -> np.ndarray | None:
        counts = Counter(terms) if self.query_tf else Counter(dict.fromkeys(terms, 1))
        known = [t for t in counts if t in self._bm25.vocab_dict]
        if not known:
            return None
        common = [t for t in known if self.common and self.document_frequency(t) > COMMON_SHARE * len(self)]
        total = sum((self.keyword_scores([t]) * counts[t] for t in known if t not in common), np.zeros(len(self), np.float32))
        pool = np.argsort(-total, kind="stable")[:COMMON_POOL] if np.any(total > 0) else np.arange(len(self))
        for t in common:
            total[pool] += self.keyword_scores([t])[pool] * counts[t]
        return total


def measure(engine, gold: list[dict], name: str, distractors: Sequence[str] = ()) -> dict[str, list[list[str]]]:
    """{mode: the top 10 passage ids of each gold question} for one variant ("hybrid" only
    without distractors)."""
    from explorer.story.passages import Passage

    passage_terms, query_terms, common, query_tf, stemmer = VARIANTS[name]
    extra = [Passage(id=f"distractor:{i}", doc="distractors", title="distractors", kind="document", section="",
                     locator="", text=t, principle=None, source_url=None, position=i) for i, t in enumerate(distractors)]
    passages = [*engine.passages, *extra]
    vectors = np.asarray(engine.vectors, dtype=np.float32)
    if extra:  # keyword rows only: the vectors are never read
        vectors = np.vstack([vectors, np.zeros((len(extra), vectors.shape[1]), np.float32)])
    rankings: dict[str, list[list[str]]] = {"keyword": [], "hybrid": []}
    with stemmer(), tempfile.TemporaryDirectory() as folder:
        store = VariantStore(Path(folder), passages, vectors, [passage_terms(keyword_text(p)) for p in passages],
                             common, query_tf)
        questions = [g["question"] for g in gold]
        encoded = [] if extra else engine.encoder.encode_queries([parse_query(q).text for q in questions])
        for i, question in enumerate(questions):
            terms = query_terms(question)
            found = store.keyword(terms, KEYWORD_CANDIDATES)
            keyword = {row: float(score) for row, score in zip(map(store.row_of, found.ids), found.scores)}
            rankings["keyword"].append(_top(keyword, store))
            if not extra:
                meaning = _meaning(engine, encoded[i])
                if len(found.ids) >= KEYWORD_CANDIDATES:  # as the engine does: each dense candidate its own BM25
                    left_out = [store.all_passages[row].id for row in meaning if row not in keyword]
                    keyword |= {store.row_of(pid): score for pid, score in store.keyword_of(terms, left_out).items() if score > 0}
                mass = idf_mass(store, terms) if keyword else 0.0
                fused = fusion.fuse(keyword, meaning, "convex", engine.alpha, mass)
                rankings["hybrid"].append(_top(fused, store))
    return rankings if not extra else {"keyword": rankings["keyword"]}


def _meaning(engine, vector: np.ndarray) -> dict[int, float]:
    """{row: meaning score} as the engine ranks by it: its dense candidates, each stored-sentence
    passage by max(passage cosine, best sentence cosine) (engine._sentence_scores, the engine's own)."""
    found = engine.search_store.dense(vector, DENSE_CANDIDATES, Where())
    dense = {engine._by_id[pid]: float(score) for pid, score in zip(found.ids, found.scores)}
    return engine._sentence_scores.merge(dense, vector, engine.vectors, lambda row: True, DENSE_CANDIDATES)


def _top(scores: dict[int, float], store) -> list[str]:
    """The 10 best rows as the engine orders them: score, then row."""
    return [store.all_passages[row].id for row in sorted(scores, key=lambda row: (-scores[row], row))[:10]]


def on_half(gold: list[dict], ranked: list[list[str]], half: str) -> Quality:
    kept = [(g, r) for g, r in zip(gold, ranked) if half == "all" or g["split"] == half]
    return quality_of(half, [g for g, _ in kept], [r for _, r in kept])


def main(argv=None) -> None:
    from explorer import settings
    from explorer.bench.scale import QUERIES, TEXT_SOURCES, load_paragraphs
    from explorer.search.engine import Engine

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--half", choices=("tune", "holdout", "all"), default="tune")
    parser.add_argument("--variant", action="append", choices=list(VARIANTS), help="default: every variant")
    parser.add_argument("--haystack", type=int, default=0, help="documentation paragraphs added (keyword rows only)")
    parser.add_argument("--work", type=Path, default=Path(".bench") / "keyword-variants")
    args = parser.parse_args(argv)
    engine = Engine.open(settings.load(), build=False)
    gold = load_gold(GOLD)
    distractors = []
    if args.haystack:
        sources = [d for d in TEXT_SOURCES if d.is_dir()]
        distractors = load_paragraphs(sources, args.haystack + QUERIES, args.work / "paragraphs.jsonl")[:args.haystack]
    print(f"{'variant':<62} {'mode':<8} {'hit@5':>6} {'MRR@10':>7}   (questions: {args.half}, "
          f"{len(distractors):,} distractors)")
    for name in args.variant or VARIANTS:
        for mode, ranked in measure(engine, gold, name, distractors).items():
            q = on_half(gold, ranked, args.half)
            print(f"{name:<62} {mode:<8} {q.hit_at_5:>6.3f} {q.mrr_at_10:>7.3f}")


if __name__ == "__main__":
    main()
