"""A content-hash cache of embeddings, so a text is never embedded twice by the same model.

Keyed by sha256(model id, text): re-adding a file, rebuilding a collection or resuming a
killed build embeds only texts the cache has not seen. The store is one SQLite file (stdlib,
atomic commits): each batch is committed as soon as it is encoded, so a build killed half way
keeps every batch it finished, and the next run starts from there.
"""

import hashlib
import sqlite3
import threading
from collections import Counter
from pathlib import Path

import numpy as np

BATCH = 256


def text_key(model_id: str, text: str) -> str:
    return hashlib.sha256(f"{model_id}\0{text}".encode("utf-8")).hexdigest()


class EmbeddingCache:
    """Vectors by (model id, text) on disk. Safe to share between threads of one process."""

    def __init__(self, path: Path):
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._lock = threading.Lock()
        self._db = sqlite3.connect(str(self.path), check_same_thread=False, isolation_level=None)
        # A new file gives freed pages back to the disk (set before the first table; ignored after).
        self._db.execute("PRAGMA auto_vacuum=FULL")
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.execute("CREATE TABLE IF NOT EXISTS vectors (key TEXT PRIMARY KEY, dim INTEGER, data BLOB)")
        self._new: list[str] = []  # keys this object added (so a failed change can take them back)

    def get_many(self, keys: list[str]) -> dict[str, np.ndarray]:
        found = {}
        with self._lock:
            for start in range(0, len(keys), 500):
                chunk = keys[start:start + 500]
                marks = ",".join("?" * len(chunk))
                for key, dim, data in self._db.execute(f"SELECT key, dim, data FROM vectors WHERE key IN ({marks})", chunk):
                    found[key] = np.frombuffer(data, dtype=np.float32, count=dim)
        return found

    def put_many(self, items: list[tuple[str, np.ndarray]]) -> None:
        rows = [(key, int(vector.shape[0]), np.ascontiguousarray(vector, dtype=np.float32).tobytes()) for key, vector in items]
        with self._lock:
            self._db.execute("BEGIN")
            try:
                self._db.executemany("INSERT OR REPLACE INTO vectors VALUES (?, ?, ?)", rows)
                self._db.execute("COMMIT")
            except BaseException:
                if self._db.in_transaction:
                    self._db.execute("ROLLBACK")
                raise
            self._new.extend(key for key, _, _ in rows)

    def __len__(self) -> int:
        with self._lock:
            return int(self._db.execute("SELECT COUNT(*) FROM vectors").fetchone()[0])

    def close(self) -> None:
        """Close, folding the write-ahead log back into the file (so no -wal file is left behind)."""
        with self._lock:
            if self._db is None:
                return
            try:
                self._db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            except sqlite3.Error:  # a full disk: closing still releases the file
                pass
            self._db.close()
            self._db = None

    def discard_new(self) -> None:
        """Take back what this object added (after a change that failed for lack of space), best effort."""
        keys, self._new = self._new, []
        if not keys:
            return
        try:
            db = sqlite3.connect(str(self.path), isolation_level=None)
            for start in range(0, len(keys), 500):
                chunk = keys[start:start + 500]
                db.execute(f"DELETE FROM vectors WHERE key IN ({','.join('?' * len(chunk))})", chunk)
            db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            db.close()
        except sqlite3.Error:
            pass


class CachedEncoder:
    """An encoder that looks every text up in an EmbeddingCache first and encodes only the rest.

    It has the wrapped encoder's interface (name, dimension, encode, encode_queries, ...), and
    counts what it did (`encoded`, `reused`) so callers can report it. `progress(done, total)` is
    called after every batch, for progress bars.
    """

    def __init__(self, encoder, cache: EmbeddingCache, progress=None):
        self.inner = encoder
        self.cache = cache
        self.progress = progress
        self.encoded = 0
        self.reused = 0

    def __getattr__(self, name):
        return getattr(self.inner, name)

    def encode(self, texts, batch_size: int = 32) -> np.ndarray:
        texts = list(texts)
        keys = [text_key(self.inner.name, t) for t in texts]
        found = self.cache.get_many(list(dict.fromkeys(keys)))
        missing = [i for i, key in enumerate(keys) if key not in found]
        missing_unique = list(dict.fromkeys(keys[i] for i in missing))
        text_of = {keys[i]: texts[i] for i in missing}
        occurrences = Counter(keys[i] for i in missing)
        self.reused += len(texts) - len(missing)
        done = len(texts) - len(missing)
        if self.progress:
            self.progress(done, len(texts))
        for start in range(0, len(missing_unique), BATCH):
            chunk = missing_unique[start:start + BATCH]
            vectors = self.inner.encode([text_of[k] for k in chunk], batch_size=batch_size)
            self.cache.put_many(list(zip(chunk, vectors)))
            found.update(zip(chunk, vectors))
            self.encoded += len(chunk)
            done += sum(occurrences[k] for k in chunk)
            if self.progress:
                self.progress(done, len(texts))
        dimension = getattr(self.inner, "dimension", None) or (len(next(iter(found.values()))) if found else 0)
        out = np.zeros((len(texts), dimension), np.float32)
        for i, key in enumerate(keys):
            out[i] = found[key]
        return out
