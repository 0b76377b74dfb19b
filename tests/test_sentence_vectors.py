"""Sentence vectors: stored ones are never embedded again, others are embedded once and kept in a
bounded cache, and asking without embedding never calls the model."""

import numpy as np

from explorer.search.sentence_vectors import SentenceVectors
from explorer.story.passages import Passage
from tests.fakes import HashEncoder


class Counting(HashEncoder):
    calls = 0

    def encode(self, texts, batch_size=32):
        Counting.calls += 1
        return super().encode(texts, batch_size)


def passage(i: int, kind: str) -> Passage:
    return Passage(id=f"d:{i}", doc="d", title="d", kind=kind, section="", locator=f"¶{i}",
                   text=f"Sentence one of paragraph {i} is here. Sentence two of it follows.", principle=None,
                   source_url=None, position=i)


def test_stored_are_read_others_are_embedded_once_and_the_cache_is_bounded():
    passages = [passage(0, "article")] + [passage(i, "document") for i in range(1, 5)]
    stored = HashEncoder().encode(["Sentence one of paragraph 0 is here.", "Sentence two of it follows."])
    encoder = Counting()
    Counting.calls = 0
    vectors = SentenceVectors(passages, stored, ("article",), lambda: encoder, cache_size=2)
    assert np.array_equal(vectors.embedded(passages[0]), stored) and Counting.calls == 0
    assert vectors.get(passages[1]) is None and Counting.calls == 0  # asking never embeds
    first = vectors.embedded(passages[1])
    assert first.shape == (2, HashEncoder.dimension) and Counting.calls == 1
    assert vectors.embedded(passages[1]) is first and Counting.calls == 1  # cached
    vectors.embedded(passages[2])
    vectors.embedded(passages[3])  # a third cached passage pushes out the least recently used
    assert vectors.get(passages[1]) is None and vectors.get(passages[3]) is not None
