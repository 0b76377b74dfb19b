"""Each passage's sentence vectors: the ones the index stores (explorer.store.index.sentence_kinds_for:
the story's own kinds, and every kind in a small collection), and the others embedded when a page
first needs them (a hit's marked sentence, a comparison), kept in a bounded cache."""

import threading
from collections import OrderedDict

import numpy as np

from explorer.search import passage_text
from explorer.story.passages import Passage

SENTENCE_CACHE = 4096  # passages whose sentence vectors, embedded on demand, are kept in memory


class SentenceVectors:
    def __init__(self, passages: list[Passage], stored_vectors: np.ndarray, kinds, encoder_of,
                 cache_size: int = SENTENCE_CACHE):
        """`stored_vectors`: one row per sentence of every passage of `kinds`, in passage order;
        `encoder_of()`: the model, asked for only when a sentence must be embedded."""
        self.stored = stored_rows(passages, stored_vectors, kinds)
        self._encoder_of = encoder_of
        self._cache: OrderedDict[str, np.ndarray] = OrderedDict()
        self._cache_size = cache_size
        self._lock = threading.Lock()

    def get(self, passage: Passage) -> np.ndarray | None:
        """The passage's sentence vectors if stored or cached (never embeds), else None."""
        stored = self.stored.get(passage.id)
        if stored is not None:
            return stored
        with self._lock:
            cached = self._cache.get(passage.id)
            if cached is not None:
                self._cache.move_to_end(passage.id)
            return cached

    def embedded(self, passage: Passage) -> np.ndarray:
        """The passage's sentence vectors, embedded now if they are neither stored nor cached."""
        found = self.get(passage)
        if found is not None:
            return found
        spans = passage_text.sentences(passage.text)
        encoded = self._encoder_of().encode([passage.text[a:b] for a, b in spans])
        with self._lock:
            self._cache[passage.id] = encoded
            while len(self._cache) > self._cache_size:
                self._cache.popitem(last=False)
        return encoded


def stored_rows(passages: list[Passage], vectors: np.ndarray, kinds) -> dict[str, np.ndarray]:
    """The stored sentence vectors of each passage of the index's sentence kinds (views into the mapped array)."""
    rows, start = {}, 0
    for p in passages:
        if p.kind in kinds:
            count = len(passage_text.sentences(p.text))
            rows[p.id] = vectors[start:start + count]
            start += count
    return rows
