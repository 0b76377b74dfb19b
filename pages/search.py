"""/search: a thin function of the URL (q, mode, k, doc, kind, from, to, ent, p): parse, search, render.

An opened passage (p) unfolds under its own result, so on a phone it appears where the reader
tapped, not below the whole list; one that is not among the results is shown above them."""

import streamlit as st

from ui import loaders, notebook_view, url_state
from ui import search_entities as entities
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
    state, notices = url_state.read(view.parser(engine, loaders.config(),
                                                lambda e: loaders.entity_index(collection).get(e) is not None))
    view.show_state(state)

    st.title("Search the sources")
    st.caption('**Hybrid** matches words and meaning, **Semantic** meaning only, **Keyword** the words only. '
               'Put an exact phrase in "double quotes". Every view has its own link: copy the address bar.')
    show_notices(notices)
    view.controls(engine, view.titles_of(engine), loaders.config().max_query_chars)
    notebook_view.save_search(state)
    index = loaders.entity_index(collection) if state.q or state.ent else None
    if state.ent:
        entities.entity_filter(index, state)
    if not state.q and not state.p:
        view.examples(loaders.story(collection).info.search_examples)
        return

    result, hits_by_id = None, {}
    if state.q:
        if state.mode != "keyword":
            loaders.engine_with_model(collection)
        result, hits_by_id = view.run_search(engine, state, index.passages_of(state.ent) if state.ent else None)

    documents = loaders.documents_by_id(collection)
    if result is not None:
        view.query_notices(state, loaders.vocabulary(collection))
        view.did_you_mean(state, loaders.vocabulary(collection), engine)
    if state.p and state.p not in hits_by_id:  # an opened passage that is not among the hits: first
        with st.container(border=True):
            view.passage_view(engine, state, hits_by_id, documents)
    if result is not None:
        entities.facets(index, result, state)
        view.results(result, state, documents, frameworks(collection), engine, entities.names_of(index))


def frameworks(collection) -> list[str]:
    """The framework ids of the story, which the principles page can open."""
    from explorer.analysis.coverage.alignment import frameworks as framework_documents

    return [d.id for d in framework_documents(loaders.documents(collection))]


run_page("search", render)
