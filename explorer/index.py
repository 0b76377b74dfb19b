"""Build, save and load the FAISS index with its passages and a self-describing manifest.

The manifest records what the index was built from (model, corpus fingerprint, chunking
version) and the hash of every file the builder wrote. Loading checks all of it first, and
never trusts the manifest to describe itself: a manifest that does not list, with a hash,
every file the loader reads (INDEX_FILES) is stale, and every listed file must be a readable
file matching its hash. A stale index is refused (StaleIndexError), a missing, truncated,
edited or unreadable file is refused (CorruptIndexError), so a wrong index is never served.

`ensure_index` rebuilds in either case, one build at a time per folder (a lock file), and only
where it can write: a read-only folder ends in IndexNotWritableError, saying what to set.
"""

import fcntl
import hashlib
import io
import json
import os
import platform
import shutil
import tempfile
import time
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

import numpy as np

from explorer import __version__
from explorer.corpus import fingerprint, load_corpus
from explorer.errors import (CorruptIndexError, ExplorerError, IndexMissingError, IndexNotWritableError,
                             StaleIndexError)
from explorer.passages import CHUNKING_VERSION, EVENT, FACTCHECK, Passage, split_corpus
from explorer.text import sentence_spans

MANIFEST = "manifest.json"
PASSAGES = "passages.jsonl"
VECTORS = "vectors.faiss"
SENTENCES = "sentences.npy"
# Every file load_index reads. The manifest must list each of these with its hash (it also lists,
# and load_index checks, any other file the builder wrote): a manifest that does not is stale.
INDEX_FILES = (PASSAGES, VECTORS, SENTENCES)
LOCK = ".build.lock"  # not part of the index: held while a build runs, so two never overlap
FORMAT = 1
REBUILD_HINT = "Run `python -m explorer build` (or `make run`) to rebuild it."
WRITABLE_HINT = ("Set EXPLORER_INDEX_DIR to a writable folder (the app builds the index there), or run "
                 "`python -m explorer build` where this folder can be written.")


@dataclass
class LoadedIndex:
    faiss_index: object
    passages: list[Passage]
    manifest: dict
    sentence_vectors: np.ndarray  # one row per sentence of every passage, in passage order


def corpus_key(corpus_dir: Path) -> str:
    """Fingerprint of the indexed corpus files and of the rules that split them."""
    return f"{fingerprint(corpus_dir)}-c{CHUNKING_VERSION}"


def read_manifest(index_dir: Path) -> dict:
    index_dir = Path(index_dir)
    if index_dir.exists() and not index_dir.is_dir():
        raise IndexMissingError(f"The index folder {index_dir} is a file, not a folder.",
                                "Set EXPLORER_INDEX_DIR to a folder (it is created if missing), or move that file away.")
    path = index_dir / MANIFEST
    if path.is_dir():
        raise CorruptIndexError(f"The index manifest {path} is a directory, not a file.", REBUILD_HINT)
    if not path.is_file():
        raise IndexMissingError(f"No index found in {index_dir}.", REBUILD_HINT)
    try:
        manifest = json.loads(path.read_text(encoding="utf-8"))
    except (json.JSONDecodeError, UnicodeDecodeError):
        raise CorruptIndexError(f"The index manifest {path} is unreadable.", REBUILD_HINT) from None
    except OSError as e:
        raise CorruptIndexError(f"The index manifest {path} cannot be read ({e.strerror or e}).", REBUILD_HINT) from None
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise CorruptIndexError(f"The index manifest {path} has an unknown format.", REBUILD_HINT)
    return manifest


def check_fresh(manifest: dict, model: str, corpus_dir: Path) -> None:
    """Raise StaleIndexError when the index was built from another model or corpus."""
    if manifest.get("model") != model:
        raise StaleIndexError(
            f"The index was built with model '{manifest.get('model')}' but the explorer is set to '{model}'.",
            REBUILD_HINT)
    if manifest.get("corpus_fingerprint") != corpus_key(corpus_dir):
        raise StaleIndexError("The corpus has changed since the index was built.", REBUILD_HINT)


