"""/search: a thin function of the URL (q, mode, k, doc, p): parse, search, render."""

import streamlit as st

from ui import loaders, url_state
from ui import search_view as view
from ui.common import md_escape, show_notices
from ui.frame import run_page


def render() -> None:
    collection = url_state.collection()
    if not collection.read_only and not collection.documents:
        st.title("Search the sources")
        st.info(md_escape(f"The collection “{collection.title}” has no documents yet. Add some on the Add documents page."))
        st.page_link("pages/add.py", label="Add documents", icon=":material/upload_file:",
                     query_params=url_state.shared_params())
        return
    engine = loaders.engine(collection)
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
            loaders.engine_with_model(collection)
        result, hits_by_id = view.run_search(engine, state)

    if result is None:
        view.passage_view(engine, state, hits_by_id, loaders.documents_by_id(collection))
    elif state.p:
        left, right = st.columns([3, 2], gap="large")
        with right:
            view.passage_view(engine, state, hits_by_id, loaders.documents_by_id(collection))
        with left:
            view.results(result, state, loaders.documents_by_id(collection), frameworks(collection))
    else:
        view.results(result, state, loaders.documents_by_id(collection), frameworks(collection))


def frameworks(collection) -> list[str]:
    """The framework ids the principles page can open (the bundled story's only)."""
    from explorer.alignment import frameworks as framework_documents

    return [d.id for d in framework_documents(loaders.documents())] if collection.read_only else []


run_page("search", render)
