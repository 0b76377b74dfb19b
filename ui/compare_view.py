"""The "Compare a document" view: a document against a reference list, item by item, with the
model's reading, the reviewed reading beside it, and (in a story that takes decisions) a way to
mark any paragraph of the evidence as discussing the item or not.

The core is explorer.analysis.coverage.study (the same call as `compare --doc --ref` and the JSON
twin); ui.loaders caches it per index and per state of the reviewed layer. Text reaches the page
through md_escape and explorer.search.highlight.to_html (which escapes) only.
"""

import csv
import io

import streamlit as st

from explorer.analysis.coverage.readings import DISCUSSED, LAYER, NOT_DISCUSSED, subject
from explorer.analysis.coverage.report import BORDERLINE
from explorer.errors import ExplorerError
from explorer.search.highlight import to_html
from ui import loaders
from ui.common import md_escape, show_html
from ui.principles_views import shown_table

VERDICT_MARKS = {"discussed": "discussed", "not discussed": "not discussed", "borderline": "borderline (unsure)"}
AUTHOR_KEY = "compare_author"


def csv_text(rows: list[dict]) -> str:
    out = io.StringIO()
    if rows:
        writer = csv.DictWriter(out, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    return out.getvalue()


def _reviewed_words(item) -> str:
    if item.reviewed is None:
        return "nobody yet"
    return ("discussed" if item.reviewed else "not discussed") + (
        f" ({', '.join(item.reviewed_paragraphs)})" if item.reviewed_paragraphs else "")


def _agreement_words(item) -> str:
    if item.reviewed is None:
        return ""
    if item.verdict == BORDERLINE:
        return " · the model is unsure"
    return " · the readings agree" if (item.verdict == "discussed") == item.reviewed else " · the readings differ"


def _record(story, result, item, paragraph, action) -> None:
    author = st.session_state.get(AUTHOR_KEY, "")
    try:
        story.reviews.record(LAYER, subject(result.reference_id, item.number, paragraph["id"]), action,
                             {"item": item.label, "locator": paragraph["locator"], "quote": paragraph["sentence"]},
                             author, cites=[result.document_id])
        st.session_state["compare_notice"] = (f"Recorded: {paragraph['locator']} "
                                              f"{'discusses' if action == DISCUSSED else 'does not discuss'} "
                                              f"{item.label}.")
    except ExplorerError as problem:
        st.session_state["compare_notice"] = f"{problem.problem} {problem.fix}"


def render_compare(collection, state, keys: dict, on_change, heading: bool = True) -> None:
    """The view. keys: widget keys {"doc": ..., "ref": ...}; on_change(field) writes the URL."""
    documents, sets = loaders.reference_choices(collection)
    if heading:
        st.subheader("Compare a document")
    st.caption("Choose a document and a reference list: for each item of the list, does the document discuss it?")
    if not documents or not sets:
        st.info("This collection has no document to study yet: add one on the Add documents page.")
        return
    titles = dict(documents)
    by_id = {s.id: s for s in sets}
    doc_id = state.doc if state.doc in titles else documents[0][0]
    ref_id = state.ref if state.ref in by_id else sets[0].id
    st.selectbox("Document under study", list(titles), key=keys["doc"], format_func=titles.get,
                 on_change=on_change, args=("doc",))
    st.selectbox("Reference list", list(by_id), key=keys["ref"],
                 format_func=lambda i: f"{by_id[i].title} ({len(by_id[i])} items"
                                       f"{', from this collection' if by_id[i].origin == 'collection' else ''})",
                 on_change=on_change, args=("ref",))
    story = loaders.story(collection)
    result = loaders.document_comparison(collection, doc_id, ref_id)
    st.markdown(f"**{md_escape(result.summary())}**")
    reviewed = result.agreement()
    cols = st.columns(3)
    cols[0].metric("Items the model finds discussed", sum(i.verdict == "discussed" for i in result.items))
    cols[1].metric("Items a person reviewed", reviewed["reviewed_items"])
    cols[2].metric("Readings agreeing", f"{reviewed['verdicts_agreeing']} / {reviewed['reviewed_items']}")
    with st.expander("How this works"):
        st.markdown(md_escape(result.method_text()))
        if result.readers is not None:
            st.markdown(md_escape(result.readers.sentence()))
    if story.writable:
        st.text_input("Your name (kept with each decision you record)", key=AUTHOR_KEY)
    notice = st.session_state.pop("compare_notice", None)
    if notice:
        st.info(md_escape(notice))

    rows = result.table_rows()
    st.dataframe(shown_table(rows), hide_index=True, width="stretch")
    st.download_button("Download the table (CSV)", csv_text(rows), file_name=f"{doc_id}-vs-{ref_id}.csv",
                       mime="text/csv", key="compare_csv")
    texts = {p.id: p.text for p in result.scored.passages}
    for item in result.items:
        st.markdown(f"**{md_escape(item.label)} · {md_escape(item.title)}**: model {VERDICT_MARKS[item.verdict]} · "
                    f"person's reading: {md_escape(_reviewed_words(item) + _agreement_words(item))}")
        shown = item.evidence or item.closest[:1]
        label = "Evidence" if item.evidence else "Closest paragraph"
        with st.expander(md_escape(f"{label}: {', '.join(e['locator'] for e in shown) or 'none'}")):
            st.caption(md_escape(item.text))
            for k, e in enumerate(shown):
                mark = {None: "", True: " · reviewed: discusses it", False: " · reviewed: does not"}[e["reviewed"]]
                st.markdown(f"{md_escape(e['locator'])}{md_escape(mark)}")
                spans = [{"start": e["span"][0], "end": e["span"][1], "kind": "sentence"}] if e["span"] else []
                show_html(f'<div class="passage">{to_html(texts[e["id"]], spans)}</div>')
                if story.writable:
                    left, right = st.columns(2)
                    key = f"{ref_id}|{item.number}|{e['id']}"
                    left.button("Discusses it", key=f"yes|{key}", on_click=_record,
                                args=(story, result, item, e, DISCUSSED))
                    right.button("Does not", key=f"no|{key}", on_click=_record,
                                 args=(story, result, item, e, NOT_DISCUSSED))
