"""Every cached loader the pages use, in one place: config, corpus, timeline, engine, comparison.

Each is computed once per process (st.cache_resource) and shared read-only by every session.
They raise the core's typed errors; the page frame (ui.frame) turns those into a message.
Importing this module does not import torch: the model loads only when a search needs it.
"""

from pathlib import Path

import streamlit as st

from explorer import settings
from explorer.errors import IndexNotReady
from explorer.settings import Config


@st.cache_resource(show_spinner=False)
def config() -> Config:
    """The settings, resolved once per process from the environment."""
    return settings.load()


def _mtime(path: Path) -> float:
    return path.stat().st_mtime if path.exists() else 0.0


def _folder_stamp(folder: Path) -> tuple:
    """Name, size and modification time of every file in a folder: a cache key that changes when
    any file does, found by stat alone (no file is read on a rerun)."""
    folder = Path(folder)
    if not folder.is_dir():
        return ()
    return tuple((str(p.relative_to(folder)), p.stat().st_size, p.stat().st_mtime_ns)
                 for p in sorted(folder.rglob("*")) if p.is_file())


@st.cache_resource(show_spinner=False)
def _documents(corpus_dir: Path, stamp: tuple) -> list:
    from explorer.story.corpus import load_corpus

    return load_corpus(corpus_dir)


def documents(collection=None) -> list:
    """The corpus documents (validated) of a collection. The bundled corpus is edited in place, so
    it is reread when a file's stat changes; a collection's published version never changes (an
    add or remove publishes a new version folder), so its folder is the whole key: statting every
    file cost 0.14 s a rerun at 2,000 documents."""
    if collection is None or collection.read_only:
        corpus_dir = config().corpus_dir if collection is None else collection.corpus_dir
        return _documents(corpus_dir, _folder_stamp(corpus_dir))
    return _documents(collection.corpus_dir, ("published version",))


@st.cache_resource(show_spinner=False, max_entries=64)
def _story(_collection, key: tuple):
    from explorer.story.model import open_story

    return open_story(config(), _collection)


def story(collection=None):
    """The story of a collection (default: the bundled story): its documents, info and reviewed
    layer. Cached per published version (a collection's folder) or, for a corpus edited in place,
    per file stat; its decisions are read from the database on each use, never cached."""
    from explorer.story import collections

    found = collection if collection is not None else collections.bundled(config())
    stamp = _folder_stamp(found.corpus_dir) if found.read_only else ("published version",)
    return _story(found, (found.story_key, found.published, str(found.corpus_dir), stamp))


@st.cache_resource(show_spinner="Finding the people, organisations and places named in the documents…",
                   max_entries=16)
def _derived_entities(_story, key: tuple):
    from explorer.analysis.entities import derived_entities

    return derived_entities(_story)


def entity_index(collection=None):
    """The story's entities: the derived layer computed once per published version (and cached per
    passage on disk), the reviewed decisions applied on every call (they change as people decide)."""
    from explorer.analysis.entities import LAYER, VERSION, apply_reviews

    shown = story(collection)
    derived = _derived_entities(shown, _version_key(shown) + (VERSION,))
    return apply_reviews(derived, shown.reviews.history(LAYER))


def documents_by_id(collection=None) -> dict:
    return {d.id: d for d in documents(collection)}


@st.cache_resource(show_spinner=False)
def _timeline(path: Path, mtime: float):
    from explorer.story.timeline import load_timeline

    return load_timeline(path)


def timeline():
    """The timeline events (validated pandas frame); reread when the file changes. Read-only."""
    path = config().timeline_path
    return _timeline(path, _mtime(path))


def story_timeline(collection=None):
    """(story, Timeline, its table) of a collection: extracted events (cached per passage) under
    the decisions in force now (explorer.analysis.events)."""
    from explorer.analysis.events import VERSION, timeline_of
    from explorer.analysis.events.frame import timeline_frame

    found = story(collection)
    timeline = timeline_of(found, _derived_events(found, _version_key(found) + (VERSION,)))
    return found, timeline, timeline_frame(timeline.events)


@st.cache_resource(show_spinner="Finding the dated events in the documents…", max_entries=16)
def _derived_events(_story, key: tuple):
    """The extracted events, merged across documents, once per published version: at 100,000
    passages reading and merging them takes seconds (BENCHMARKS.md, "Derived layers"). The
    decisions are applied over them on every view (timeline_of)."""
    from explorer.analysis.events import events_of

    return events_of(_story)


def _version_key(shown) -> tuple:
    """What a collection's derived layers depend on: its reviewed layer's key, its corpus folder
    and (for a corpus edited in place) the folder's file stats; a published version never changes."""
    corpus = shown.collection.corpus_dir
    return (shown.key, str(corpus), _folder_stamp(corpus) if shown.collection.read_only else ("published version",))


@st.cache_resource(show_spinner="Loading the search index…", max_entries=16)
def _engine(cfg: Config):
    from explorer.search.engine import Engine

    return Engine.open(cfg, build=False)  # never builds in a request: see ui.building


