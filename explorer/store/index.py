"""Build, save and load the index (a search store, see explorer.store) with a self-describing manifest.

The manifest records what the index was built from (model, corpus fingerprint, chunking
version) and the hash of every file the builder wrote. Loading checks all of it first, and
never trusts the manifest to describe itself: a manifest that does not list, with a hash,
every file the loader reads (INDEX_FILES) is stale, and every listed file must be a readable
file matching its hash. A stale index is refused (StaleIndexError), a missing, truncated,
edited or unreadable file is refused (CorruptIndexError), so a wrong index is never served.

`ensure_index` rebuilds in either case, one build at a time per folder (a lock file), and only
where it can write: a read-only folder ends in IndexNotWritableError, saying what to set.
"""

import io
import json
import platform
import time
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

import numpy as np

from explorer import __version__
from explorer.story.corpus import fingerprint, load_corpus
from explorer.errors import (CorruptIndexError, ExplorerError, IndexMissingError, IndexNotWritableError,
                             StaleIndexError)
from explorer.story.passages import ARTICLE, CHUNKING_VERSION, EVENT, FACTCHECK, FRAMEWORK, PRINCIPLE, Passage, split_corpus
from explorer.store import faiss_store
from explorer.store.faiss_store import EXACT_LIMIT, FaissStore
from explorer.store.index_files import IndexFiles, build_lock, check_writable, sha256
from explorer.text import SENTENCE_RULES, sentence_spans

MANIFEST = "manifest.json"
SENTENCES = "sentences.npy"
# The files load_index always reads; the store may read more (its ANN and keyword files:
# faiss_store.files_to_read). The manifest must list, with its hash, every file the loader
# reads: a manifest that does not is stale.
INDEX_FILES = (faiss_store.PASSAGES, faiss_store.VECTORS, SENTENCES)
# 2: a search store (explorer.store.faiss_store: mapped vectors, ANN only above the exact
# limit, bm25s keyword index) and sentence vectors for the curated kinds only. 3: the timeline
# events' and fact-checks' sentences are stored too (they are scored by their best sentence).
FORMAT = 3
REBUILD_HINT = "Run `python -m explorer build` (or `make run`) to rebuild it."
# Sentence vectors are embedded at build time only for these small, curated kinds: the coverage
# verdicts (explorer.analysis.coverage.method) read them for every pair, and search
# scores these passages by their best sentence as well as by the whole passage
# (explorer.search.sentence_scores: on the gold questions, hybrid MRR@10 0.832 -> 0.873; see
# explorer/bench/data/gold/README.md). In a large collection (SENTENCE_ALL_LIMIT) an added
# document's sentences are embedded when first needed (Engine.sentences_of), so it is embedded once
# per passage, not once per sentence.
SENTENCE_KINDS = (ARTICLE, PRINCIPLE, FRAMEWORK, EVENT, FACTCHECK)
# A corpus of at most this many passages stores every passage's sentences, so the documents a
# journalist uploads are scored by their best sentence like the story's article (the bundled
# article uploaded as a document, on the gold questions it answers: hybrid hit@5 / MRR@10 0.865 /
# 0.682 -> 0.919 / 0.769; explorer.bench.upload_quality). The number is a cost, not a fit: 2,000 passages hold about
# 7,000 sentences, about a minute of embedding on a 2-core machine. Above it, one text per passage.
SENTENCE_ALL_LIMIT = 2000
LEGACY_FILES = ("vectors.faiss",)  # format 1's FAISS file, removed when a format 2 index replaces it
ENCODE_CHUNK = 1024  # texts per encode call inside a group, so progress moves on big builds


@dataclass
class LoadedIndex:
    store: FaissStore
    passages: list[Passage]
    manifest: dict
    sentence_vectors: np.ndarray  # one row per sentence of every passage of sentence_kinds, in passage order
    sentence_kinds: tuple[str, ...] = SENTENCE_KINDS  # the kinds whose sentences this index stores


def sentence_kinds_for(passages: list[Passage]) -> tuple[str, ...]:
    """The kinds whose sentences an index of these passages stores (SENTENCE_ALL_LIMIT)."""
    if len(passages) > SENTENCE_ALL_LIMIT:
        return SENTENCE_KINDS
    return SENTENCE_KINDS + tuple(sorted({p.kind for p in passages} - set(SENTENCE_KINDS)))


