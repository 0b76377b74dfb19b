"""Okapi BM25 over passage terms, written out by hand: the reference the keyword stores (bm25s in the
FAISS store, Milvus' BM25) are checked and benchmarked against. Not used to serve searches."""

from collections import Counter, defaultdict

import numpy as np

from explorer.search.fusion import idf
from explorer.text import terms_of


class BM25:
    def __init__(self, texts: list[str], k1: float = 1.2, b: float = 0.75):
        self.k1, self.b = k1, b
        docs = [terms_of(t) for t in texts]
        self.size = len(docs)
        lengths = np.array([len(d) for d in docs], dtype=np.float32)
        average = float(lengths.mean()) if self.size else 1.0
        self._norm = k1 * (1 - b + b * lengths / max(average, 1e-9))
        postings: dict[str, list[tuple[int, int]]] = defaultdict(list)
        for i, doc in enumerate(docs):
            for term, count in Counter(doc).items():
                postings[term].append((i, count))
        self._postings = {
            term: (np.array([i for i, _ in rows], dtype=np.int64), np.array([c for _, c in rows], dtype=np.float32))
            for term, rows in postings.items()
        }
        self._idf = {term: idf(self.size, len(rows)) for term, rows in postings.items()}

    def scores(self, terms: list[str] | tuple[str, ...]) -> np.ndarray:
        """BM25 score of every passage for the query terms (0 where none matches)."""
        total = np.zeros(self.size, dtype=np.float32)
        for term in dict.fromkeys(terms):
            if term not in self._postings:
                continue
            rows, counts = self._postings[term]
            total[rows] += self._idf[term] * counts * (self.k1 + 1) / (counts + self._norm[rows])
        return total

    def document_frequency(self, term: str) -> int:
        """How many passages contain the term (0 for a term no passage has)."""
        postings = self._postings.get(term)
        return 0 if postings is None else len(postings[0])

    def idf_mass(self, terms) -> float:
        """Sum of the query terms' IDF; a term no passage has counts as the rarest possible."""
        rarest = idf(self.size, 0)
        return float(sum(self._idf.get(t, rarest) for t in dict.fromkeys(terms)))
