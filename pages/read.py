"""/read: one document whole, paragraph by paragraph, each paragraph's locator a link to it (doc, p).

`/read?p=article:12` opens the paragraph's document, marks the paragraph and scrolls to it: the
link a search hit, a claim, an event or a citation gives for "this paragraph"."""

import streamlit as st

from explorer.citation import is_verbatim
from explorer.views import read as read_data
from ui import loaders, url_state
from ui import read_view as view
from ui.search_view import titles_of
from ui.common import md_escape, show_notices
from ui.frame import run_page


def render() -> None:
    collection = url_state.collection()
    st.title("Read a document")
    if not collection.read_only and not collection.documents:
        st.info(md_escape(f"The collection “{collection.title}” has no documents yet. Add some on the Add documents page."))
        st.page_link("pages/add.py", label="Add documents", icon=":material/upload_file:",
                     query_params=url_state.shared_params())
        return
    engine = loaders.engine(collection)
    state, notices = url_state.read(lambda params: read_data.parse(params, engine))
    st.caption("The whole document, paragraph by paragraph. Each paragraph's number is a link to it: copy it "
               "to point a reader at that paragraph.")
    show_notices(notices)
    titles = titles_of(engine)
    doc = read_data.document_of(state, engine)
    view.choose_document(doc, titles)
    data = read_data.read_data(state, engine, url_state.base_url(), url_state.shared_params())
    documents = loaders.documents_by_id(collection)
    st.subheader(md_escape(data["title"]))
    view.document_facts(documents.get(doc))
    st.caption(md_escape(f"{len(data['paragraphs'])} paragraphs."))
    if any(not is_verbatim(engine.passage(row["id"])) for row in data["paragraphs"]):
        st.info("This text is the explorer's own paraphrase of its sources, not their words: quote the source "
                "itself (its link is above, or in each citation), never these paragraphs.")
    view.document(data, engine.passage, documents.get(doc))


run_page("read", render)
