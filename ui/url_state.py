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
    problem = _resolve_collection()[1]
    write(state)
    return state, repeats + ([problem] if problem else []) + notices


def write(state) -> None:
    """Show `state` (in the current collection): the address bar says it, the next run renders it."""
    wanted = {**state.to_params(), **shared_params()}
    if current_params() != {name: [value] for name, value in wanted.items()}:
        st.query_params.from_dict(wanted)


def collection() -> collections.Collection:
    """The collection the URL names, as this browser may see it (the bundled story when it names
    none, or one this browser cannot open)."""
    return access().collection


def access():
    """What `c=` opens for this browser (explorer.workspace.access.Access): the collection, and
    whether this reader may write to it or keep notes on it."""
    return _resolve_collection()[0]


def story():
    """The story of the collection the URL names, with the reviewed layer this reader may see and
    write: its own workspace's (writable), a published one's owner's (read-only), the bundled
    story's shipped one (read-only). Pages with review controls show them only if `story.writable`."""
    from explorer.story.model import open_story
    from ui import loaders, workspace

    return open_story(loaders.config(), collection(), workspace.database())


def shared_params() -> dict:
    """The parameters every page keeps when the reader moves between pages: the collection."""
    param = collection().param
    return {COLLECTION: param} if param else {}


def _resolve_collection():
    """(access, notice or None), by the one resolver the twins and previews use too."""
    from explorer.story.database import DatabaseError
    from explorer.workspace.access import resolve
    from ui import loaders, workspace

    value = first(current_params(), COLLECTION) or ""
    try:
        mine, database = workspace.current(), workspace.database()
    except DatabaseError:  # no database here (a read-only deploy): the bundled story still opens
        mine, database = None, None
    return resolve(loaders.config(), value, mine, database)


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