def corpus_key(corpus_dir: Path) -> str:
    """Fingerprint of the indexed corpus files and of the rules that split them into passages and
    sentences."""
    return f"{fingerprint(corpus_dir)}-c{CHUNKING_VERSION}-s{SENTENCE_RULES}"


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
    unlisted = [name for name in (*INDEX_FILES, *faiss_store.files_to_read(index_dir)) if name not in listed]
    if unlisted:
        raise StaleIndexError(f"The index manifest in {index_dir} does not list {', '.join(unlisted)}.", REBUILD_HINT)
    for name, expected in listed.items():
        if not isinstance(name, str) or not isinstance(expected, str) or not _inside(name):
            raise StaleIndexError(f"The index manifest in {index_dir} lists a file it cannot have ({name!r}).", REBUILD_HINT)
        path = index_dir / name
        if path.is_dir():
            raise CorruptIndexError(f"The index file {path} is a directory, not a file.", REBUILD_HINT)
        if not path.is_file():
            raise CorruptIndexError(f"The index file {path} is missing.", REBUILD_HINT)
        try:
            actual = sha256(path)
        except OSError as e:
            raise CorruptIndexError(f"The index file {path} cannot be read ({e.strerror or e}).", REBUILD_HINT) from None
        if actual != expected:
            raise CorruptIndexError(f"The index file {path} is truncated or changed (its hash does not match).", REBUILD_HINT)


def load_index(index_dir: Path, model: str, corpus_dir: Path, exact_limit: int = EXACT_LIMIT) -> LoadedIndex:
    """The index, only if it matches the current model and corpus and its files are intact."""
    index_dir = Path(index_dir)
    manifest = read_manifest(index_dir)
    check_fresh(manifest, model, corpus_dir)
    verify_files(index_dir, manifest)
    try:
        store = FaissStore.open(index_dir, exact_limit)
        sentence_vectors = np.load(index_dir / SENTENCES, mmap_mode="r", allow_pickle=False)
    except (RuntimeError, ValueError, TypeError, KeyError, OSError, EOFError, json.JSONDecodeError) as e:
        raise CorruptIndexError(f"The index in {index_dir} could not be read ({type(e).__name__}).", REBUILD_HINT) from None
    passages = store.all_passages
    if len(passages) != manifest.get("passage_count"):
        raise CorruptIndexError(f"The index in {index_dir} holds {len(passages)} passages, its manifest says "
                                f"{manifest.get('passage_count')}.", REBUILD_HINT)
    kinds = manifest.get("sentence_kinds", list(SENTENCE_KINDS))
    if not isinstance(kinds, list) or not all(isinstance(k, str) for k in kinds):
        raise StaleIndexError(f"The index manifest in {index_dir} names its sentence kinds wrongly.", REBUILD_HINT)
    if tuple(kinds) != sentence_kinds_for(passages):  # built under another rule (SENTENCE_ALL_LIMIT)
        raise StaleIndexError(f"The index in {index_dir} stores the sentences of other kinds of passage than "
                              "this version of the explorer does.", REBUILD_HINT)
    if len(sentence_vectors) != sum(len(sentence_spans(p.text)) for p in passages if p.kind in kinds):
        raise CorruptIndexError(f"The sentence vectors in {index_dir} do not match the passages.", REBUILD_HINT)
    return LoadedIndex(store, passages, manifest, sentence_vectors, tuple(kinds))


def build_index(corpus_dir: Path, index_dir: Path, encoder, exact_limit: int, progress=None) -> dict:
    """Validate the corpus, embed every passage and write the index; returns the manifest.

    `progress(done, total)`: texts embedded so far, for a progress bar (None when finished)."""
    started = time.perf_counter()
    passages = split_corpus(load_corpus(corpus_dir))
    return write_index(passages, corpus_key(corpus_dir), index_dir, encoder, exact_limit, progress, started)


def write_index(passages: list[Passage], corpus_fingerprint: str, index_dir: Path, encoder, exact_limit: int,
                progress=None, started: float | None = None, ann_type: str | None = None) -> dict:
    """Embed these passages (one text each, and the sentences of sentence_kinds_for them) and write the index."""
    started = time.perf_counter() if started is None else started
    kinds = sentence_kinds_for(passages)
    curated = [p for p in passages if p.kind in kinds]
    sentence_texts = lambda p: [p.text[a:b] for a, b in sentence_spans(p.text)]
    total = len(passages) + sum(len(sentence_texts(p)) for p in curated)
    counter = _Progress(progress, total)
    counter.advance(0)  # the bar starts now, so its rate and time left are right
    vectors = _encode_by_group(encoder, passages, lambda p: [p.embed_text], counter)
    sentence_vectors = _encode_by_group(encoder, curated, sentence_texts, counter)
    counter.finish()
    index_dir = Path(index_dir)
    check_writable(index_dir)
    files = IndexFiles(index_dir)
    for legacy in LEGACY_FILES:
        files.remove(legacy)
    store = FaissStore.create(index_dir, vectors.shape[1], exact_limit, ann_type=ann_type)
    store.add(passages, vectors)
    files.save_store(store)
    buffer = io.BytesIO()
    np.save(buffer, np.asarray(sentence_vectors, dtype=np.float32).reshape(-1, vectors.shape[1]), allow_pickle=False)
    files.write(SENTENCES, buffer.getvalue())
    manifest = {
        "format": FORMAT,
        "model": encoder.name,
        "dimension": int(vectors.shape[1]),
        "corpus_fingerprint": corpus_fingerprint,
        "passage_count": len(passages),
        "store": "faiss",
        "index_type": store.index_type,
        "sentence_kinds": list(kinds),
        "built_at": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        "build_seconds": round(time.perf_counter() - started, 3),
        "versions": _versions(),
        "files": dict(files.written),
    }
    files.write(MANIFEST, json.dumps(manifest, indent=2).encode("utf-8"), record=False)
    return manifest


