"""Make every page run inside app.py's navigation, even as a fresh server's first request.

Streamlit 1.67 still treats a `pages/` folder beside the main script as a legacy automatic
multipage app until the main script has called st.navigation once. On a freshly started (or
woken) server, a shared link to /search would therefore run pages/search.py on its own: no top
navigation, no wide layout, a sidebar of raw file names. Naming the files differently only
trades that for a "Page not found" dialog. Each page calls `ensure_app_navigation()` first: in
legacy mode it switches the process to st.navigation routing and reruns, so app.py routes the
same URL. This leans on one Streamlit internal (PagesManager.uses_pages_directory), pinned by
requirements.txt and guarded by a browser test that opens a deep link on a fresh server.
"""

import streamlit as st


def ensure_app_navigation() -> None:
    from streamlit.runtime.pages_manager import PagesManager

    if PagesManager.uses_pages_directory:
        PagesManager.uses_pages_directory = False  # what st.navigation itself sets on its first call
        st.rerun()
