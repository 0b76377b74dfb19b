"""The embedded search store: files in the index folder, memory-mapped when opened.

- `passages.jsonl`: the passages, in order (row i is passage i);
- `vectors.npy`: their unit vectors, opened with numpy's mmap_mode, so opening reads no vector;
- `ann.faiss` (only above `exact_limit` passages): an approximate FAISS index over the same
  vectors, opened with faiss.IO_FLAG_MMAP_IFC (mapped in place, nothing copied);
- `bm25/`: the keyword index, built by `bm25s` over the explorer's own terms
  (`explorer.text.terms_of`) and opened memory-mapped.

Below `exact_limit` passages dense search is exact: one matrix-vector product over the mapped
vectors (about 2 ms at 10k). Above it an HNSW graph answers unfiltered queries; a filtered query
is exact over the allowed rows when they are few, else HNSW with a FAISS ID selector. Why HNSW
(and not IVF) and why these parameters: BENCHMARKS.md, "Scale on real text".

Changes (`add`, `delete`) are made in memory and rebuild the ANN and keyword indexes lazily, on
the next query or `save`: a collection is rebuilt in a staging copy (explorer.story.collections), so
this store never has to patch files in place.
"""

import json
import os
import shutil
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from explorer.story.passages import Passage
from explorer.store import Found, Where, day_range, keyword_text
from explorer.text import terms_of

PASSAGES = "passages.jsonl"
VECTORS = "vectors.npy"
ANN = "ann.faiss"
BM25_DIR = "bm25"
EXACT_LIMIT = 50_000
HNSW_M = 32
HNSW_EF_CONSTRUCTION = 80
HNSW_EF_SEARCH = 128
# A filtered query over at most this many rows is exact (a small matrix product beats a graph
# walk that must skip most of what it meets, and it never misses an allowed passage).
EXACT_FILTER_ROWS = 20_000
K1, B = 1.2, 0.75
OWN_FILES = (PASSAGES, VECTORS, ANN)  # the files the store writes at the top of its folder
EMPTY = Found([], np.zeros(0, np.float32))


def files_to_read(folder: Path) -> list[str]:
    """Names (relative to the folder) of the files `open` reads besides passages and vectors: the
    ANN index when there is one, and every file of the keyword index. The index manifest must
    list each of them with its hash (explorer.store.index.verify_files)."""
    folder = Path(folder)
    names = [ANN] if (folder / ANN).exists() else []
    if (folder / BM25_DIR).is_dir():
        names += sorted(f"{BM25_DIR}/{p.name}" for p in (folder / BM25_DIR).iterdir())
    return names