class _Progress:
    """Texts embedded of the build's total, reported to a `progress(done, total)` callback."""

    def __init__(self, callback, total: int):
        self.callback, self.total, self.done = callback, total, 0

    def advance(self, count: int) -> None:
        self.done += count
        if self.callback:
            self.callback(self.done, self.total)

    def finish(self) -> None:
        if self.callback:
            self.callback(None, self.total)


def _encode_by_group(encoder, passages: list[Passage], texts_of, progress: _Progress | None = None) -> np.ndarray:
    """Embeddings of texts_of(passage) for every passage, in passage order, encoded group by group.

    With the int8 model a text's embedding depends slightly on the other texts in its batch
    (activation scales are set per batch): the same passage embedded beside other passages can
    move by a cosine of 0.01-0.04. Encoding each group on its own keeps the documents' vectors
    (and the coverage scores calibrated on them, explorer.analysis.coverage) unchanged when the timeline or
    the fact-checks are edited, and the other way round. A large group is encoded ENCODE_CHUNK
    texts at a time, so a progress bar moves and a killed build keeps what the cache stored."""
    if not passages:
        return encoder.encode([])
    texts = [texts_of(p) for p in passages]
    groups: dict[str, list[int]] = {}
    for i, passage in enumerate(passages):
        groups.setdefault(_group_of(passage), []).append(i)
    per_passage = [None] * len(passages)
    for members in groups.values():
        flat = [t for i in members for t in texts[i]]
        parts = []
        for start in range(0, len(flat), ENCODE_CHUNK):
            parts.append(encoder.encode(flat[start:start + ENCODE_CHUNK]))
            if progress:
                progress.advance(len(parts[-1]))
        encoded = np.concatenate(parts) if parts else encoder.encode([])
        offsets = np.cumsum([0] + [len(texts[i]) for i in members])
        for i, a, b in zip(members, offsets[:-1], offsets[1:]):
            per_passage[i] = encoded[a:b]
    return np.concatenate(per_passage).astype(np.float32)


def _group_of(passage: Passage) -> str:
    """The JSON documents embed together; each data file (timeline, fact-checks) on its own."""
    return passage.doc if passage.kind in (EVENT, FACTCHECK) else ""


def ensure_index(config, encoder_factory, force: bool = False, progress=None) -> tuple[str, str]:
    """Build the index if it is missing, stale or corrupt. Returns (action, reason)."""
    corpus_dir, index_dir, model = config.corpus_dir, Path(config.index_dir), config.model_id
    reason = "forced rebuild" if force else ""
    if not force:
        try:
            load_index(index_dir, model, corpus_dir, config.exact_limit)
            return "fresh", "index matches the corpus and model"
        except ExplorerError as problem:
            reason = problem.problem
    check_writable(index_dir, reason)
    with build_lock(index_dir):
        if not force:  # another process may have built it while we waited for the lock
            try:
                load_index(index_dir, model, corpus_dir, config.exact_limit)
                return "fresh", "built by another process meanwhile"
            except ExplorerError:
                pass
        load_corpus(corpus_dir)  # a malformed record stops us before the slow model load
        check_review(corpus_dir)
        build_index(corpus_dir, index_dir, encoder_factory(), config.exact_limit, progress)
    return "built", reason


def check_review(corpus_dir: Path) -> None:
    """The reviewed coverage reading (corpus/reviews/), when the corpus has one, is read like any
    corpus file at build time, so a damaged review stops `build` with its file named instead of
    failing later on the principles page."""
    from explorer.analysis.coverage.agreement import second_readings
    from explorer.analysis.coverage.readings import shipped_readings

    shipped_readings(corpus_dir)
    second_readings(corpus_dir)


def _inside(name: str) -> bool:
    """A manifest entry names a file inside the index folder (the store's own subfolder allowed)."""
    parts = Path(name).parts
    return bool(parts) and not Path(name).is_absolute() and not any(p in (".", "..") for p in parts)


def _versions() -> dict:
    from importlib.metadata import PackageNotFoundError, version

    found = {"python": platform.python_version(), "explorer": __version__}
    for package in ("faiss-cpu", "bm25s", "numpy", "sentence-transformers", "torch", "transformers"):
        try:
            found[package] = version(package)
        except PackageNotFoundError:
            found[package] = None
    return found
