"""/search: a thin function of the URL (q, mode, k, doc, p): parse, search, render."""

import streamlit as st

from ui import loaders, url_state
from ui import search_view as view
from ui.common import show_notices
from ui.frame import run_page


def render() -> None:
    engine = loaders.engine()
    state, notices = url_state.read(view.parser(engine, loaders.config()))
    view.show_state(state)

    st.title("Search the sources")
    st.caption('**Hybrid** matches words and meaning, **Semantic** meaning only, **Keyword** the words only. '
               'Put an exact phrase in "double quotes". Every view has its own link: copy the address bar.')
    show_notices(notices)
    view.controls(engine, view.titles_of(engine), loaders.config().max_query_chars)
    if not state.q and not state.p:
        view.examples()
        return

    result, hits_by_id = None, {}
    if state.q:
        if state.mode != "keyword":
            loaders.engine_with_model()
        result, hits_by_id = view.run_search(engine, state)

    if result is None:
        view.passage_view(engine, state, hits_by_id, loaders.documents_by_id())
    elif state.p:
        left, right = st.columns([3, 2], gap="large")
        with right:
            view.passage_view(engine, state, hits_by_id, loaders.documents_by_id())
        with left:
            view.results(result, state)
    else:
        view.results(result, state)


run_page("search", render)