class FaissStore:
    kind = "faiss"

    def __init__(self, folder: Path, dimension: int, passages: list[Passage], vectors: np.ndarray,
                 exact_limit: int = EXACT_LIMIT, ann=None, bm25=None, ann_type: str | None = None):
        self.folder = Path(folder)
        self.dimension = int(dimension)
        self.exact_limit = int(exact_limit)
        self.ann_type = ann_type  # force "flat", "hnsw" or "ivf" (benchmarks); None: by size
        self._passages = list(passages)
        self._vectors = vectors
        self._ann = ann
        self._bm25 = bm25
        self._dirty = ann is None and bm25 is None and len(passages) > 0
        self._last_keyword: tuple = ((), None, None)  # (tokens, BM25 index, scores): a hybrid query asks twice
        self._reindex_rows()

    # --- making, saving, opening -----------------------------------------------------------

    @classmethod
    def create(cls, folder: Path, dimension: int, exact_limit: int = EXACT_LIMIT,
               ann_type: str | None = None) -> "FaissStore":
        """An empty store that will save into `folder`; fill it with `add`."""
        return cls(folder, dimension, [], np.zeros((0, dimension), np.float32), exact_limit, ann_type=ann_type)

    @classmethod
    def open(cls, folder: Path, exact_limit: int = EXACT_LIMIT) -> "FaissStore":
        """A saved store, memory-mapped: vectors, ANN index and BM25 matrices are read on use."""
        import faiss

        folder = Path(folder)
        passages = read_passages(folder / PASSAGES)
        vectors = np.load(folder / VECTORS, mmap_mode="r", allow_pickle=False)
        if vectors.ndim != 2 or len(vectors) != len(passages):
            raise ValueError(f"{len(vectors)} vectors for {len(passages)} passages")
        ann = faiss.read_index(str(folder / ANN), faiss.IO_FLAG_MMAP_IFC) if (folder / ANN).is_file() else None
        if ann is not None:
            _tune(ann)
            if ann.ntotal != len(passages):
                raise ValueError(f"the ANN index holds {ann.ntotal} vectors for {len(passages)} passages")
        bm25 = _load_bm25(folder / BM25_DIR) if passages else None
        store = cls(folder, vectors.shape[1], passages, vectors, exact_limit, ann=ann, bm25=bm25)
        store._dirty = False
        return store

    def save(self) -> list[str]:
        """Write the store's files into its folder; returns their names (relative), for a manifest."""
        import faiss

        self._refresh()
        self.folder.mkdir(parents=True, exist_ok=True)
        names = [PASSAGES, VECTORS]
        _write_atomic(self.folder / PASSAGES, "".join(
            json.dumps(p.to_dict(), ensure_ascii=False) + "\n" for p in self._passages).encode("utf-8"))
        tmp = self.folder / (VECTORS + ".tmp")
        with open(tmp, "wb") as out:
            np.save(out, np.ascontiguousarray(self._vectors, dtype=np.float32), allow_pickle=False)
        os.replace(tmp, self.folder / VECTORS)
        (self.folder / ANN).unlink(missing_ok=True)
        if self._ann is not None:
            faiss.write_index(self._ann, str(self.folder / (ANN + ".tmp")))
            os.replace(self.folder / (ANN + ".tmp"), self.folder / ANN)
            names.append(ANN)
        shutil.rmtree(self.folder / BM25_DIR, ignore_errors=True)
        if self._bm25 is not None:
            self._bm25.save(str(self.folder / BM25_DIR))
            names += sorted(f"{BM25_DIR}/{p.name}" for p in (self.folder / BM25_DIR).iterdir() if p.is_file())
        return names

    # --- the contract ------------------------------------------------------------------------

    def __len__(self) -> int:
        return len(self._passages)

    def add(self, passages: Sequence[Passage], vectors: np.ndarray) -> None:
        vectors = np.asarray(vectors, dtype=np.float32).reshape(len(passages), self.dimension)
        latest = {p.id: i for i, p in enumerate(passages)}  # the last copy of a repeated id wins
        keep = sorted(latest.values())
        self.delete([passages[i].id for i in keep])
        self._passages += [passages[i] for i in keep]
        self._vectors = np.concatenate([np.asarray(self._vectors, dtype=np.float32), vectors[keep]])
        self._dirty = True
        self._reindex_rows()

    def delete(self, ids: Sequence[str]) -> None:
        drop = {self._row[i] for i in ids if i in self._row}
        if not drop:
            return
        keep = [r for r in range(len(self._passages)) if r not in drop]
        self._passages = [self._passages[r] for r in keep]
        self._vectors = np.asarray(self._vectors, dtype=np.float32)[keep]
        self._dirty = True
        self._reindex_rows()

    def passages(self, ids: Sequence[str]) -> list[Passage]:
        return [self._passages[self._row[i]] for i in ids if i in self._row]

    def dense(self, vector: np.ndarray, limit: int, where: Where = Where()) -> Found:
        self._refresh()
        vector = np.asarray(vector, dtype=np.float32).reshape(-1)
        allowed = self.allowed(where)
        if not len(self) or limit <= 0 or (allowed is not None and not allowed.any()):
            return EMPTY
        if self._ann is None or (allowed is not None and allowed.sum() <= EXACT_FILTER_ROWS):
            rows = np.arange(len(self)) if allowed is None else np.flatnonzero(allowed)
            return self._found(rows, self._vectors[rows] @ vector, limit)
        return self._ann_search(vector, limit, allowed)

    def keyword(self, terms: Sequence[str], limit: int, where: Where = Where()) -> Found:
        scores = self.keyword_scores(terms)
        if scores is None or limit <= 0:
            return EMPTY
        allowed = self.allowed(where)
        if allowed is not None:
            scores = np.where(allowed, scores, 0)
        return self._found(np.flatnonzero(scores > 0), scores[scores > 0], limit)

    def keyword_of(self, terms: Sequence[str], ids: Sequence[str]) -> dict[str, float]:
        scores = self.keyword_scores(terms)
        rows = [(i, self._row[i]) for i in ids if i in self._row]
        return {i: 0.0 if scores is None else float(scores[r]) for i, r in rows}

    def document_frequency(self, term: str) -> int:
        self._refresh()
        token = self._bm25.vocab_dict.get(term) if self._bm25 is not None else None
        if token is None:
            return 0
        indptr = self._bm25.scores["indptr"]
        return int(indptr[token + 1] - indptr[token])

    # --- beyond the contract: what the engine of this store also reads ------------------------

    @property
    def all_passages(self) -> list[Passage]:
        """Every passage, row order (shared: do not modify)."""
        return self._passages

    @property
    def vectors(self) -> np.ndarray:
        """Every passage's unit vector, row i for all_passages[i] (memory-mapped when opened)."""
        return self._vectors

    @property
    def index_type(self) -> str:
        self._refresh()
        return "exact" if self._ann is None else type(self._ann).__name__

    def keyword_scores(self, terms: Sequence[str]) -> np.ndarray | None:
        """BM25 of every passage for the terms (0 where none matches); None if no passage has any.

        bm25s's "lucene" variant has the explorer's IDF, log(1 + (N - df + 0.5) / (df + 0.5)),
        but leaves out the constant (k1 + 1) of the textbook term weight; it is put back so a
        passage holding each query term once still scores about its query's IDF mass
        (explorer.search.fusion.keyword_share)."""
        self._refresh()
        if self._bm25 is None:
            return None
        tokens = tuple(t for t in dict.fromkeys(terms) if t in self._bm25.vocab_dict)
        if not tokens:
            return None
        last_tokens, last_index, last_scores = self._last_keyword
        if last_tokens == tokens and last_index is self._bm25:
            return last_scores
        scores = np.asarray(self._bm25.get_scores(list(tokens)), dtype=np.float32) * (K1 + 1)
        scores.flags.writeable = False
        self._last_keyword = (tokens, self._bm25, scores)
        return scores

    def allowed(self, where: Where) -> np.ndarray | None:
        """Which rows pass the filter (None: all of them)."""
        if where.is_empty:
            return None
        meta = self._meta()
        keep = np.ones(len(self), dtype=bool)
        if where.doc:
            keep &= meta["doc"] == where.doc
        if where.kinds:
            keep &= np.isin(meta["kind"], list(where.kinds))
        with np.errstate(invalid="ignore"):
            if where.first_day is not None:
                keep &= meta["periods"][:, 1] >= where.first_day
            if where.last_day is not None:
                keep &= meta["periods"][:, 0] <= where.last_day
        return keep

    # --- internals ---------------------------------------------------------------------------

    def _reindex_rows(self) -> None:
        self._row = {p.id: r for r, p in enumerate(self._passages)}
        self._meta_cache = None

    def _meta(self) -> dict:
        if self._meta_cache is None:
            self._meta_cache = {
                "doc": np.array([p.doc for p in self._passages], dtype=object),
                "kind": np.array([p.kind for p in self._passages], dtype=object),
                "periods": np.array([period_ordinals(p.date) for p in self._passages], dtype=float).reshape(-1, 2),
            }
        return self._meta_cache

    def _refresh(self) -> None:
        """Rebuild the ANN and keyword indexes after changes (lazily: many adds, one rebuild)."""
        if not self._dirty:
            return
        vectors = np.ascontiguousarray(self._vectors, dtype=np.float32)
        self._ann = make_ann(vectors, self._ann_kind(len(vectors))) if len(vectors) else None
        self._bm25 = build_bm25([terms_of(keyword_text(p)) for p in self._passages]) if self._passages else None
        self._dirty = False

    def _ann_kind(self, n: int) -> str | None:
        kind = self.ann_type or ("hnsw" if n > self.exact_limit else "flat")
        return None if kind == "flat" else kind

    def _ann_search(self, vector: np.ndarray, limit: int, allowed: np.ndarray | None) -> Found:
        import faiss

        wanted = min(limit, len(self))
        params = None
        if allowed is not None:
            selector = faiss.IDSelectorBatch(np.flatnonzero(allowed).astype(np.int64))
            params = (faiss.SearchParametersHNSW(sel=selector, efSearch=max(HNSW_EF_SEARCH, wanted))
                      if isinstance(self._ann, faiss.IndexHNSW) else
                      faiss.SearchParametersIVF(sel=selector, nprobe=self._ann.nprobe))
        elif isinstance(self._ann, faiss.IndexHNSW) and wanted > self._ann.hnsw.efSearch:
            params = faiss.SearchParametersHNSW(efSearch=wanted)
        scores, rows = self._ann.search(vector[None, :], wanted, params=params)
        keep = rows[0] >= 0
        return Found([self._passages[r].id for r in rows[0][keep]], scores[0][keep].astype(np.float32))

    def _found(self, rows: np.ndarray, scores: np.ndarray, limit: int) -> Found:
        scores = np.asarray(scores, dtype=np.float32)
        if len(rows) > limit:  # the best `limit`, and every row tied with the last of them
            cut = np.partition(-scores, limit - 1)[limit - 1]
            kept = np.flatnonzero(-scores <= cut)
            rows, scores = rows[kept], scores[kept]
        order = np.lexsort((rows, -scores))[:limit]  # best first; ties in row order, as the engine orders them
        return Found([self._passages[r].id for r in rows[order]], scores[order])


