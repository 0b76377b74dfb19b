"""Entry point: declares the navigation once. Pages are thin functions of their URL state.

Every page first calls ui.routing.ensure_app_navigation(), so that a shared link opened as a
fresh server's first request still runs inside this navigation (see that module for why).

Run with `make run` (or `streamlit run app.py`).
"""

import streamlit as st

st.set_page_config(
    page_title="Microsoft × Mistral: story explorer",
    page_icon="🔎",
    layout="wide",
    menu_items={"About": "Search, compare and chart the primary sources behind a news story "
                         "on Microsoft's 2024 investment in Mistral AI and its AI Access Principles."},
)

PAGES = [
    st.Page("pages/home.py", title="Home", icon=":material/home:", default=True),
    st.Page("pages/search.py", title="Search", icon=":material/search:", url_path="search"),
    st.Page("pages/principles.py", title="Principles", icon=":material/balance:", url_path="principles"),
    st.Page("pages/timeline.py", title="Timeline", icon=":material/timeline:", url_path="timeline"),
    st.Page("pages/about.py", title="About", icon=":material/info:", url_path="about"),
]

st.navigation(PAGES, position="top").run()