def verify_files(index_dir: Path, manifest: dict) -> None:
    """Every file the manifest lists is a readable file matching its hash, and the list covers
    every file the loader reads. A manifest that lists nothing, or not all of INDEX_FILES, was not
    written by this builder (or was edited): it is stale, never trusted to skip a check."""
    listed = manifest.get("files")
    if not isinstance(listed, dict) or not listed:
        raise StaleIndexError(f"The index manifest in {index_dir} lists no file hashes.", REBUILD_HINT)
    unlisted = [name for name in INDEX_FILES if name not in listed]
    if unlisted:
        raise StaleIndexError(f"The index manifest in {index_dir} does not list {', '.join(unlisted)}.", REBUILD_HINT)
    for name, expected in listed.items():
        if not isinstance(name, str) or not isinstance(expected, str) or Path(name).name != name or name in (".", ".."):
            raise StaleIndexError(f"The index manifest in {index_dir} lists a file it cannot have ({name!r}).", REBUILD_HINT)
        path = index_dir / name
        if path.is_dir():
            raise CorruptIndexError(f"The index file {path} is a directory, not a file.", REBUILD_HINT)
        if not path.is_file():
            raise CorruptIndexError(f"The index file {path} is missing.", REBUILD_HINT)
        try:
            actual = _sha256(path)
        except OSError as e:
            raise CorruptIndexError(f"The index file {path} cannot be read ({e.strerror or e}).", REBUILD_HINT) from None
        if actual != expected:
            raise CorruptIndexError(f"The index file {path} is truncated or changed (its hash does not match).", REBUILD_HINT)


def load_index(index_dir: Path, model: str, corpus_dir: Path) -> LoadedIndex:
    """The index, only if it matches the current model and corpus and its files are intact."""
    import faiss

    index_dir = Path(index_dir)
    manifest = read_manifest(index_dir)
    check_fresh(manifest, model, corpus_dir)
    verify_files(index_dir, manifest)
    try:
        faiss_index = faiss.read_index(str(index_dir / VECTORS))
        passages = [Passage(**json.loads(line)) for line in
                    (index_dir / PASSAGES).read_text(encoding="utf-8").splitlines() if line.strip()]
        sentence_vectors = np.load(index_dir / SENTENCES, allow_pickle=False)
    except (RuntimeError, ValueError, TypeError, OSError, EOFError, json.JSONDecodeError) as e:
        raise CorruptIndexError(f"The index in {index_dir} could not be read ({type(e).__name__}).", REBUILD_HINT) from None
    if faiss_index.ntotal != len(passages) or len(passages) != manifest.get("passage_count"):
        raise CorruptIndexError(f"The index in {index_dir} holds {faiss_index.ntotal} vectors for {len(passages)} passages.", REBUILD_HINT)
    if len(sentence_vectors) != sum(len(sentence_spans(p.text)) for p in passages):
        raise CorruptIndexError(f"The sentence vectors in {index_dir} do not match the passages.", REBUILD_HINT)
    return LoadedIndex(faiss_index, passages, manifest, sentence_vectors)


def make_faiss_index(vectors: np.ndarray, exact_limit: int):
    """Exact inner product up to `exact_limit` vectors, approximate (HNSW) above it."""
    import faiss

    limit = exact_limit
    dimension = vectors.shape[1]
    if len(vectors) > limit:
        index = faiss.IndexHNSWFlat(dimension, 32, faiss.METRIC_INNER_PRODUCT)
        index.hnsw.efSearch = 256
    else:
        index = faiss.IndexFlatIP(dimension)
    index.add(np.ascontiguousarray(vectors, dtype=np.float32))
    return index


def build_index(corpus_dir: Path, index_dir: Path, encoder, exact_limit: int) -> dict:
    """Validate the corpus, embed every passage and write the index; returns the manifest."""
    import faiss

    started = time.perf_counter()
    passages = split_corpus(load_corpus(corpus_dir))
    vectors = _encode_by_group(encoder, passages, lambda p: [p.embed_text])
    sentence_vectors = _encode_by_group(encoder, passages, lambda p: [p.text[a:b] for a, b in sentence_spans(p.text)])
    faiss_index = make_faiss_index(vectors, exact_limit)
    index_dir = Path(index_dir)
    check_writable(index_dir)
    files = IndexFiles(index_dir)
    files.write(PASSAGES, "".join(json.dumps(p.to_dict(), ensure_ascii=False) + "\n" for p in passages).encode("utf-8"))
    buffer = io.BytesIO()
    np.save(buffer, sentence_vectors, allow_pickle=False)
    files.write(SENTENCES, buffer.getvalue())
    files.write_with(VECTORS, lambda tmp: faiss.write_index(faiss_index, str(tmp)))
    manifest = {
        "format": FORMAT,
        "model": encoder.name,
        "dimension": int(vectors.shape[1]),
        "corpus_fingerprint": corpus_key(corpus_dir),
        "passage_count": len(passages),
        "index_type": type(faiss_index).__name__,
        "built_at": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        "build_seconds": round(time.perf_counter() - started, 3),
        "versions": _versions(),
        "files": dict(files.written),
    }
    files.write(MANIFEST, json.dumps(manifest, indent=2).encode("utf-8"), record=False)
    return manifest


