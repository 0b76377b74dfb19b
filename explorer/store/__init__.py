"""The search store: where a collection's passages, their vectors and their keyword index live.

The engine parses, fuses, explains and highlights; a store only finds candidates. It answers
three questions, always under the same filter (`Where`):

- `dense(vector, limit, where)`: the passages nearest in meaning (cosine on unit vectors);
- `keyword(terms, limit, where)`: the passages holding any of the terms, by BM25 over the
  explorer's own terms (`explorer.text.terms_of` of "section text"), so both stores match
  exactly the same words whatever their own analyzers would do;
- `keyword_of(terms, ids)`: the BM25 of named passages, wherever they rank (the engine fuses
  every dense candidate with its own keyword score, not 0 for falling below the keyword
  candidates it asked for);
- `document_frequency(term)`: how many passages hold a term (the engine's key terms and IDF).

Two stores keep this contract, checked by the same tests on the same fixtures
(tests/test_store_contract.py): `faiss` (embedded, files in the index folder: the default) and
`milvus` (a Milvus Lite file or a Milvus server), chosen by EXPLORER_STORE. Passage ids are the
explorer's ids (`article:12`), never a store's internal row number.
"""

from dataclasses import dataclass
from typing import Protocol, Sequence

import numpy as np

from explorer.story.passages import Passage


@dataclass(frozen=True)
class Where:
    """A filter every store applies before ranking (not after, so `limit` hits still come back).

    `first_day`/`last_day` are `date.toordinal()` values: a passage is kept when its date's period
    (a day, a month or a year) overlaps [first_day, last_day]; a passage without a date is left
    out by any date bound. None means "no bound"."""

    doc: str | None = None
    kinds: tuple[str, ...] | None = None
    first_day: int | None = None
    last_day: int | None = None

    @property
    def is_empty(self) -> bool:
        return not (self.doc or self.kinds or self.first_day is not None or self.last_day is not None)


@dataclass(frozen=True)
class Found:
    """Candidates, best first: passage ids and their scores (cosine, or BM25 > 0)."""

    ids: list[str]
    scores: np.ndarray  # float32, same length as ids, non-increasing


class SearchStore(Protocol):
    """What the engine needs from a store. Implementations: explorer.store.faiss_store,
    explorer.store.milvus_store."""

    kind: str  # "faiss" or "milvus"

    def __len__(self) -> int:
        """How many passages the store holds."""

    def add(self, passages: Sequence[Passage], vectors: np.ndarray) -> None:
        """Store passages with their unit vectors (row i for passages[i]); an existing id is replaced."""

    def delete(self, ids: Sequence[str]) -> None:
        """Forget these passages; unknown ids are ignored."""

    def passages(self, ids: Sequence[str]) -> list[Passage]:
        """The passages with these ids, in the order asked (unknown ids are skipped)."""

    def dense(self, vector: np.ndarray, limit: int, where: Where = Where()) -> Found:
        """Up to `limit` passages allowed by `where`, by cosine to the unit `vector`."""

    def keyword(self, terms: Sequence[str], limit: int, where: Where = Where()) -> Found:
        """Up to `limit` passages allowed by `where` holding at least one term, by BM25."""

    def keyword_of(self, terms: Sequence[str], ids: Sequence[str]) -> dict[str, float]:
        """{id: BM25 for the terms} of these passages, the same score `keyword` gives them, 0 for
        one holding none of the terms (unknown ids are skipped)."""

    def document_frequency(self, term: str) -> int:
        """How many passages (of the whole store, whatever the filter) hold the term."""


def keyword_text(passage: Passage) -> str:
    """What keyword search reads of a passage, in every store: its section and its text."""
    return f"{passage.section} {passage.text}"


def day_range(date: str | None) -> tuple[int | None, int | None]:
    """First and last day (ordinals) a passage's date covers ("2024", "2024-02", "2024-02-26");
    (None, None) for none, so a date filter leaves undated passages out, in every store."""
    from explorer.story.timeline import period, precision_of

    text = str(date or "")[:10]
    precision = precision_of(text)
    if not precision:
        return None, None
    try:
        first, last = period(text, precision)
    except ValueError:
        return None, None
    return first.toordinal(), last.toordinal()
