"""Entry point: declares the navigation once. Pages are thin functions of their URL state.

Page files are named `*_page.py`, not after their URL paths: Streamlit still treats a `pages/`
folder as an automatic multipage app, and on a fresh server a first request to /search would
otherwise run pages/search.py on its own, without this navigation or the wide layout.

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
    st.Page("pages/home_page.py", title="Home", icon=":material/home:", default=True),
    st.Page("pages/search_page.py", title="Search", icon=":material/search:", url_path="search"),
    st.Page("pages/principles_page.py", title="Principles", icon=":material/balance:", url_path="principles"),
    st.Page("pages/timeline_page.py", title="Timeline", icon=":material/timeline:", url_path="timeline"),
    st.Page("pages/about_page.py", title="About", icon=":material/info:", url_path="about"),
]

st.navigation(PAGES, position="top").run()
