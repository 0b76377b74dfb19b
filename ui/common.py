"""What every page needs: the shared engine, notices, errors, and safe highlighted HTML.

The engine (index + lazily loaded model) lives in st.cache_resource: one per process, shared
read-only by every session. Importing this module does not import torch.
"""

import streamlit as st

from explorer.errors import ExplorerError

HIGHLIGHT_CSS = """
<style>
mark { background: #ffe58a; color: inherit; padding: 0 .1em; border-radius: 2px; }
.best { background: #e6f0ff; border-bottom: 2px solid #6c9bd2; }
.passage { line-height: 1.6; font-size: 1rem; }
.passage.context { color: #666; font-size: .95rem; }
</style>
"""


@st.cache_resource(show_spinner="Loading the search index…")
def _engine():
    from explorer.engine import Engine

    return Engine.open(build=True)


def get_engine():
    """The shared engine, or a clear error on the page (never a traceback)."""
    try:
        return _engine()
    except ExplorerError as error:
        st.error(str(error))
        st.stop()


def ensure_model(engine) -> None:
    """Load the embedding model once per process, with a spinner the first time."""
    if not engine.encoder_loaded:
        with st.spinner("Loading the language model (first search only)…"):
            try:
                engine.encoder
            except ExplorerError as error:
                st.error(str(error))
                st.stop()


def show_notices(notices: list[str]) -> None:
    for message in notices:
        st.warning(message, icon="⚠️")


def show_html(fragment: str) -> None:
    """Render HTML built by explorer.highlight.to_html (already escaped) with the page's CSS."""
    st.html(HIGHLIGHT_CSS + fragment)


_MARKDOWN_SPECIALS = set("\\`*_{}[]()<>#+-.!|$~:")


def md_escape(text) -> str:
    """Text safe to place inside st.markdown/st.caption/labels: no markup, no LaTeX, no HTML."""
    return "".join("\\" + c if c in _MARKDOWN_SPECIALS else c for c in str(text))


APP_NAME = "Microsoft × Mistral story explorer"


def set_title(page: str) -> None:
    """The browser tab (and bookmark, and link-preview) title: what this view is, then the app."""
    st.set_page_config(page_title=f"{page} · {APP_NAME}")
