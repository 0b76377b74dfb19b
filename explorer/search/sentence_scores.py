"""Scoring a passage by its best sentence as well as by the whole passage.

A passage's one vector averages everything it says. A paragraph that states a figure among other
things, or a timeline event whose record adds parties, notes and sources (some past the model's
256 tokens), sits further from a question about that one fact than the sentence stating it. For
the passages whose sentence vectors the index stores (explorer.store.index.sentence_kinds_for: the
story's own kinds, a few hundred sentences, and in a collection of at most SENTENCE_ALL_LIMIT
passages every passage), the meaning score is the larger of the passage's cosine and its best
sentence's cosine.

Measured on the gold questions (explorer/bench/data/gold/README.md): semantic MRR@10 0.783 -> 0.790,
hybrid hit@5 0.959 -> 0.967 and MRR@10 0.832 -> 0.873, float32 model; the passage vector alone
and a 50/50 mix of the two were measured too. The cost is one product over the stored sentence
matrix per query (well under a millisecond for the bundled story's sentences) and, at build
time, one embedding per sentence of those kinds. In a larger collection added documents keep one
text per passage (their sentences are embedded only when a hit shows them), so a big upload embeds
once per passage.
"""

import numpy as np


class SentenceScores:
    """The stored sentence vectors of some passages, stacked once, for one product per query."""

    def __init__(self, rows_of: dict[int, np.ndarray]):
        """`rows_of`: {passage row: its sentence vectors}, passages without sentences left out."""
        kept = [(j, v) for j, v in rows_of.items() if len(v)]
        self.owners = np.array([j for j, _ in kept], dtype=np.int64)
        self.starts = np.cumsum([0] + [len(v) for _, v in kept[:-1]]).astype(np.int64)
        self.matrix = (np.ascontiguousarray(np.concatenate([v for _, v in kept]), dtype=np.float32)
                       if kept else np.zeros((0, 0), np.float32))

    def __bool__(self) -> bool:
        return len(self.owners) > 0

    def merge(self, semantic: dict[int, float], vector: np.ndarray, passage_vectors: np.ndarray, keep,
              limit: int) -> dict[int, float]:
        """The dense candidates with every stored-sentence passage that `keep(row)` allows rescored
        as max(passage cosine, best sentence cosine); best first (ties by row), at most `limit`."""
        if not self:
            return semantic
        best = np.maximum.reduceat(self.matrix @ vector, self.starts)
        whole = np.asarray(passage_vectors[self.owners], dtype=np.float32) @ vector
        merged = dict(semantic)
        for j, sentence, passage in zip(self.owners.tolist(), best.tolist(), whole.tolist()):
            if keep(j):
                merged[j] = max(sentence, passage)
        return dict(sorted(merged.items(), key=lambda js: (-js[1], js[0]))[:limit])
