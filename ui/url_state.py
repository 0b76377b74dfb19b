"""The one URL-state mechanism every page uses: URL → state (with notices) → widgets → URL.

A page's state is a frozen class from `explorer.links` with `to_params()`, parsed by a pure
function `parse(params) -> (state, notices)`. The flow on every run:

1. `read(parse)`: the address bar is parsed; values that had to be replaced yield notices, and
   the address is rewritten to the state actually shown (so a tampered link never lingers).
2. `show_in_widgets(page, values)`: widgets are pointed at the state, but only those whose
   value differs, so a widget the reader is still typing into is never overwritten.
3. A widget's callback builds the new state and calls `write(state)`; the rerun that follows
   renders it. Nothing else writes st.query_params.

Links are built in one place, `link(page, params)`, which knows the app's URL prefix.

Why not Streamlit's `bind="query-params"`: it silently drops a value it cannot parse, while the
explorer must say what it ignored ("Ignored k='abc' ..."), and it binds one widget to one
parameter, while our states validate parameters together (from/to order, a passage id that
must exist, a collection's documents).
"""

from urllib.parse import urlsplit

import streamlit as st

from explorer.story import collections
from explorer.links import PAGES, first, notice, page_url, repeated

COLLECTION = "c"  # every page: which collection (absent: the bundled story)


def current_params() -> dict[str, list[str]]:
    """The address bar's query parameters, every value of a repeated one kept."""
    return {name: st.query_params.get_all(name) for name in st.query_params}


def read(parse):
    """(state, notices) from the address bar; the address is rewritten to the state shown.

    A repeated parameter keeps its first value on every page (explorer.links.first), with a notice."""
    params = current_params()
    repeats = repeated(params)
    params.pop(COLLECTION, None)
    state, notices = parse(params)
    _, problem = _resolve_collection()
    write(state)
    return state, repeats + ([problem] if problem else []) + notices


def write(state) -> None:
    """Show `state` (in the current collection): the address bar says it, the next run renders it."""
    wanted = {**state.to_params(), **shared_params()}
    if current_params() != {name: [value] for name, value in wanted.items()}:
        st.query_params.from_dict(wanted)


def collection() -> collections.Collection:
    """The collection the URL names (the bundled story when it names none, or one not here)."""
    return _resolve_collection()[0]


def shared_params() -> dict:
    """The parameters every page keeps when the reader moves between pages: the collection."""
    found = collection()
    return {} if found.name == collections.DEFAULT else {COLLECTION: found.name}


def _resolve_collection():
    from ui import loaders
    from ui.session_store import private_store

    name = first(current_params(), COLLECTION) or ""
    try:
        return collections.resolve(loaders.config(), name, private_store()), None
    except collections.CollectionError:
        return collections.bundled(loaders.config()), notice(
            COLLECTION, name, "no collection of that name is here (private collections are visible only in "
            "the browser session that uploaded them)", "the bundled story")


def show_in_widgets(values: dict) -> None:
    """Point widgets (by key) at the state's values, leaving alone those that already agree."""
    for key, value in values.items():
        if key not in st.session_state or st.session_state[key] != value:
            st.session_state[key] = value


def base_url() -> str:
    """scheme://host[:port][/prefix] that links are written with: the configured public URL, or
    the app's address as the reader's browser names it when its host is allowed, never a forged
    Host header (explorer.links.base)."""
    from explorer.links.base import public_base
    from ui import loaders

    parts = urlsplit(st.context.url or "")
    path = parts.path.rstrip("/")
    last = path.rsplit("/", 1)[-1]
    if last in PAGES:
        path = path[: len(path) - len(last)].rstrip("/")
    return public_base(loaders.config(), parts.scheme, parts.netloc, path)


def link(page: str, params: dict, lead: str | None = None) -> str:
    """Absolute link to `page` ("" is home) showing `params` in the current collection."""
    return page_url(base_url(), page, {**params, **shared_params()}, lead)