def engine(collection=None):
    """The shared engine of a collection (default: the bundled story), opened from its built index.
    A missing, stale or damaged index raises IndexNotReady: the page frame then shows the
    background build's progress (ui.building). The model loads lazily. A collection's new
    version is a new index folder, so it gets a new engine."""
    from explorer.errors import CorruptIndexError, IndexMissingError, StaleIndexError

    cfg = config() if collection is None else collection.config(config())
    try:
        return _engine(cfg)
    except (IndexMissingError, StaleIndexError, CorruptIndexError) as reason:
        raise IndexNotReady(cfg, reason) from None


def engine_with_model(collection=None):
    """The engine with its embedding model loaded (a spinner the first time in this process)."""
    shared = engine(collection)
    if not shared.encoder_loaded:
        with st.spinner("Loading the language model (first search only)…"):
            shared.encoder  # noqa: B018 - loads the model
    return shared


def index_key(shared) -> str:
    """What identifies an engine's index build, for caches of what is computed from it."""
    m = shared.manifest
    return f"{shared.config.index_dir}|{m.get('model')}|{m.get('corpus_fingerprint')}|{m.get('built_at')}"


@st.cache_resource(show_spinner=False, max_entries=16)
def _vocabulary(_engine, key: str):
    from explorer.search.spelling import vocabulary

    return vocabulary(p.text for p in _engine.passages)


def vocabulary(collection=None):
    """The words a collection's passages use, with counts (for "did you mean"), once per index build."""
    shared = engine(collection)
    return _vocabulary(shared, index_key(shared))


@st.cache_resource(show_spinner="Comparing the principles with the article…")
def _principles(_engine, key: str):
    from explorer.analysis.coverage.principles_data import load_principles_data

    return load_principles_data(_engine)


@st.cache_resource(show_spinner=False)
def _factchecks(corpus_dir: Path, mtime: float) -> dict:
    from explorer.analysis.coverage.alignment import load_factchecks

    return load_factchecks(corpus_dir)  # a fault raises, and is not cached: the next run reads again


def check_story_files() -> None:
    """Read the story's fact-checks before opening the index: a missing or damaged factchecks.json
    is a corpus fault to name (CorpusError), not a changed corpus to rebuild the index for. Read
    again only when the file changes."""
    from explorer.story.corpus import FACTCHECKS_FILE

    corpus_dir = config().corpus_dir
    _factchecks(corpus_dir, _mtime(corpus_dir / FACTCHECKS_FILE))


def principles(collection=None):
    """Coverage, alignments and frameworks, computed once per index build."""
    check_story_files()
    shared = engine(collection)
    return _principles(shared, index_key(shared))


@st.cache_resource(show_spinner=False, max_entries=16)
def _reference_choices(_bundled, _engine, bundled_key: str, key: str):
    from explorer.analysis.coverage.reference_sets import reference_sets, study_documents

    return [(d.id, d.title) for d in study_documents(_engine)], reference_sets(_bundled, _engine)


def reference_choices(collection) -> tuple[list[tuple[str, str]], list]:
    """(documents of a collection that can be studied, as (id, title); reference sets on offer)."""
    bundled, shared = engine(), engine(collection)
    return _reference_choices(bundled, shared, index_key(bundled), index_key(shared))


@st.cache_resource(show_spinner="Comparing the document with the reference list…", max_entries=64)
def _document_comparison(_bundled, _engine, _story, bundled_key: str, key: str, reviews: tuple, doc_id: str,
                         ref_id: str):
    from explorer.analysis.coverage.study import compare_in_story

    return compare_in_story(_story, _bundled, _engine, doc_id, ref_id)


def document_comparison(collection, doc_id: str, ref_id: str):
    """One document of a collection against one reference list, recomputed when a coverage review
    is recorded (the model loads to embed the items' facets, once per process)."""
    bundled, shared = engine(), engine_with_model(collection)
    current = story(collection)
    reviews = tuple(sorted((k, d.action, d.decided_at) for k, d in current.reviews.current("coverage").items()))
    return _document_comparison(bundled, shared, current, index_key(bundled), index_key(shared), reviews, doc_id,
                                ref_id)


@st.cache_resource(show_spinner=False)
def _sources(corpus_dir: Path, stamp: tuple, timeline_path: Path) -> list[dict]:
    from explorer.story.sources import all_sources

    return all_sources(corpus_dir, timeline_path)


def sources(collection=None) -> list[dict]:
    """Every public source URL of a story with the records that cite it."""
    cfg = config() if collection is None else collection.config(config())
    return _sources(cfg.corpus_dir, _folder_stamp(cfg.corpus_dir), cfg.timeline_path)


def manifest(collection=None) -> dict:
    """A story's index manifest as on disk (the About page shows it; no model, no engine)."""
    from explorer.store.index import read_manifest

    return read_manifest((config() if collection is None else collection.config(config())).index_dir)
