"""Add documents to a collection, or remove them: extract, write, re-index incrementally.

Each file gets a result line: added, skipped (a duplicate, with what it duplicates) or failed
(why, in a sentence). A change is built in a staging copy and published in one swap
(explorer.story.collections), and only passages the embedding cache has not seen are embedded.
"""

import json
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from explorer.story.collections import CollectionError, DocumentEntry, FileResult, Store, now_utc
from explorer.ingest.embed_cache import CachedEncoder, EmbeddingCache
from explorer.errors import ExplorerError
from explorer.story.passages import DOCUMENT, PAGE_BREAK
from explorer.settings import Config


@dataclass(frozen=True)
class Upload:
    """A file to add: its display name (never used as a path) and its bytes."""

    name: str
    data: bytes


def add(store: Store, name: str, uploads: list[Upload], config: Config, encoder_factory, limits=None,
        progress=None, max_passages: int | None = None) -> list[FileResult]:
    """Extract every upload, skip duplicates, write the documents and rebuild the index."""
    from explorer.ingest.extract import Limits, extract

    limits = limits or Limits()
    results: list[FileResult] = []
    with store.change(name) as (staging, documents):
        seen = {d.content_hash: d for d in documents}
        for upload in uploads:
            try:
                extracted = extract(upload.data, upload.name, limits)
            except ExplorerError as error:
                results.append(FileResult(upload.name, "failed", error.problem))
                continue
            except Exception as error:  # a library choking on a hostile file: that file fails, nothing else
                results.append(FileResult(upload.name, "failed", f"could not be read ({type(error).__name__})."))
                continue
            added, skipped = [], []
            for doc in extracted:
                if doc.content_hash in seen:
                    skipped.append(seen[doc.content_hash].title)
                    continue
                entry = _write_document(staging / "corpus", doc, upload.name)
                documents.append(entry)
                seen[doc.content_hash] = entry
                added.append(entry.id)
            if added:
                results.append(FileResult(upload.name, "added", f"{len(added)} document(s) added.", tuple(added)))
            else:
                results.append(FileResult(upload.name, "skipped", "already in the collection (same content as "
                                          f"“{skipped[0] if skipped else upload.name}”)."))
        if not any(r.status == "added" for r in results):
            raise _NothingToDo(results)
        passages = _rebuild(staging, store, name, config, encoder_factory, progress, max_passages)
        for i, result in enumerate(results):
            if result.status == "added":
                results[i] = FileResult(result.name, result.status, result.message + f" The collection now has {passages:,} passage"
                                        + ("s." if passages != 1 else "."),
                                        result.documents)
    return results


def remove(store: Store, name: str, doc_or_file: str, config: Config, encoder_factory) -> DocumentEntry:
    """Remove one document (by id or uploaded file name); nothing else is re-embedded."""
    collection = store.get(name)
    entry = collection.document(doc_or_file)
    if entry is None:
        raise CollectionError(f"Collection '{name}' has no document or file '{str(doc_or_file)[:60]}'.",
                              f"See its documents with `python -m explorer collection show {name}`.")
    with store.change(name) as (staging, documents):
        documents[:] = [d for d in documents if d.id != entry.id]
        for suffix in (".json", ".txt"):
            (staging / "corpus" / f"{entry.id}{suffix}").unlink(missing_ok=True)
        if documents:
            _rebuild(staging, store, name, config, encoder_factory, None, None)
    _flag_reviews(config, store.get(name), entry)
    return entry


def _flag_reviews(config: Config, collection, removed: DocumentEntry) -> None:
    """Decisions that cited the removed document are flagged, never deleted: a person decides
    whether they still hold. (Its derived records go with its passages: the layers are computed
    from the passages a version holds.)"""
    from explorer.story.model import open_story

    open_story(config, collection).reviews.flag_citing(
        [removed.id], f"The document “{removed.title}” ({removed.id}) this decision cites was removed.")


class _NothingToDo(Exception):
    """Every file failed or was a duplicate: nothing to publish (the results say why)."""

    def __init__(self, results):
        self.results = results


def add_files(store: Store, name: str, uploads: list[Upload], config: Config, encoder_factory, **options) -> list[FileResult]:
    """`add`, where a batch that adds nothing is not an error: the results say why per file."""
    try:
        return add(store, name, uploads, config, encoder_factory, **options)
    except _NothingToDo as nothing:
        return nothing.results


def _rebuild(staging: Path, store: Store, name: str, config: Config, encoder_factory, progress, max_passages) -> int:
    from explorer.story.corpus import load_corpus
    from explorer.store.index import build_index
    from explorer.story.passages import split_corpus

    passages = split_corpus(load_corpus(staging / "corpus"))
    if max_passages is not None and len(passages) > max_passages:
        raise CollectionError(f"This would make {len(passages):,} passages; the limit here is {max_passages:,}.",
                              "Add fewer or shorter documents, or ask the operator for a persistent collection.")
    encoder = CachedEncoder(encoder_factory(), EmbeddingCache(store.cache_path(name)), progress)
    build_index(staging / "corpus", staging / "index", encoder, config.exact_limit)
    return len(passages)


def _write_document(corpus_dir: Path, doc, source_name: str) -> DocumentEntry:
    """One extracted document as a corpus text document: one paragraph per line, pages apart."""
    doc_id = f"{_slug(doc.title)}-{doc.content_hash[:6]}"
    pages = doc.pages or [doc.text]
    body = f"\n{PAGE_BREAK}\n".join("\n".join(_paragraphs(page)) for page in pages)
    record = {
        "id": doc_id, "title": doc.title, "kind": DOCUMENT, "date": doc.date, "publisher": doc.author,
        "source_url": doc.url,
        "source_note": None if doc.url else "Added by a user of the explorer; no source URL was given.",
        "text_file": f"{doc_id}.txt", "paged": bool(doc.pages), "format": doc.format,
    }
    corpus_dir.mkdir(parents=True, exist_ok=True)
    (corpus_dir / f"{doc_id}.txt").write_text(body, encoding="utf-8")
    (corpus_dir / f"{doc_id}.json").write_text(json.dumps(record, ensure_ascii=False, indent=2), encoding="utf-8")
    return DocumentEntry(id=doc_id, title=doc.title, source_name=source_name, format=doc.format,
                         content_hash=doc.content_hash, added_at=now_utc(), date=doc.date, url=doc.url,
                         author=doc.author, pages=len(doc.pages))


def _paragraphs(text: str) -> list[str]:
    """Blank-line separated paragraphs, each joined onto one line (the passage splitter's unit)."""
    blocks = re.split(r"\n\s*\n", text or "")
    return [" ".join(block.split()) for block in blocks if block.strip()]


def _slug(title: str) -> str:
    ascii_title = unicodedata.normalize("NFKD", title or "").encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_title.lower()).strip("-")[:30].strip("-")
    return slug or "document"
