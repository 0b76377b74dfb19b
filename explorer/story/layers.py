"""Derived layers, cached by content hash like the embeddings.

A derived layer (entities, events, claims, ...) is computed from passages by a pure function of
the passages: `extract(passages) -> one list of records per passage`. Each passage's records are
kept under a key made of the layer's name and version and of what the passage holds (its id, text,
date and document), so a rebuild or an added document computes only the passages not seen before,
and a change of the extraction rules (a new version) recomputes everything of that layer. The
cache is one SQLite file per collection (beside its embedding cache), or per index folder for a
read-only story; it is a cache only: deleting it loses nothing.
"""

import hashlib
import json
import sqlite3
import threading
from pathlib import Path

SCHEMA = "CREATE TABLE IF NOT EXISTS records (key TEXT PRIMARY KEY, layer TEXT NOT NULL, value TEXT NOT NULL)"
FILE = "layers.sqlite"
BATCH = 256  # passages handed to one extract call


def passage_key(layer: str, version: str, passage, context: str = "") -> str:
    """What a passage's records depend on: the layer's rules and the passage's content."""
    digest = hashlib.sha256()
    for part in (layer, version, context, passage.id, passage.doc, passage.text, passage.date or "", passage.locator):
        digest.update(part.encode("utf-8"))
        digest.update(b"\x00")
    return digest.hexdigest()


class LayerCache:
    """Per-passage records of every layer, in one SQLite file (thread-safe; one writer at a time)."""

    def __init__(self, path: Path):
        self.path = Path(path)
        self._lock = threading.Lock()

    def records(self, layer: str, version: str, passages: list, extract, context: str = "",
                progress=None) -> dict[str, list[dict]]:
        """{passage id: its records} for every passage; computes (and stores) only the missing ones.
        `extract(passages)` returns one list of JSON-ready dicts per passage, in order."""
        keys = [passage_key(layer, version, p, context) for p in passages]
        found = self._read(keys)
        todo = [(p, k) for p, k in zip(passages, keys) if k not in found]
        for start in range(0, len(todo), BATCH):
            chunk = todo[start:start + BATCH]
            computed = extract([p for p, _ in chunk])
            fresh = {k: list(records) for (_, k), records in zip(chunk, computed)}
            self._write(layer, fresh)
            found.update(fresh)
            if progress:
                progress(min(start + BATCH, len(todo)), len(todo))
        return {p.id: found[k] for p, k in zip(passages, keys)}

    def _connect(self) -> sqlite3.Connection:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        connection = sqlite3.connect(self.path, timeout=30)
        connection.execute("PRAGMA journal_mode=WAL")
        connection.execute(SCHEMA)
        return connection

    def _read(self, keys: list[str]) -> dict[str, list[dict]]:
        if not keys or not self.path.exists():
            return {}
        out = {}
        try:
            with self._lock, self._connect() as connection:
                for start in range(0, len(keys), 500):
                    chunk = keys[start:start + 500]
                    marks = ",".join("?" * len(chunk))
                    for key, value in connection.execute(f"SELECT key, value FROM records WHERE key IN ({marks})", chunk):
                        out[key] = json.loads(value)
        except (sqlite3.DatabaseError, json.JSONDecodeError):
            return {}  # a damaged cache is recomputed, never trusted
        return out

    def _write(self, layer: str, records: dict[str, list[dict]]) -> None:
        if not records:
            return
        try:
            with self._lock, self._connect() as connection:
                connection.executemany("INSERT OR REPLACE INTO records (key, layer, value) VALUES (?, ?, ?)",
                                       [(k, layer, json.dumps(v, ensure_ascii=False)) for k, v in records.items()])
        except sqlite3.DatabaseError:
            pass  # the records are still returned; only the cache is lost (a full disk, a damaged file)
