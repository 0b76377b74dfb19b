"""The coverage method's slow inputs kept on disk beside an index, so a page view never refits.

Two files under <index dir>/coverage/:
- facets-<model>.npz: the embedding of every facet text seen so far (a facet is embedded in its own
  forward pass, about 10 ms each, a few hundred per reference list);
- fit-<key>.json: the bundled story's reviewed examples (each item's pair scores and reviewed
  labels) and the topic they were centred on. <key> is the sha256 of what they are computed from:
  the method's version, the model, the facet files, the reviewed readings and every passage's
  text and vector. Any change to one of those gives a new key, so a stale fit is never read.

Writing is best effort: a read-only index folder (a read-only deployment) only costs the refit.
"""

import hashlib
import json
import os
import tempfile
from pathlib import Path

import numpy as np

from explorer.analysis.coverage.fitting import Example

VERSION = "facets-2"  # bump when the scoring or the examples' meaning changes
FOLDER = "coverage"


def folder(index_dir) -> Path:
    return Path(index_dir) / FOLDER


def content_key(engine, corpus_dir, reading_files) -> str:
    digest = hashlib.sha256(f"{VERSION}|{engine.manifest.get('model', '')}".encode())
    facet_files = sorted((Path(corpus_dir) / "facets").glob("*.json"))
    for path in [*facet_files, *sorted(reading_files)]:
        digest.update(path.name.encode() + b"\0" + Path(path).read_bytes())
    for p in engine.passages:
        digest.update(f"{p.id}\0{p.kind}\0{p.text}\0".encode())
    digest.update(np.ascontiguousarray(np.asarray(engine.vectors, dtype=np.float32)).tobytes())
    return digest.hexdigest()[:32]


def _write_atomic(path: Path, data: bytes) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
        with os.fdopen(handle, "wb") as out:
            out.write(data)
        os.replace(tmp, path)
    except OSError:
        pass


def read_examples(index_dir, key: str):
    """(examples, topic mean) stored under `key`, or None."""
    path = folder(index_dir) / f"fit-{key}.json"
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    examples = [Example(e["reference"], int(e["number"]), np.asarray(e["scores"], dtype=np.float64),
                        np.asarray(e["labels"], dtype=int)) for e in raw["examples"]]
    return examples, np.asarray(raw["mean"], dtype=np.float32)


def write_examples(index_dir, key: str, examples, mean) -> None:
    raw = {"version": VERSION, "mean": [float(x) for x in mean],
           "examples": [{"reference": e.reference, "number": e.number, "scores": [float(x) for x in e.scores],
                         "labels": [int(x) for x in e.labels]} for e in examples]}
    _write_atomic(folder(index_dir) / f"fit-{key}.json", json.dumps(raw).encode("utf-8"))


def _facet_path(index_dir, model_id: str) -> Path:
    safe = "".join(c if c.isalnum() or c in "-_." else "_" for c in model_id or "model")
    return folder(index_dir) / f"facets-{safe}.npz"


def read_facet_vectors(index_dir, model_id: str) -> dict[str, np.ndarray]:
    try:
        with np.load(_facet_path(index_dir, model_id), allow_pickle=False) as data:
            return dict(zip((str(t) for t in data["texts"]), data["vectors"]))
    except (OSError, ValueError, KeyError):
        return {}


def write_facet_vectors(index_dir, model_id: str, vectors: dict[str, np.ndarray]) -> None:
    if not vectors:
        return
    import io

    texts = list(vectors)
    buffer = io.BytesIO()
    np.savez(buffer, texts=np.array(texts, dtype=str), vectors=np.vstack([vectors[t] for t in texts]))
    _write_atomic(_facet_path(index_dir, model_id), buffer.getvalue())
