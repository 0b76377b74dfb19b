"""The frame every page runs in: browser title, top navigation, and the one error boundary.

The app uses Streamlit's own `pages/` convention: `app.py` is the home page and each file in
`pages/` is a page whose URL path is its file name, so a shared deep link (/search?q=...) is
served by that page on a fresh server with no routing code of ours. The sidebar navigation is
turned off in .streamlit/config.toml (client.showSidebarNavigation = false); `header()` draws
the navigation at the top with st.page_link instead.

Each page calls `run_page(PAGE, render)`. `render()` parses the URL, calls the core and
renders. The core's typed errors (ExplorerError: a corpus record, a missing model) end here as
the problem and its fix; an index that is missing, stale or damaged (IndexNotReady) ends in the
background build's progress view (ui.building), never in a build inside the request.
Streamlit's own stop and rerun signals are neither and pass through untouched.
"""

import streamlit as st

from explorer.errors import ExplorerError, IndexNotReady
from explorer.links.pages import BY_NAME, REGISTRY
from ui import building
from ui.common import md_escape
from ui.errors import show_error

APP_NAME = "Story explorer"
PAGES = REGISTRY  # every page, in navigation order (explorer.links.pages)


def run_page(name: str, render) -> None:
    """Run one page inside the frame: title, navigation, then `render()` behind the error boundary."""
    page = BY_NAME[name]
    st.set_page_config(page_title=f"{page.title} · {APP_NAME}", page_icon="🔎", layout="wide",
                       menu_items={"About": "Search, compare and chart a news story and the primary sources behind it."})
    try:
        header(name)  # inside the boundary: it reads the settings, and a bad setting is an ExplorerError
        render()
    except IndexNotReady as problem:
        building.show(problem)
    except ExplorerError as error:
        show_error(error)


def header(current: str) -> None:
    """The top navigation: one link per page, the current one marked."""
    from ui.url_state import collection, shared_params

    row = st.container(horizontal=True, gap="small", key="top-nav", vertical_alignment="center")
    keep = shared_params()
    for page in PAGES:
        row.page_link(page.script, label=md_escape(page.label), icon=page.icon, width="content", query_params=keep)
    current_collection = collection()
    row.caption(f"Collection: **{md_escape(current_collection.title)}**"
                + (" (published, read-only)" if current_collection.published else ""), width="content")
    st.divider()
    if st.query_params.get("workspace") == "refused":
        st.warning("That workspace link no longer opens a workspace: it was revoked, replaced by a newer one, or the "
                   "workspace was deleted after a long time unused. This browser keeps its own workspace.")
