"""Every cached loader the pages use, in one place: config, corpus, timeline, engine, comparison.

Each is computed once per process (st.cache_resource) and shared read-only by every session.
They raise the core's typed errors; the page frame (ui.frame) turns those into a message.
Importing this module does not import torch: the model loads only when a search needs it.
"""

from pathlib import Path

import streamlit as st

from explorer import settings
from explorer.settings import Config


@st.cache_resource(show_spinner=False)
def config() -> Config:
    """The settings, resolved once per process from the environment."""
    return settings.load()


def _mtime(path: Path) -> float:
    return path.stat().st_mtime if path.exists() else 0.0


@st.cache_resource(show_spinner=False)
def _documents(corpus_dir: Path, fingerprint: str) -> list:
    from explorer.corpus import load_corpus

    return load_corpus(corpus_dir)


def documents(collection=None) -> list:
    """The corpus documents (validated) of a collection; reread when a corpus file changes."""
    from explorer.corpus import fingerprint

    corpus_dir = config().corpus_dir if collection is None else collection.corpus_dir
    return _documents(corpus_dir, fingerprint(corpus_dir))


def documents_by_id(collection=None) -> dict:
    return {d.id: d for d in documents(collection)}


@st.cache_resource(show_spinner=False)
def _timeline(path: Path, mtime: float):
    from explorer.timeline import load_timeline

    return load_timeline(path)


def timeline():
    """The timeline events (validated pandas frame); reread when the file changes. Read-only."""
    path = config().timeline_path
    return _timeline(path, _mtime(path))


@st.cache_resource(show_spinner="Loading the search index…", max_entries=16)
def _engine(cfg: Config):
    from explorer.engine import Engine

    return Engine.open(cfg, build=True)


def engine(collection=None):
    """The shared engine of a collection (default: the bundled story): its index, built first if
    missing or stale. The model loads lazily. A collection's new version is a new index folder,
    so it gets a new engine."""
    cfg = config() if collection is None else collection.config(config())
    return _engine(cfg)


def engine_with_model(collection=None):
    """The engine with its embedding model loaded (a spinner the first time in this process)."""
    shared = engine(collection)
    if not shared.encoder_loaded:
        with st.spinner("Loading the language model (first search only)…"):
            shared.encoder  # noqa: B018 - loads the model
    return shared


@st.cache_resource(show_spinner="Comparing the principles with the article…")
def _principles(_engine, index_key: str):
    from explorer.principles_data import load_principles_data

    return load_principles_data(_engine)


def principles():
    """Coverage, alignments and frameworks, computed once per index build."""
    shared = engine()
    m = shared.manifest
    return _principles(shared, f"{m.get('model')}|{m.get('corpus_fingerprint')}|{m.get('built_at')}")


@st.cache_resource(show_spinner=False)
def _sources(corpus_dir: Path, fingerprint: str, timeline_path: Path, timeline_mtime: float) -> list[dict]:
    from explorer.sources import all_sources

    return all_sources(corpus_dir, timeline_path)


def sources() -> list[dict]:
    """Every public source URL with the records that cite it."""
    from explorer.corpus import fingerprint

    cfg = config()
    return _sources(cfg.corpus_dir, fingerprint(cfg.corpus_dir), cfg.timeline_path, _mtime(cfg.timeline_path))


def manifest() -> dict:
    """The index manifest as on disk (the About page shows it; no model, no engine)."""
    from explorer.index import read_manifest

    return read_manifest(config().index_dir)
