"""This browser's workspace, as the pages see it: found from the cookie the server's middleware
set (serving.workspace), read through st.context.cookies (pages cannot write cookies).

No cookie, or one that opens no live workspace (blocked cookies, an expired workspace the
middleware has not replaced yet): `current()` is None, and the pages say that nothing can be kept.
"""

import time

import streamlit as st

from explorer.workspace import workspaces
from ui import loaders

_CACHE = "_workspace_found"
RECHECK_SECONDS = 30  # a deleted or swept workspace stops opening within this long in an open tab


def database():
    from explorer.story.database import open_database

    return open_database(loaders.config().database)


def current() -> workspaces.Workspace | None:
    """The live workspace this browser's cookie opens (checked again every RECHECK_SECONDS); the
    first session to use a cookie the server issued makes its workspace (workspaces.adopt)."""
    secret = _cookie()
    if not secret:
        return None
    digest = workspaces.digest(secret)
    cached = st.session_state.get(_CACHE)
    if cached and cached[0] == digest and time.monotonic() - cached[1] < RECHECK_SECONDS:
        return cached[2]
    found = workspaces.adopt(database(), secret, loaders.config().workspace_ttl_days)
    st.session_state[_CACHE] = (digest, time.monotonic(), found)
    return found


def _cookie() -> str | None:
    try:
        value = st.context.cookies.get(workspaces.COOKIE)
    except Exception:  # outside a browser session (a test harness): no cookie
        return None
    return value if isinstance(value, str) else None


def passages_in(store) -> int:
    """How many passages the workspace's collections hold (for its limit)."""
    return sum(passages_of(store, name) for name in store.names())


def passages_of(store, name: str) -> int:
    """How many passages one collection holds (0 while it has no index: no document yet)."""
    from explorer.errors import ExplorerError
    from explorer.store.index import read_manifest

    try:
        return int(read_manifest(store.get(name).index_dir)["passage_count"])
    except ExplorerError:
        return 0
