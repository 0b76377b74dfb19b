"""/claims: a document's check-worthy claims, their verdicts and the sources' evidence (doc, claim, sort)."""

import streamlit as st

from explorer.share.claims import checkable_documents, parse_view, report_for
from ui import claims_view as view
from ui import loaders, url_state
from ui.common import show_notices
from ui.frame import run_page


def render() -> None:
    collection = url_state.collection()
    story = view.story(collection)
    engine = loaders.engine(collection)  # the model loads only if some claim's evidence is not cached
    entities = loaders.entity_index(collection)
    state, notices = url_state.read(lambda params: parse_view(params, story, engine, entities))
    st.title("Claims checked against the sources")
    st.caption("The check-worthy sentences of a document, most check-worthy first, each with the sentence of "
               "the collection's other documents that best supports or contradicts it and the figures, dates "
               "and names that differ. The engine points at what to check; the verdicts are people's.")
    show_notices(notices)
    from explorer.analysis.claims.check import document_labels

    labels = document_labels(story)
    documents = [(d, labels.get(d, d).strip("“”")) for d in checkable_documents(story, engine)]
    if len(documents) < 2:
        st.info("Checking claims needs at least two documents: the one under check and a source to check it "
                "against. Add documents on the Add page.")
        return
    with st.spinner("Finding the claims and their evidence…"):
        report = report_for(story, engine, state, entities)
    view.choose_document(state, documents, report.doc)
    view.default_note(report, state, dict(documents))
    view.counts_line(report, story)
    sort = st.radio("Sort", ["checkworthy", "verdict"], index=["checkworthy", "verdict"].index(state.sort),
                    format_func={"checkworthy": "Most check-worthy first",
                                 "verdict": "By verdict (worst first)"}.get, horizontal=True, key="claims_sort")
    if sort != state.sort:
        url_state.write(type(state)(doc=state.doc, claim=state.claim, sort=sort))
        st.rerun()
    opened = report.claim(state.claim) if state.claim else None
    if opened is not None:  # a permalink lands on its claim, not somewhere down the list
        st.subheader("The claim you opened")
        view.claim_panel(opened, report, story, engine, opened=True)
    view.verdicts_section(report, state, sort)
    st.subheader("The engine's reading (derived)")
    if not story.writable:
        st.caption("This story is read-only: its verdicts ship with it.")
    claims = report.sorted_by_verdict() if sort == "verdict" else report.claims
    for claim in claims:
        view.claim_panel(claim, report, story, engine, opened=False)
    view.downloads(report, story, engine, story.document(report.doc).title if story.document(report.doc)
                   else report.doc)


run_page("claims", render)
