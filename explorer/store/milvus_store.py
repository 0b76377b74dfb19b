"""The Milvus search store: one Milvus collection per explorer collection, in a Milvus Lite file
(`EXPLORER_STORE=milvus:/path/explorer.db`) or on a Milvus server (`milvus:http://host:19530`).

One schema holds everything a hit needs: the passage id (the primary key), the unit vector
(inner product = cosine), the passage's fields, its period as first/last day ordinals (date
filters), and a `terms` field whose BM25 sparse vector Milvus computes itself (a BM25 Function).

Keyword search must match exactly the words the FAISS store matches, whatever Milvus' analyzers
do. So `terms` holds the explorer's own terms (`terms_of("section text")`, the same text the
engine's BM25 reads), each written as a token every Milvus tokenizer keeps whole: `[a-z0-9]+`
as is, anything else hex-encoded behind "zz" (see `term_token`). Milvus Lite 3.2 has no
whitespace tokenizer, only "standard" (`\\w+`, lower-cased) and "jieba"; with these tokens
"standard" splits exactly at the spaces, here and on a server. BM25 uses k1=1.2, b=0.75 like
explorer.bench.bm25_reference.

Known differences from the FAISS store, all in BM25 *scores*, never in which passages match:
- Milvus Lite keeps BM25 statistics per segment, and counts replaced or deleted rows until
  its size-tiered compaction drops them; a server keeps corpus-level statistics (Milvus' BM25 docs).
  After a delete or a replace, IDF can differ slightly from a fresh build. Each write is flushed
  so that statistics never depend on the filter (Lite's unflushed rows are scored with
  statistics of the filtered rows only).
- Milvus Lite returns BM25 distances negated; scores here are their absolute value (BM25 >= 0).
- Milvus hashes tokens to 32-bit ids (as the server does), so two different terms can share a
  slot; at 100k distinct terms expect about one colliding pair.
"""

import re
from collections.abc import Sequence

import numpy as np

from explorer.errors import ExplorerError
from explorer.story.passages import Passage
from explorer.store import Found, Where, day_range, keyword_text
from explorer.store.milvus_client import connect, is_lite, release, shown, store_error
from explorer.store.milvus_expr import one_of, quote, where_expr
from explorer.text import terms_of

KIND = "milvus"
PREFIX = "explorer_"  # Milvus collection names: explorer_<collection>
MAX_TOPK = 16384  # Milvus' largest limit for one search
BATCH = 500  # rows per insert request
K1, B = 1.2, 0.75  # as explorer.bench.bm25_reference.BM25
PLAIN = re.compile(r"[a-z0-9]+")
ESCAPED = "zz"  # a token that starts with this is a hex-encoded term
# VARCHAR limits, in bytes of UTF-8; a passage over a limit is refused with its id named.
LIMITS = {"id": 1024, "doc": 512, "title": 2048, "kind": 32, "section": 4096, "locator": 256,
          "text": 65535, "source_url": 4096, "date": 32, "terms": 65535}
FIELDS = ("id", "doc", "title", "kind", "section", "locator", "text", "principle", "source_url", "position", "date")


def term_token(term: str) -> str:
    """A term as one token that any Milvus tokenizer keeps whole and that no other term gives."""
    if PLAIN.fullmatch(term) and not term.startswith(ESCAPED):
        return term
    return ESCAPED + term.encode("utf-8").hex()


def keyword_tokens(passage: Passage) -> str:
    """What Milvus' BM25 reads for a passage: the same terms as the engine's BM25."""
    return " ".join(term_token(t) for t in terms_of(keyword_text(passage)))


def collection_name(name: str) -> str:
    """A valid Milvus collection name for an explorer collection (letters, digits, underscores)."""
    safe = re.sub(r"[^A-Za-z0-9_]", "_", name)
    if safe != name:
        import hashlib

        safe = f"{safe}_{hashlib.sha1(name.encode('utf-8')).hexdigest()[:8]}"
    return PREFIX + safe