def make_ann(vectors: np.ndarray, kind: str | None):
    """An approximate FAISS index of the given kind ("hnsw" or "ivf"); None means exact search."""
    import faiss

    if kind is None:
        return None
    dimension = vectors.shape[1]
    if kind == "hnsw":
        index = faiss.IndexHNSWFlat(dimension, HNSW_M, faiss.METRIC_INNER_PRODUCT)
        index.hnsw.efConstruction = HNSW_EF_CONSTRUCTION
    elif kind == "ivf":
        lists = max(1, min(len(vectors) // 39, int(4 * np.sqrt(len(vectors)))))
        index = faiss.IndexIVFFlat(faiss.IndexFlatIP(dimension), dimension, lists, faiss.METRIC_INNER_PRODUCT)
        index.train(vectors)
    else:
        raise ValueError(f"unknown ANN kind {kind!r}")
    index.add(vectors)
    _tune(index)
    return index


def _tune(index) -> None:
    """Search-time parameters are not all saved with an index: set them on every open."""
    import faiss

    if isinstance(index, faiss.IndexHNSW):
        index.hnsw.efSearch = HNSW_EF_SEARCH
    elif isinstance(index, faiss.IndexIVF):
        index.nprobe = min(index.nlist, 16)


def read_passages(path: Path) -> list[Passage]:
    """The passages file, one JSON object a line, parsed as one array: a single json.loads
    instead of one a line halves this part of a cold open at 100k passages."""
    lines = [line for line in path.read_bytes().splitlines() if line.strip()]
    return [Passage(**record) for record in json.loads(b"[" + b",".join(lines) + b"]")]


def build_bm25(documents: list[list[str]]):
    import bm25s

    model = bm25s.BM25(method="lucene", k1=K1, b=B)
    model.index(documents, show_progress=False)
    return model


def _load_bm25(folder: Path):
    import bm25s

    return bm25s.BM25.load(str(folder), mmap=True, show_progress=False)


def period_ordinals(text: str | None) -> tuple[float, float]:
    """day_range as floats, NaN for none (the filter's numpy comparisons are then False)."""
    first, last = day_range(text)
    return (np.nan, np.nan) if first is None else (float(first), float(last))


def _write_atomic(path: Path, data: bytes) -> None:
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_bytes(data)
    os.replace(tmp, path)
