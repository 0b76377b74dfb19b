"""Each browser session's private collections, isolated on a shared server.

A session gets a random token and a folder COLLECTIONS_DIR/.sessions/TOKEN of its own; only
that session can open what it uploaded (another browser asking for the same name is told it
does not exist here). The folder is deleted when the session ends (a finaliser on an object
kept in the session's state, which Streamlit drops with the session) or, at the latest,
EXPLORER_SESSION_TTL_MINUTES after it was last changed (swept whenever anyone uploads).
"""

import shutil
import time
import uuid
import weakref
from pathlib import Path

import streamlit as st

from explorer.story.collections import Store
from ui import loaders

SESSIONS = ".sessions"
_KEY = "_private_collections"


class _SessionFolder:
    """Owns a session's folder; deleting the folder when garbage-collected with the session."""

    def __init__(self, folder: Path):
        self.folder = folder
        self._finalizer = weakref.finalize(self, shutil.rmtree, str(folder), True)


def private_store(create: bool = False) -> Store | None:
    """This session's private collections (None before it has uploaded anything, unless create)."""
    holder = st.session_state.get(_KEY)
    if holder is None:
        if not create:
            return None
        folder = loaders.config().collections_dir / SESSIONS / uuid.uuid4().hex
        folder.mkdir(parents=True, exist_ok=True)
        holder = st.session_state[_KEY] = _SessionFolder(folder)
    return Store(holder.folder)


def sweep_expired() -> int:
    """Delete private folders older than the time limit; returns how many went."""
    config = loaders.config()
    root = config.collections_dir / SESSIONS
    if not root.is_dir():
        return 0
    limit = time.time() - config.session_ttl_minutes * 60
    gone = 0
    for folder in root.iterdir():
        if folder.is_dir() and _last_change(folder) < limit:
            shutil.rmtree(folder, ignore_errors=True)
            gone += 1
    return gone


def passages_in(store: Store) -> int:
    """How many passages this session's collections hold (for the per-session limit)."""
    return sum(passages_of(store, name) for name in store.names())


def passages_of(store: Store, name: str) -> int:
    """How many passages one collection holds (0 while it has no index: no document yet)."""
    from explorer.errors import ExplorerError
    from explorer.store.index import read_manifest

    try:
        return int(read_manifest(store.get(name).index_dir)["passage_count"])
    except ExplorerError:
        return 0


def _last_change(folder: Path) -> float:
    times = [folder.stat().st_mtime] + [p.stat().st_mtime for p in folder.rglob("current") if p.exists()]
    return max(times)
