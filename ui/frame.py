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

from dataclasses import dataclass

import streamlit as st

from explorer.errors import ExplorerError
from ui import building
from ui.building import IndexNotReady
from ui.common import md_escape

APP_NAME = "Microsoft × Mistral story explorer"


@dataclass(frozen=True)
class Page:
    script: str  # what st.page_link takes
    path: str  # URL path ("" is home)
    label: str
    icon: str
    title: str  # the browser tab's title


PAGES = {
    "home": Page("app.py", "", "Home", ":material/home:", "Microsoft × Mistral AI: the story and its sources"),
    "search": Page("pages/search.py", "search", "Search", ":material/search:", "Search the sources"),
    "principles": Page("pages/principles.py", "principles", "Principles", ":material/balance:",
                       "AI Access Principles, principle by principle"),
    "timeline": Page("pages/timeline.py", "timeline", "Timeline", ":material/timeline:", "Investment timeline"),
    "claims": Page("pages/claims.py", "claims", "Claims", ":material/fact_check:", "Claims checked against the sources"),
    "add": Page("pages/add.py", "add", "Add documents", ":material/upload_file:", "Add your own documents"),
    "about": Page("pages/about.py", "about", "About", ":material/info:", "About, sources and method"),
}


def run_page(name: str, render) -> None:
    """Run one page inside the frame: title, navigation, then `render()` behind the error boundary."""
    page = PAGES[name]
    st.set_page_config(page_title=f"{page.title} · {APP_NAME}", page_icon="🔎", layout="wide",
                       menu_items={"About": "Search, compare and chart the primary sources behind a news story "
                                            "on Microsoft's 2024 investment in Mistral AI and its AI Access Principles."})
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
    for name, page in PAGES.items():
        row.page_link(page.script, label=md_escape(page.label), icon=page.icon, width="content", query_params=keep)
    current_collection = collection()
    row.caption(f"Collection: **{md_escape(current_collection.title)}**", width="content")
    st.divider()


def show_error(error: ExplorerError) -> None:
    """The problem and what to do about it, as text (never markup from the message), with files
    named relative to the project: a reader never sees the server's paths."""
    problem, fix = for_browser(error)
    st.error(md_escape(problem), icon="⚠️")
    if fix:
        st.info(md_escape(fix))


def for_browser(error: ExplorerError) -> tuple[str, str]:
    """(problem, fix) of an error as a page shows it: every absolute path made relative
    (ui.paths). The one place pages turn an ExplorerError into text."""
    from explorer import settings
    from ui import loaders
    from ui.paths import relative

    try:
        config = loaders.config()
        folders = {"corpus": config.corpus_dir, "index": config.index_dir, "collections": config.collections_dir}
    except ExplorerError:  # the settings themselves are wrong: no folder is known yet
        folders = {}
    return (relative(error.problem, folders, settings.ROOT), relative(error.fix, folders, settings.ROOT))


def curated_only(page: str) -> bool:
    """On a page curated for the bundled story (timeline, principles), say so when the URL names
    another collection, with a link back to the story. True when the page should stop here."""
    from ui.url_state import collection

    current = collection()
    if current.read_only:
        return False
    st.title(md_escape(PAGES[page].label))
    st.info(md_escape(f"The {PAGES[page].label.lower()} page is curated for the bundled story; the collection "
                      f"“{current.title}” holds only the documents added to it. Search it on the Search page."))
    st.page_link(PAGES[page].script, label=md_escape(f"Open the story's {PAGES[page].label.lower()}"), icon=PAGES[page].icon)
    return True
