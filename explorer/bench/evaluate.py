"""Retrieval quality on a gold question set: hit@k, recall@k and MRR@10 per mode.

A gold file is JSON lines: {"question": ..., "relevant": [passage ids], "kind": ...}.
Used by the retrieval test, by `python -m explorer bench`, and to choose the fusion method.
"""

import json
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Quality:
    mode: str
    questions: int
    hit_at_5: float
    recall_at_5: float
    mrr_at_10: float
    misses: tuple[str, ...]  # questions with no relevant passage in the top 5


def load_gold(path: Path) -> list[dict]:
    rows = [json.loads(line) for line in Path(path).read_text(encoding="utf-8").splitlines() if line.strip()]
    for row in rows:
        if not row.get("question") or not row.get("relevant"):
            raise ValueError(f"{path}: every line needs 'question' and 'relevant': {row}")
    return rows


def evaluate(engine, gold: list[dict], mode: str, doc: str | None = None) -> Quality:
    results = engine.search_batch([g["question"] for g in gold], mode=mode, k=10, doc=doc)
    return quality_of(mode, gold, [[h.passage.id for h in result.hits] for result in results])


def quality_of(mode: str, gold: list[dict], rankings: list[list[str]]) -> Quality:
    """hit@5, recall@5 and MRR@10 of one ranked list of passage ids per gold question (any system's)."""
    hits = recalls = reciprocal = 0.0
    misses = []
    for g, ranked in zip(gold, rankings):
        relevant = set(g["relevant"])
        top5 = set(ranked[:5]) & relevant
        hits += bool(top5)
        recalls += len(top5) / len(relevant)
        first = next((r for r, pid in enumerate(ranked[:10], 1) if pid in relevant), None)
        reciprocal += 1 / first if first else 0.0
        if not top5:
            misses.append(g["question"])
    n = len(gold)
    return Quality(mode, n, hits / n, recalls / n, reciprocal / n, tuple(misses))
