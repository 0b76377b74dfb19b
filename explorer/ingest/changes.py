"""Add documents to a collection, or remove them: extract, write, re-index incrementally.

Each file gets a result line: added, skipped (a duplicate, with what it duplicates) or failed
(why, in a sentence). A change is built in a staging copy and published in one swap
(explorer.story.collections), and only passages the embedding cache has not seen are embedded.
"""

import errno
import json
import re
import sqlite3
import unicodedata
from contextlib import contextmanager
from dataclasses import dataclass, replace
from pathlib import Path

from explorer.story.collections import CollectionError, DocumentEntry, FileResult, Store, now_utc
from explorer.ingest.embed_cache import CachedEncoder, EmbeddingCache
from explorer.errors import ExplorerError
from explorer.ingest.metadata import unsearchable_words, with_user_metadata
from explorer.story.passages import DOCUMENT, PAGE_BREAK
from explorer.settings import Config


@dataclass(frozen=True)
class Upload:
    """A file to add: its display name (never used as a path) and its bytes; optionally the title,
    source URL and date the user gives it, which win over what the file says about itself."""

    name: str
    data: bytes
    title: str | None = None
    url: str | None = None
    date: str | None = None


def add(store: Store, name: str, uploads: list[Upload], config: Config, encoder_factory, limits=None,
        progress=None, max_passages: int | None = None) -> list[FileResult]:
    """Extract every upload, skip duplicates, write the documents and rebuild the index."""
    from explorer.ingest.extract import Limits, extract

    limits = limits or Limits()
    results: list[FileResult] = []
    with _change(store, name) as (staging, documents, cache):
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
                if len(extracted) == 1:
                    doc = with_user_metadata(doc, upload)
                elif (upload.title or upload.url or upload.date) and doc is extracted[0]:
                    doc = replace(doc, warnings=[*doc.warnings, "This file holds several documents (one per CSV "
                                                 "row), so the title, URL and date given with it were not used."])
                entry = _write_document(staging / "corpus", doc, upload.name)
                documents.append(entry)
                seen[doc.content_hash] = entry
                added.append(entry.id)
            if added:
                results.append(FileResult(upload.name, "added", "1 document added." if len(added) == 1 else f"{len(added)} documents added (one per row).", tuple(added)))
            else:
                results.append(FileResult(upload.name, "skipped", "already in the collection (same content as "
                                          f"“{skipped[0] if skipped else upload.name}”)."))
        if not any(r.status == "added" for r in results):
            raise _NothingToDo(results)
        passages = _rebuild(staging, cache, config, encoder_factory, progress, max_passages)
        by_id = {d.id: i for i, d in enumerate(documents)}
        for doc_id in (d for r in results for d in r.documents):
            entry = documents[by_id[doc_id]]
            left_out = unsearchable_words(staging / "corpus", entry, passages)
            if left_out:
                documents[by_id[doc_id]] = replace(entry, warnings=entry.warnings + (left_out,))
        for i, result in enumerate(results):
            if result.status == "added":
                count = len(passages)
                own = sum(1 for p in passages if p.doc in result.documents)
                notes = [w for doc_id in result.documents for w in documents[by_id[doc_id]].warnings]
                results[i] = FileResult(result.name, result.status, result.message + f" It gave {own:,} passage"
                                        + ("s" if own != 1 else "") + f"; the collection now has {count:,} passage"
                                        + ("s." if count != 1 else ".") + "".join(f" Warning: {w}" for w in notes),
                                        result.documents, tuple(notes))
    return results


def remove(store: Store, name: str, doc_or_file: str, config: Config, encoder_factory) -> DocumentEntry:
    """Remove one document (by id or uploaded file name); nothing else is re-embedded."""
    collection = store.get(name)
    entry = collection.document(doc_or_file)
    if entry is None:
        raise CollectionError(f"Collection '{name}' has no document or file '{str(doc_or_file)[:60]}'.",
                              f"See its documents with `python -m explorer collection show {name}`.")
    with _change(store, name) as (staging, documents, cache):
        documents[:] = [d for d in documents if d.id != entry.id]
        for suffix in (".json", ".txt"):
            (staging / "corpus" / f"{entry.id}{suffix}").unlink(missing_ok=True)
        if documents:
            _rebuild(staging, cache, config, encoder_factory, None, None)
    _flag_reviews(config, store.get(name), entry)
    return entry


def _flag_reviews(config: Config, collection, removed: DocumentEntry) -> None:
    """Decisions that cited the removed document are flagged, never deleted: a person decides
    whether they still hold. (Its derived records go with its passages: the layers are computed
    from the passages a version holds.)"""
    from explorer.story.model import open_story

    open_story(config, collection).reviews.flag_citing(
        [removed.id], f"The document “{removed.title}” ({removed.id}) this decision cites was removed.")