def _encode_by_group(encoder, passages: list[Passage], texts_of) -> np.ndarray:
    """Embeddings of texts_of(passage) for every passage, in passage order, encoded group by group.

    With the int8 model a text's embedding depends slightly on the other texts in its batch
    (activation scales are set per batch): the same passage embedded beside other passages can
    move by a cosine of 0.01-0.04. Encoding each group on its own keeps the documents' vectors
    (and the coverage scores calibrated on them, explorer.compare) unchanged when the timeline or
    the fact-checks are edited, and the other way round."""
    if not passages:
        return encoder.encode([])
    texts = [texts_of(p) for p in passages]
    groups: dict[str, list[int]] = {}
    for i, passage in enumerate(passages):
        groups.setdefault(_group_of(passage), []).append(i)
    per_passage = [None] * len(passages)
    for members in groups.values():
        encoded = encoder.encode([t for i in members for t in texts[i]])
        offsets = np.cumsum([0] + [len(texts[i]) for i in members])
        for i, a, b in zip(members, offsets[:-1], offsets[1:]):
            per_passage[i] = encoded[a:b]
    return np.concatenate(per_passage).astype(np.float32)


def _group_of(passage: Passage) -> str:
    """The JSON documents embed together; each data file (timeline, fact-checks) on its own."""
    return passage.doc if passage.kind in (EVENT, FACTCHECK) else ""


def ensure_index(config, encoder_factory, force: bool = False) -> tuple[str, str]:
    """Build the index if it is missing, stale or corrupt. Returns (action, reason)."""
    corpus_dir, index_dir, model = config.corpus_dir, Path(config.index_dir), config.model_id
    reason = "forced rebuild" if force else ""
    if not force:
        try:
            load_index(index_dir, model, corpus_dir)
            return "fresh", "index matches the corpus and model"
        except ExplorerError as problem:
            reason = problem.problem
    check_writable(index_dir, reason)
    with build_lock(index_dir):
        if not force:  # another process may have built it while we waited for the lock
            try:
                load_index(index_dir, model, corpus_dir)
                return "fresh", "built by another process meanwhile"
            except ExplorerError:
                pass
        load_corpus(corpus_dir)  # a malformed record stops us before the slow model load
        build_index(corpus_dir, index_dir, encoder_factory(), config.exact_limit)
    return "built", reason


def check_writable(index_dir: Path, why: str = "") -> None:
    """Raise IndexNotWritableError unless the index folder exists (or can be created) and a file
    can be written in it. Tried, not predicted: permission bits say nothing about a read-only
    mount, and nothing about root."""
    index_dir = Path(index_dir)
    because = f" {why}" if why else ""
    if index_dir.exists() and not index_dir.is_dir():
        raise IndexNotWritableError(f"The index folder {index_dir} is a file, not a folder.{because}",
                                    "Set EXPLORER_INDEX_DIR to a folder (it is created if missing), or move that file away.")
    try:
        index_dir.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryFile(dir=index_dir):
            pass
    except OSError as e:
        raise IndexNotWritableError(f"{index_dir} is read-only ({e.strerror or e}), so the index cannot be built there.{because}",
                                    WRITABLE_HINT) from None


@contextmanager
def build_lock(index_dir: Path):
    """Hold the folder's build lock: a second build (another thread, process or `make run`) waits
    here, then finds the index fresh. The kernel releases it if the builder dies."""
    with open(Path(index_dir) / LOCK, "a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


class IndexFiles:
    """Writes the index's files atomically (a temporary name, then a rename) and records the hash of
    each: whatever the builder writes through here is listed in the manifest and checked on load."""

    def __init__(self, index_dir: Path):
        self.index_dir = Path(index_dir)
        self.written: dict[str, str] = {}

    def write(self, name: str, data: bytes, record: bool = True) -> None:
        self.write_with(name, lambda tmp: tmp.write_bytes(data), record)

    def write_with(self, name: str, write, record: bool = True) -> None:
        """`write(tmp_path)` writes the file's content; it is then hashed and moved into place."""
        path = self.index_dir / name
        tmp = path.with_name(path.name + ".tmp")
        try:
            _clear(tmp)
            write(tmp)
            digest = _sha256(tmp)
            _clear(path)  # a directory left where a file belongs (os.replace cannot overwrite it)
            os.replace(tmp, path)
        except OSError as e:
            raise IndexNotWritableError(f"Cannot write the index file {path} ({e.strerror or e}).", WRITABLE_HINT) from None
        except RuntimeError as e:  # faiss reports its I/O errors as RuntimeError
            raise IndexNotWritableError(f"Cannot write the index file {path} ({str(e).splitlines()[0][:200]}).",
                                        WRITABLE_HINT) from None
        if record:
            self.written[name] = digest


def _clear(path: Path) -> None:
    """Remove a directory standing at a path the builder owns (a file is simply replaced)."""
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path)


def _sha256(path: Path) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def _versions() -> dict:
    from importlib.metadata import PackageNotFoundError, version

    found = {"python": platform.python_version(), "explorer": __version__}
    for package in ("faiss-cpu", "numpy", "sentence-transformers", "torch", "transformers"):
        try:
            found[package] = version(package)
        except PackageNotFoundError:
            found[package] = None
    return found