def drop_family(uri: str, family: str, keep: str) -> None:
    """Drop the Milvus collections of explorer stores whose names start with `family`, but `keep`
    (the older builds of one index folder: explorer.store.select)."""
    client = connect(uri)
    try:
        for collection in client.list_collections():
            if collection.startswith(PREFIX + family) and collection != collection_name(keep):
                client.drop_collection(collection)
    except Exception as error:
        raise store_error(error, uri, "drop an old collection") from error
    finally:
        release(client, uri)


class MilvusStore:
    """A SearchStore on Milvus (see explorer.store). Close it when done: a Milvus Lite file is
    served by a gRPC server inside this process, stopped when its last store closes."""

    kind = KIND

    def __init__(self, client, uri: str, name: str, dimension: int, ef: int | None):
        self._client, self.uri, self.name, self.dimension, self._ef = client, uri, name, dimension, ef
        self._collection = collection_name(name)
        self._df: dict[str, int] = {}  # document frequencies, cleared by this store's writes

    # --- opening -------------------------------------------------------------------------

    @classmethod
    def create(cls, uri: str, name: str, dimension: int, index: str | None = None) -> "MilvusStore":
        """An empty store; an existing Milvus collection of that name is dropped (a rebuild).

        `index`: the dense index, "FLAT" (exact; the default for a Milvus Lite file) or "HNSW"
        (the default on a server, M=16, efConstruction=200)."""
        from pymilvus import DataType, Function, FunctionType

        index = (index or ("FLAT" if is_lite(uri) else "HNSW")).upper()
        if index not in ("FLAT", "HNSW"):
            raise ExplorerError(f"Unknown Milvus index {index!r}.", "Use FLAT or HNSW.")
        client = connect(uri)
        collection = collection_name(name)
        try:
            if client.has_collection(collection):
                client.drop_collection(collection)
            schema = client.create_schema(auto_id=False, enable_dynamic_field=False)
            schema.add_field("id", DataType.VARCHAR, is_primary=True, max_length=LIMITS["id"])
            schema.add_field("vector", DataType.FLOAT_VECTOR, dim=int(dimension))
            schema.add_field("terms", DataType.VARCHAR, max_length=LIMITS["terms"], enable_analyzer=True,
                             enable_match=True, analyzer_params={"tokenizer": "standard"})
            schema.add_field("sparse", DataType.SPARSE_FLOAT_VECTOR)
            for field in ("doc", "title", "kind", "section", "locator", "text"):
                schema.add_field(field, DataType.VARCHAR, max_length=LIMITS[field])
            schema.add_field("source_url", DataType.VARCHAR, max_length=LIMITS["source_url"], nullable=True)
            schema.add_field("date", DataType.VARCHAR, max_length=LIMITS["date"], nullable=True)
            schema.add_field("principle", DataType.INT64, nullable=True)
            schema.add_field("position", DataType.INT64)
            schema.add_field("first_day", DataType.INT64, nullable=True)
            schema.add_field("last_day", DataType.INT64, nullable=True)
            schema.add_function(Function(name="terms_bm25", function_type=FunctionType.BM25,
                                         input_field_names=["terms"], output_field_names=["sparse"]))
            params = client.prepare_index_params()
            if index == "HNSW":
                params.add_index("vector", index_type="HNSW", metric_type="IP", params={"M": 16, "efConstruction": 200})
            else:
                params.add_index("vector", index_type="FLAT", metric_type="IP")
            # Nested under "params": pymilvus 3 sends flat keys, which Milvus Lite 3.2 ignores (it
            # would use k1=1.5); the nested form is the wire format both Lite and a server read.
            params.add_index("sparse", index_type="SPARSE_INVERTED_INDEX", metric_type="BM25",
                             params={"params": {"bm25_k1": K1, "bm25_b": B}})
            client.create_collection(collection, schema=schema, index_params=params, consistency_level="Strong")
        except Exception as error:
            release(client, uri)
            raise store_error(error, uri, "create the collection") from error
        return cls(client, uri, name, int(dimension), 200 if index == "HNSW" else None)

    @classmethod
    def open(cls, uri: str, name: str) -> "MilvusStore":
        """The store of an existing collection; ExplorerError if there is none."""
        client = connect(uri)
        collection = collection_name(name)
        try:
            if not client.has_collection(collection):
                raise ExplorerError(f"No Milvus collection for {name!r} at {shown(uri)}.",
                                    "Build the index first (python -m explorer build).")
            described = client.describe_collection(collection)
            client.load_collection(collection)
        except ExplorerError:
            release(client, uri)
            raise
        except Exception as error:
            release(client, uri)
            raise store_error(error, uri, "open the collection") from error
        vector = next(f for f in described["fields"] if f["name"] == "vector")
        dimension = int(vector["params"]["dim"])
        index = client.describe_index(collection, "vector") or {}
        return cls(client, uri, name, dimension, 200 if str(index.get("index_type", "")).upper() == "HNSW" else None)

    def close(self) -> None:
        if self._client is not None:
            release(self._client, self.uri)
            self._client = None

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    # --- the contract --------------------------------------------------------------------

    def __len__(self) -> int:
        rows = self._client.query(self._collection, filter="", output_fields=["count(*)"])
        return int(rows[0]["count(*)"])

    def add(self, passages: Sequence[Passage], vectors: np.ndarray) -> None:
        vectors = np.asarray(vectors, dtype=np.float32)
        if vectors.shape != (len(passages), self.dimension):
            raise ValueError(f"expected vectors of shape ({len(passages)}, {self.dimension}), got {vectors.shape}")
        rows = list({p.id: _row(p, v) for p, v in zip(passages, vectors)}.values())  # the last of a repeated id wins
        for start in range(0, len(rows), BATCH):
            self._client.upsert(self._collection, rows[start:start + BATCH])
        self._client.flush(self._collection)
        self._df.clear()

    def delete(self, ids: Sequence[str]) -> None:
        ids = list(dict.fromkeys(ids))
        for start in range(0, len(ids), BATCH):
            self._client.delete(self._collection, filter=one_of("id", ids[start:start + BATCH]))
        if ids:
            self._client.flush(self._collection)
            self._df.clear()

    def passages(self, ids: Sequence[str]) -> list[Passage]:
        wanted = list(dict.fromkeys(ids))
        found = {}
        for start in range(0, len(wanted), BATCH):
            rows = self._client.query(self._collection, filter=one_of("id", wanted[start:start + BATCH]),
                                      output_fields=list(FIELDS))
            found.update((row["id"], Passage(**{f: row.get(f) for f in FIELDS})) for row in rows)
        return [found[i] for i in ids if i in found]

    def dense(self, vector: np.ndarray, limit: int, where: Where = Where()) -> Found:
        params = {"metric_type": "IP", "params": {"ef": max(self._ef, limit)} if self._ef else {}}
        data = [np.asarray(vector, dtype=np.float32).ravel().tolist()]
        return self._search(data, "vector", params, limit, where)

    def keyword(self, terms: Sequence[str], limit: int, where: Where = Where()) -> Found:
        tokens = list(dict.fromkeys(term_token(t) for t in terms if t))
        if not tokens:
            return _found([], [])
        found = self._search([" ".join(tokens)], "sparse", {"metric_type": "BM25"}, limit, where)
        keep = found.scores > 0
        return _found([i for i, k in zip(found.ids, keep) if k], found.scores[keep])

    def keyword_of(self, terms: Sequence[str], ids: Sequence[str]) -> dict[str, float]:
        """One BM25 search restricted to the ids (a batch at a time); a passage it does not
        return holds none of the terms."""
        tokens = " ".join(dict.fromkeys(term_token(t) for t in terms if t))
        wanted = list(dict.fromkeys(ids))
        scores = dict.fromkeys(self._known(wanted), 0.0)
        for start in range(0, len(wanted) if tokens else 0, BATCH):
            batch = wanted[start:start + BATCH]
            hits = self._client.search(self._collection, [tokens], anns_field="sparse", limit=len(batch),
                                       filter=one_of("id", batch), search_params={"metric_type": "BM25"},
                                       output_fields=["id"])[0]
            scores.update((h["id"], abs(float(h["distance"]))) for h in hits)  # Lite returns BM25 negated
        return scores

    def _known(self, ids: list[str]) -> list[str]:
        """The ids among these that the collection holds, in the order asked."""
        held: set[str] = set()
        for start in range(0, len(ids), BATCH):
            rows = self._client.query(self._collection, filter=one_of("id", ids[start:start + BATCH]), output_fields=["id"])
            held.update(row["id"] for row in rows)
        return [i for i in ids if i in held]

    def document_frequency(self, term: str) -> int:
        """Counted by Milvus, cached until this store writes. A server counts TEXT_MATCH hits on
        its inverted index. Milvus Lite evaluates TEXT_MATCH by scanning every row, so there the
        passages a one-term BM25 search finds are counted instead (a posting-list lookup), and
        TEXT_MATCH only for a term in more passages than one search returns."""
        if term not in self._df:
            token = term_token(term)
            hits = []
            if is_lite(self.uri):
                hits = self._client.search(self._collection, [token], anns_field="sparse", limit=MAX_TOPK,
                                           search_params={"metric_type": "BM25"}, output_fields=["id"])[0]
            if is_lite(self.uri) and len(hits) < MAX_TOPK:
                self._df[term] = sum(1 for h in hits if h["distance"])
            else:
                rows = self._client.query(self._collection, filter=f"text_match(terms, {quote(token)})",
                                          output_fields=["count(*)"])
                self._df[term] = int(rows[0]["count(*)"])
        return self._df[term]

    # --- what Milvus' own hybrid search needs (explorer.store.hybrid.milvus) ------------------

    def request(self, field: str, data, limit: int, where: Where = Where()):
        """One side of a hybrid search: "vector" with a unit vector, or "sparse" with terms."""
        from pymilvus import AnnSearchRequest

        if field == "sparse":
            data, params = " ".join(dict.fromkeys(term_token(t) for t in data)), {"metric_type": "BM25"}
        else:
            data = np.asarray(data, dtype=np.float32).ravel().tolist()
            params = {"metric_type": "IP", "params": {"ef": max(self._ef, limit)} if self._ef else {}}
        return AnnSearchRequest([data], field, params, limit=min(limit, MAX_TOPK), expr=where_expr(where) or None)

    def hybrid(self, requests: list, ranker, limit: int) -> Found:
        """Milvus' own fusion of `requests` (RRFRanker or WeightedRanker)."""
        hits = self._client.hybrid_search(self._collection, requests, ranker, limit=min(limit, MAX_TOPK),
                                          output_fields=["id"])[0]
        return _found([h["id"] for h in hits], [float(h["distance"]) for h in hits])

    # --- internals -----------------------------------------------------------------------

    def _search(self, data, field: str, params: dict, limit: int, where: Where) -> Found:
        if limit <= 0:
            return _found([], [])
        hits = self._client.search(self._collection, data, anns_field=field, limit=min(int(limit), MAX_TOPK),
                                   filter=where_expr(where), search_params=params, output_fields=["id"])[0]
        # BM25 scores are >= 0; Milvus Lite 3.2 returns them negated.
        scores = [abs(float(h["distance"])) if field == "sparse" else float(h["distance"]) for h in hits]
        return _found([h["id"] for h in hits], scores)


def _found(ids: list[str], scores) -> Found:
    """Best first; ties in id order, so both stores list equal scores alike."""
    scores = np.asarray(scores, dtype=np.float32)
    order = sorted(range(len(ids)), key=lambda i: (-float(scores[i]), ids[i]))
    return Found([ids[i] for i in order], scores[order] if len(ids) else np.zeros(0, np.float32))


def _row(passage: Passage, vector: np.ndarray) -> dict:
    first, last = day_range(passage.date)
    row = {f: getattr(passage, f) for f in FIELDS}
    row.update(vector=vector.tolist(), terms=keyword_tokens(passage), first_day=first, last_day=last)
    for field, limit in LIMITS.items():
        if row[field] is not None and len(str(row[field]).encode("utf-8")) > limit:
            raise ExplorerError(f"Passage {passage.id!r}: its {field} is longer than Milvus' {limit} bytes.",
                                "Split the document into shorter paragraphs.")
    return row