def correct(store: Store, name: str, doc_or_file: str, config: Config, encoder_factory, title: str | None = None,
            url: str | None = None, date: str | None = None) -> DocumentEntry:
    """Correct a document's title, source URL or date (None leaves one as it is; an empty URL or
    date removes it). Its passages carry them, so the index is rebuilt; nothing is re-embedded."""
    from explorer.ingest.extract.base import clean_url, short_title
    from explorer.ingest.extract.dates import parse_user_date
    from explorer.ingest.metadata import check_user_metadata

    problems = check_user_metadata(title, url, date)
    if problems:
        raise CollectionError(" ".join(problems), "Correct it and try again.")
    entry = store.get(name).document(doc_or_file)
    if entry is None:
        raise CollectionError(f"Collection '{name}' has no document or file '{str(doc_or_file)[:60]}'.",
                              f"See its documents with `python -m explorer collection show {name}`.")
    changes = {}
    if title is not None:
        changes["title"] = short_title(title)
    if url is not None:
        changes["url"] = clean_url(url) if url.strip() else None
    if date is not None:
        changes["date"] = parse_user_date(date) if date.strip() else None
    corrected = replace(entry, **changes)
    with _change(store, name) as (staging, documents, cache):
        documents[:] = [corrected if d.id == entry.id else d for d in documents]
        path = staging / "corpus" / f"{entry.id}.json"
        record = json.loads(path.read_text(encoding="utf-8"))
        record.update(title=corrected.title, date=corrected.date, source_url=corrected.url,
                      source_note=None if corrected.url else record.get("source_note")
                      or "Added by a user of the explorer; no source URL was given.")
        path.write_text(json.dumps(record, ensure_ascii=False, indent=2), encoding="utf-8")
        _rebuild(staging, cache, config, encoder_factory, None, None)
    return corrected


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


def _rebuild(staging: Path, cache: EmbeddingCache, config: Config, encoder_factory, progress, max_passages) -> list:
    from explorer.story.corpus import load_corpus
    from explorer.store.index import build_index
    from explorer.story.passages import split_corpus

    passages = split_corpus(load_corpus(staging / "corpus"))
    if max_passages is not None and len(passages) > max_passages:
        raise CollectionError(f"This would make {len(passages):,} passages; the limit here is {max_passages:,}.",
                              "Add fewer or shorter documents, or ask the operator for a persistent collection.")
    build_index(staging / "corpus", staging / "index", CachedEncoder(encoder_factory(), cache, progress),
                config.exact_limit)
    return passages


@contextmanager
def _change(store: Store, name: str):
    """Store.change with the collection's embedding cache, where a full disk ends in a sentence and
    leaves nothing behind: the staging copy is gone (Store.change), and so is what this change put
    in the cache (a cache it created is deleted, else the vectors it added are taken out again),
    so the space is free for the next change. Yields (staging, documents, cache)."""
    path = store.cache_path(name)
    opened: dict = {}
    try:
        with store.change(name) as (staging, documents):
            opened["existed"] = path.exists()
            opened["cache"] = EmbeddingCache(path)
            yield staging, documents, opened["cache"]
    except Exception as error:
        if isinstance(error, ExplorerError) or not is_disk_full(error):
            raise
        if "cache" in opened:
            opened["cache"].close()
            if opened["existed"]:
                opened["cache"].discard_new()
            else:
                for leftover in (path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")):
                    leftover.unlink(missing_ok=True)
        raise CollectionError("The disk is full, so the change could not be written; the collection is as it was "
                              "and nothing half-written was kept.",
                              "Free some space on the disk that holds the collections (EXPLORER_COLLECTIONS_DIR), "
                              "then try again.") from None
    finally:
        if "cache" in opened:
            opened["cache"].close()


def is_disk_full(error: BaseException) -> bool:
    """A write that failed for lack of space: the OS's ENOSPC/EDQUOT, SQLite's "disk is full", or a
    library (faiss, numpy) reporting "No space left on device" in its own exception."""
    if isinstance(error, OSError) and error.errno in (errno.ENOSPC, errno.EDQUOT):
        return True
    if isinstance(error, sqlite3.Error) and "full" in str(error).lower():
        return True
    return "no space left on device" in str(error).lower()


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
                         author=doc.author, pages=len(doc.pages), warnings=tuple(doc.warnings))


def _paragraphs(text: str) -> list[str]:
    """Blank-line separated paragraphs, each joined onto one line (the passage splitter's unit)."""
    blocks = re.split(r"\n\s*\n", text or "")
    return [" ".join(block.split()) for block in blocks if block.strip()]


def _slug(title: str) -> str:
    ascii_title = unicodedata.normalize("NFKD", title or "").encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_title.lower()).strip("-")[:30].strip("-")
    return slug or "document"
