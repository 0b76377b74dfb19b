"""/search: a thin function of the URL (q, mode, k, doc, p): parse, search, render."""

import streamlit as st

from ui import search_view as view
from ui.common import ensure_model, get_engine, set_title, show_notices
from ui.routing import ensure_app_navigation

ensure_app_navigation()
set_title("Search the sources")

engine = get_engine()
st.title("Search the sources")
st.caption('**Hybrid** matches words and meaning, **Semantic** meaning only, **Keyword** the words only. '
           'Put an exact phrase in "double quotes". Every view has its own link: copy the address bar.')

state, notices = view.current_state(engine)
view.sync_widgets(state)
show_notices(notices)
view.controls(engine, view.titles_of(engine))

if not state.q and not state.p:
    view.examples()
    st.stop()

result, hits_by_id = None, {}
if state.q:
    if state.mode != "keyword":
        ensure_model(engine)
    result, hits_by_id = view.run_search(engine, state)

if state.p and result is None:
    view.passage_view(engine, state, hits_by_id, view.corpus_documents(), view.base_url())
elif state.p:
    left, right = st.columns([3, 2], gap="large")
    with right:
        view.passage_view(engine, state, hits_by_id, view.corpus_documents(), view.base_url())
    if result is not None:
        with left:
            view.results(result, state)
else:
    view.results(result, state)
