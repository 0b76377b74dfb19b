"""/notebook: this workspace's stars, notes and saved searches on the current collection, with
their citations and permalinks, and their exports (Markdown for a draft, CSV, JSON). On a
published collection: the owner's notebook if the owner chose to show it, read-only."""

import streamlit as st

from ui import notebook_view, url_state
from ui.common import show_notices
from ui.frame import run_page


class NotebookState:
    """This page's URL state: only the collection (kept by url_state)."""

    def to_params(self) -> dict:
        return {}


def render() -> None:
    _, notices = url_state.read(lambda params: (NotebookState(), []))
    st.title("Notebook")
    show_notices(notices)
    notebook_view.show()


run_page("notebook", render)
